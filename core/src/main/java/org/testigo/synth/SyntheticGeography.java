package org.testigo.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;

/**
 * Lays out the places of a synthetic election with codes that nest like the CNE's: state {@code SS},
 * municipality {@code SSMM}, parish {@code SSMMPP}, centre {@code SSMMPPCCC}, table
 * {@code SSMMPPCCC.TT}. First the centres are drawn (each with its number of tables) until exactly
 * N tables exist; then municipalities, parishes and centres are shared out among the level above in
 * proportion to log-normal sizes, never beyond 99 / 99 / 999 per parent.
 */
final class SyntheticGeography {
    static final List<String> LEVELS = List.of("estado", "municipio", "parroquia", "centro");

    private static final int MAX_MUNICIPALITIES = 99;
    private static final int MAX_PARISHES = 99;
    private static final int MAX_CENTRES = 999;

    final Geography geography;
    /** Parish (0-based, in layout order) of each table. */
    final int[] tableParish;
    /** State (0-based) of each parish. */
    final int[] parishState;
    final int stateCount;
    final long registered;

    private SyntheticGeography(Geography geography, int[] tableParish, int[] parishState, int stateCount, long registered) {
        this.geography = geography;
        this.tableParish = tableParish;
        this.parishState = parishState;
        this.stateCount = stateCount;
        this.registered = registered;
    }

    static SyntheticGeography build(SynthSpec spec) {
        SynthParameters p = spec.parameters();
        int n = spec.tables();
        long maxCentres = (long) p.states() * MAX_MUNICIPALITIES * MAX_PARISHES * MAX_CENTRES;
        if ((double) n / p.maxTablesPerCentre() > maxCentres) {
            throw new IllegalArgumentException(n + " tables do not fit the CNE code space: " + p.states()
                    + " states × 99 municipalities × 99 parishes × 999 centres × " + p.maxTablesPerCentre()
                    + " tables per centre hold at most " + maxCentres * p.maxTablesPerCentre() + " tables");
        }
        int[] centreTables = drawCentres(n, p, Dice.of(spec.seed(), Streams.PLAN, 0));
        int centres = centreTables.length;
        if (centres > maxCentres) {
            throw new IllegalArgumentException(n + " tables need " + centres + " centres, but " + p.states()
                    + " states × 99 municipalities × 99 parishes × 999 centres hold at most " + maxCentres
                    + "; ask for fewer tables or more states");
        }

        // Levels grow together beyond the reference size, so a large election keeps its proportions.
        int states = Math.min(p.states(), centres);
        double reference = states * p.municipalitiesPerState() * p.parishesPerMunicipality() * p.centresPerParish();
        double growth = StrictMath.cbrt(Math.max(1.0, centres / reference));
        int minParishes = ceilDiv(centres, MAX_CENTRES);
        int minMunicipalities = ceilDiv(minParishes, MAX_PARISHES);
        int municipalities = clamp(Math.round(states * p.municipalitiesPerState() * growth),
                Math.max(states, minMunicipalities), Math.min((long) states * MAX_MUNICIPALITIES, centres));
        int parishes = clamp(Math.round(centres / (p.centresPerParish() * growth)),
                Math.max(municipalities, minParishes), Math.min((long) municipalities * MAX_PARISHES, centres));

        Dice sizes = Dice.of(spec.seed(), Streams.PLAN, 1);
        int[] municipalitiesPerState = Apportion.bounded(municipalities, sizes(states, p.sizeSpread(), sizes), MAX_MUNICIPALITIES);
        int[] parishesPerMunicipality = Apportion.bounded(parishes, sizes(municipalities, p.sizeSpread(), sizes), MAX_PARISHES);
        int[] centresPerParish = Apportion.bounded(centres, sizes(parishes, p.sizeSpread(), sizes), MAX_CENTRES);

        return lay(spec, states, municipalitiesPerState, parishesPerMunicipality, centresPerParish, centreTables);
    }

    /** Tables of each centre, drawn from the configured frequencies; the last centre is cut to reach n. */
    private static int[] drawCentres(int n, SynthParameters p, Dice dice) {
        double[] cumulative = new double[p.tablesPerCentre().size()];
        double total = 0;
        for (int k = 0; k < cumulative.length; k++) {
            total += p.tablesPerCentre().get(k);
            cumulative[k] = total;
        }
        int[] centres = new int[Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, (long) (n / p.meanTablesPerCentre() * 1.1) + 16))];
        int count = 0;
        int left = n;
        while (left > 0) {
            double u = dice.uniform() * total;
            int k = 0;
            while (k < cumulative.length - 1 && u >= cumulative[k]) {
                k++;
            }
            int tables = Math.min(k + 1, left);
            if (count == centres.length) {
                centres = Arrays.copyOf(centres, (int) Math.min(Integer.MAX_VALUE - 8, centres.length * 3L / 2));
            }
            centres[count++] = tables;
            left -= tables;
        }
        return Arrays.copyOf(centres, count);
    }

    private static double[] sizes(int count, double spread, Dice dice) {
        double[] sizes = new double[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = dice.logNormal(spread);
        }
        return sizes;
    }

    private static SyntheticGeography lay(SynthSpec spec, int states, int[] municipalitiesPerState,
            int[] parishesPerMunicipality, int[] centresPerParish, int[] centreTables) {
        SynthParameters p = spec.parameters();
        Dice names = Dice.of(spec.seed(), Streams.NAMES, 0);
        Dice voters = Dice.of(spec.seed(), Streams.REGISTERED, 0);
        List<GeoNode> nodes = new ArrayList<>(states + parishesPerMunicipality.length + centresPerParish.length + centreTables.length);
        List<PollingTable> tables = new ArrayList<>(spec.tables());
        int[] tableParish = new int[spec.tables()];
        int[] parishState = new int[centresPerParish.length];
        long registered = 0;
        int municipality = 0;
        int parish = 0;
        int centre = 0;
        for (int s = 0; s < states; s++) {
            String sCode = twoDigits(s + 1);
            nodes.add(new GeoNode(sCode, GeoNode.NATION, 0, "Estado " + PlaceNames.invent(names)));
            for (int m = 0; m < municipalitiesPerState[s]; m++, municipality++) {
                String mCode = sCode + twoDigits(m + 1);
                nodes.add(new GeoNode(mCode, sCode, 1, "Municipio " + PlaceNames.invent(names)));
                for (int q = 0; q < parishesPerMunicipality[municipality]; q++, parish++) {
                    String qCode = mCode + twoDigits(q + 1);
                    nodes.add(new GeoNode(qCode, mCode, 2, "Parroquia " + PlaceNames.invent(names)));
                    parishState[parish] = s;
                    for (int c = 0; c < centresPerParish[parish]; c++, centre++) {
                        String cCode = qCode + threeDigits(c + 1);
                        nodes.add(new GeoNode(cCode, qCode, 3, "Escuela " + PlaceNames.invent(names)));
                        for (int t = 0; t < centreTables[centre]; t++) {
                            int voters1 = registeredVoters(p, voters);
                            tableParish[tables.size()] = parish;
                            tables.add(new PollingTable(new TableId(cCode + "." + twoDigits(t + 1)), cCode, voters1));
                            registered += voters1;
                        }
                    }
                }
            }
        }
        if (tables.size() != spec.tables() || centre != centreTables.length) {
            throw new IllegalStateException("laid out " + tables.size() + " tables in " + centre
                    + " centres, planned " + spec.tables() + " in " + centreTables.length);
        }
        Geography geography = new Geography("País sintético", nodes, tables);
        return new SyntheticGeography(geography, tableParish, parishState, states, registered);
    }

    private static int registeredVoters(SynthParameters p, Dice dice) {
        long r = Math.round(p.registeredMean() + p.registeredSd() * dice.gaussian());
        return (int) Math.max(p.registeredMin(), Math.min(p.registeredMax(), r));
    }

    private static int clamp(long value, long min, long max) {
        return (int) Math.max(min, Math.min(max, value));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String threeDigits(int n) {
        return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
    }
}
