package org.testigo.synth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.testigo.election.Ballot;
import org.testigo.election.Card;
import org.testigo.election.Candidate;
import org.testigo.tally.ve2024.Ve2024Ballot;

/**
 * How a synthetic election looks: the shape of its geography and how its voters behave. The defaults
 * live in {@code synth-defaults.properties} beside this class, calibrated on Venezuela's 2024 data;
 * each component is named after its key there.
 *
 * @param states number of states, 1 to 99 (fewer when there are fewer centres than states)
 * @param municipalitiesPerState mean, at the reference size (about 30,000 tables)
 * @param parishesPerMunicipality mean, at the reference size
 * @param centresPerParish mean, at the reference size; larger elections grow all three levels alike
 * @param tablesPerCentre relative frequency of centres with 1, 2, 3, … tables (at most 99 entries)
 * @param sizeSpread log-normal sigma of the relative size of states, municipalities and parishes
 * @param registeredMean mean registered voters per table
 * @param registeredSd their standard deviation
 * @param registeredMin fewest registered voters at a table (≥ 1)
 * @param registeredMax most registered voters at a table
 * @param turnout share of the registered who cast a ballot
 * @param leader candidate id of the winner
 * @param runnerUp candidate id of the second; takes the valid votes the others leave
 * @param leaderShare leader's share of the valid votes
 * @param minorShares mean share of the valid votes of each other candidate; one not named gets no votes
 * @param minorSpread log-normal sigma of a minor candidate's share from parish to parish
 * @param nullRate share of tables with any null votes
 * @param nullMax most null votes at a table
 * @param cardWeights relative weight of each card among its candidate's cards; a card not named weighs 1
 * @param cardSpread relative standard deviation (0 to 0.5) of a card's weight from table to table, drawn
 *        uniformly around it: the weights are fixed-ish
 */
public record SynthParameters(
        int states,
        double municipalitiesPerState,
        double parishesPerMunicipality,
        double centresPerParish,
        List<Double> tablesPerCentre,
        double sizeSpread,
        double registeredMean,
        double registeredSd,
        int registeredMin,
        int registeredMax,
        Rate turnout,
        String leader,
        String runnerUp,
        Rate leaderShare,
        Map<String, Double> minorShares,
        double minorSpread,
        double nullRate,
        int nullMax,
        Map<String, Double> cardWeights,
        double cardSpread) {

    /** Resource holding the defaults, next to this class. */
    public static final String DEFAULTS_RESOURCE = "synth-defaults.properties";

    /** Most tables a centre may have: the table number has 2 digits. */
    public static final int MAX_TABLES_PER_CENTRE = 99;

    /**
     * A proportion that varies by place: logit-normal around {@code mean}, with independent state,
     * parish and table effects (sigmas on the logit scale), each table's value clamped to
     * [{@code min}, {@code max}].
     */
    public record Rate(double mean, double min, double max, double stateSd, double parishSd, double tableSd) {
        public Rate {
            if (!(0 < min && min <= mean && mean <= max && max <= 1)) {
                throw new IllegalArgumentException("a rate needs 0 < min ≤ mean ≤ max ≤ 1 (got min " + min
                        + ", mean " + mean + ", max " + max + ")");
            }
            if (!(stateSd >= 0 && parishSd >= 0 && tableSd >= 0)) {
                throw new IllegalArgumentException("a rate's stateSd, parishSd and tableSd must be ≥ 0");
            }
            if (mean == 1) {
                throw new IllegalArgumentException("a rate's mean must be below 1");
            }
        }
    }

    public SynthParameters {
        tablesPerCentre = List.copyOf(tablesPerCentre);
        minorShares = Map.copyOf(minorShares);
        cardWeights = Map.copyOf(cardWeights);
        require(states >= 1 && states <= 99, "states must be 1 to 99 (2-digit state codes), got " + states);
        require(municipalitiesPerState >= 1, "municipalities.perState must be ≥ 1, got " + municipalitiesPerState);
        require(parishesPerMunicipality >= 1, "parishes.perMunicipality must be ≥ 1, got " + parishesPerMunicipality);
        require(centresPerParish >= 1, "centres.perParish must be ≥ 1, got " + centresPerParish);
        require(!tablesPerCentre.isEmpty() && tablesPerCentre.size() <= MAX_TABLES_PER_CENTRE,
                "centres.tableWeights must list 1 to 99 weights (centres with 1, 2, … tables), got " + tablesPerCentre.size());
        require(tablesPerCentre.stream().allMatch(w -> w >= 0) && tablesPerCentre.stream().anyMatch(w -> w > 0),
                "centres.tableWeights must be ≥ 0 with at least one above 0");
        require(sizeSpread >= 0, "regions.sizeSpread must be ≥ 0");
        require(registeredMin >= 1 && registeredMin <= registeredMax,
                "registered.min must be ≥ 1 and ≤ registered.max, got " + registeredMin + " and " + registeredMax);
        require(registeredMax <= 1_000_000, "registered.max must be at most 1,000,000 voters per table");
        require(registeredMean >= registeredMin && registeredMean <= registeredMax,
                "registered.mean must lie between registered.min and registered.max, got " + registeredMean);
        require(registeredSd >= 0, "registered.sd must be ≥ 0");
        Ballot ballot = Ve2024Ballot.BALLOT;
        require(ballot.candidateIndex(leader) >= 0, "leader must be a candidate of the 2024 ballot, got " + leader);
        require(ballot.candidateIndex(runnerUp) >= 0 && !runnerUp.equals(leader),
                "runnerUp must be another candidate of the 2024 ballot, got " + runnerUp);
        double minorTotal = 0;
        for (Map.Entry<String, Double> e : minorShares.entrySet()) {
            require(ballot.candidateIndex(e.getKey()) >= 0 && !e.getKey().equals(leader) && !e.getKey().equals(runnerUp),
                    "minor." + e.getKey() + " must name a candidate of the 2024 ballot other than the leader and runner-up");
            require(e.getValue() >= 0, "minor." + e.getKey() + " must be ≥ 0");
            minorTotal += e.getValue();
        }
        require(minorTotal + leaderShare.mean() < 1,
                "the minor shares (" + minorTotal + ") and leaderShare.mean must leave votes for the runner-up");
        require(minorSpread >= 0, "minorSpread must be ≥ 0");
        require(nullRate >= 0 && nullRate <= 1, "nulls.rate must be 0 to 1, got " + nullRate);
        require(nullMax >= 0, "nulls.max must be ≥ 0");
        for (Map.Entry<String, Double> e : cardWeights.entrySet()) {
            require(ballot.cards().stream().anyMatch(c -> c.id().equals(e.getKey())),
                    "card." + e.getKey() + " must name a card of the 2024 ballot");
            require(e.getValue() > 0, "card." + e.getKey() + " must be > 0");
        }
        require(cardSpread >= 0 && cardSpread <= 0.5, "cardSpread must be 0 to 0.5, got " + cardSpread);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Mean tables per centre implied by {@link #tablesPerCentre}. */
    public double meanTablesPerCentre() {
        double n = 0;
        double sum = 0;
        for (int k = 0; k < tablesPerCentre.size(); k++) {
            n += tablesPerCentre.get(k);
            sum += (k + 1) * tablesPerCentre.get(k);
        }
        return sum / n;
    }

    /** Largest number of tables a centre can get. */
    public int maxTablesPerCentre() {
        int max = 0;
        for (int k = 0; k < tablesPerCentre.size(); k++) {
            if (tablesPerCentre.get(k) > 0) {
                max = k + 1;
            }
        }
        return max;
    }

    /** The checked-in defaults. */
    public static SynthParameters defaults() {
        return from(defaultProperties());
    }

    /** A fresh copy of the checked-in defaults, to change a few keys and pass to {@link #from}. */
    public static Properties defaultProperties() {
        Properties properties = new Properties();
        try (InputStream in = SynthParameters.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        return properties;
    }

    /**
     * Reads parameters from properties with the keys of {@code synth-defaults.properties}.
     *
     * @throws IllegalArgumentException naming the key that is missing or wrong
     */
    public static SynthParameters from(Properties p) {
        Ballot ballot = Ve2024Ballot.BALLOT;
        Map<String, Double> minor = new TreeMap<>();
        for (Candidate c : ballot.candidates()) {
            if (p.containsKey("minor." + c.id())) {
                minor.put(c.id(), number(p, "minor." + c.id()));
            }
        }
        Map<String, Double> cards = new TreeMap<>();
        for (Card c : ballot.cards()) {
            if (p.containsKey("card." + c.id())) {
                cards.put(c.id(), number(p, "card." + c.id()));
            }
        }
        for (String key : p.stringPropertyNames()) {
            if ((key.startsWith("minor.") && !minor.containsKey(key.substring(6)))
                    || (key.startsWith("card.") && !cards.containsKey(key.substring(5)))) {
                throw new IllegalArgumentException("synth parameter " + key + " names no candidate or card of the 2024 ballot");
            }
        }
        return new SynthParameters(
                integer(p, "states"),
                number(p, "municipalities.perState"),
                number(p, "parishes.perMunicipality"),
                number(p, "centres.perParish"),
                numbers(p, "centres.tableWeights"),
                number(p, "regions.sizeSpread"),
                number(p, "registered.mean"),
                number(p, "registered.sd"),
                integer(p, "registered.min"),
                integer(p, "registered.max"),
                rate(p, "turnout"),
                text(p, "leader"),
                text(p, "runnerUp"),
                rate(p, "leaderShare"),
                minor,
                number(p, "minorSpread"),
                number(p, "nulls.rate"),
                integer(p, "nulls.max"),
                cards,
                number(p, "cardSpread"));
    }

    private static Rate rate(Properties p, String prefix) {
        try {
            return new Rate(number(p, prefix + ".mean"), number(p, prefix + ".min"), number(p, prefix + ".max"),
                    number(p, prefix + ".stateSd"), number(p, prefix + ".parishSd"), number(p, prefix + ".tableSd"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ": " + e.getMessage(), e);
        }
    }

    private static String text(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("synth parameter " + key + " is missing");
        }
        return value.strip();
    }

    private static double number(Properties p, String key) {
        String value = text(p, key);
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("synth parameter " + key + " must be a number, got \"" + value + "\"");
        }
    }

    private static int integer(Properties p, String key) {
        String value = text(p, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("synth parameter " + key + " must be a whole number, got \"" + value + "\"");
        }
    }

    private static List<Double> numbers(Properties p, String key) {
        List<Double> list = new ArrayList<>();
        for (String part : text(p, key).split(",")) {
            Properties one = new Properties();
            one.setProperty(key, part);
            list.add(number(one, key));
        }
        return list;
    }
}
