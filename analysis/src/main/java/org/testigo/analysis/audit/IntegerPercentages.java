package org.testigo.analysis.audit;

import java.util.stream.IntStream;

/**
 * Kobak, Shpilkin &amp; Pshenichnikov's integer-percentage test ("Integer percentages as electoral
 * falsification fingerprints", Annals of Applied Statistics 10(1), 2016): officials who write the result
 * they were told to reach tend to land on round percentages.
 *
 * <p>A count v of a total n <em>hits</em> an integer percentage when v is the count closest to k% of n for
 * some whole k, i.e. v = ⌊(n·k + 50) / 100⌋. Only totals of at least {@link #MIN_TOTAL} enter: below 100,
 * every count hits. The reference is what binomial resampling of the same tables gives: each table's
 * count redrawn as Binomial(n, v/n). Rather than drawing, the test takes that resampling's exact limit:
 * the chance P_i that the redrawn count hits (summing the binomial probabilities of the hitting counts),
 * so the expected hits are Σ P_i with variance Σ P_i(1 − P_i), and z = (observed − expected) / sd. The
 * p-value is one-sided (too many hits).
 */
final class IntegerPercentages {
    static final int MIN_TOTAL = 100;
    /** The binomial mass beyond 7 standard deviations and 20 counts is below 10⁻¹⁰, even for small skewed tables: it is left out. */
    private static final double SPAN = 7;

    static final Caveat CAVEAT = new Caveat(
            "Too many tables on a whole percentage (of turnout or of the leader's share) is a known trace of results"
                    + " written to order (Kobak et al. 2016). The reference redraws each table's count by chance, so"
                    + " small tables, which hit whole percentages often, are accounted for. An excess says where to look;"
                    + " it does not say which tables or who.",
            "Demasiadas mesas en un porcentaje entero (de participación o del voto del ganador) es una huella"
                    + " conocida de resultados escritos por encargo (Kobak et al. 2016). La referencia vuelve a sortear el"
                    + " conteo de cada mesa, así que las mesas pequeñas, que caen a menudo en porcentajes enteros, están"
                    + " contempladas. Un exceso dice dónde mirar; no dice qué mesas ni quién.");

    private IntegerPercentages() {
    }

    /** Whether v of n is the count nearest a whole percentage of n. */
    static boolean hits(int v, int n) {
        long k = 100L * v / n; // the two whole percentages around 100·v/n
        return v == (n * k + 50) / 100 || (k < 100 && v == (n * (k + 1) + 50) / 100);
    }

    /** The chance that Binomial(n, v/n) hits a whole percentage of n. */
    static double hitChance(int v, int n) {
        if (v == 0 || v == n) {
            return 1; // the resampled count cannot move, and 0% and 100% are whole
        }
        double p = (double) v / n;
        double mean = n * p;
        double sd = Math.sqrt(mean * (1 - p));
        int lo = (int) Math.max(0, Math.floor(mean - SPAN * sd - 20));
        int hi = (int) Math.min(n, Math.ceil(mean + SPAN * sd + 20));
        int mode = (int) Math.min(n, Math.floor((n + 1) * p));
        double logMode = Distributions.logGamma(n + 1.0) - Distributions.logGamma(mode + 1.0)
                - Distributions.logGamma(n - mode + 1.0) + mode * Math.log(p) + (n - mode) * Math.log1p(-p);
        double odds = p / (1 - p);
        double sum = 0;
        // Walk the hitting counts ⌊(n·k + 50)/100⌋ upwards and downwards from the mode, carrying the binomial
        // probability along with pmf(h+1) = pmf(h)·(n−h)/(h+1)·p/(1−p): no division by 100 per count.
        long k = 100L * mode / n; // the first whole percentage whose count is at or above the mode
        while (k > 0 && (n * (k - 1) + 50) / 100 >= mode) {
            k--;
        }
        while ((n * k + 50) / 100 < mode) {
            k++;
        }
        double pmf = Math.exp(logMode);
        int h = mode;
        int last = -1;
        for (; k <= 100; k++) {
            int target = (int) ((n * k + 50) / 100);
            if (target > hi) {
                break;
            }
            if (target == last) {
                continue; // below 100 voters two percentages can share a count
            }
            last = target;
            for (; h < target; h++) {
                pmf *= (n - h) / (h + 1.0) * odds;
            }
            sum += pmf;
        }
        pmf = Math.exp(logMode);
        h = mode;
        k = 100L * mode / n;
        while ((n * k + 50) / 100 >= mode && k >= 0) {
            k--;
        }
        last = mode;
        for (; k >= 0; k--) {
            int target = (int) ((n * k + 50) / 100);
            if (target < lo) {
                break;
            }
            if (target == last) {
                continue;
            }
            last = target;
            for (; h > target; h--) {
                pmf *= h / (n - h + 1.0) / odds;
            }
            sum += pmf;
        }
        return Math.min(1, sum);
    }

    /**
     * @param counts per table, the count (e.g. ballots cast)
     * @param totals per table, the total (e.g. registered voters); tables with a total below 100 or a count
     *               above the total are left out
     */
    static StatResult test(String subject, int[] counts, int[] totals) {
        int chunks = Math.max(1, Math.min(64, counts.length / 8192));
        double[][] parts = new double[chunks][4];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) counts.length * c / chunks);
            int to = (int) ((long) counts.length * (c + 1) / chunks);
            double[] s = parts[c];
            for (int i = from; i < to; i++) {
                int n = totals[i];
                int v = counts[i];
                if (n < MIN_TOTAL || v < 0 || v > n) {
                    continue;
                }
                double chance = hitChance(v, n);
                s[0]++;
                s[1] += hits(v, n) ? 1 : 0;
                s[2] += chance;
                s[3] += chance * (1 - chance);
            }
        });
        double tables = 0;
        double observed = 0;
        double expected = 0;
        double variance = 0;
        for (double[] s : parts) {
            tables += s[0];
            observed += s[1];
            expected += s[2];
            variance += s[3];
        }
        double sd = Math.sqrt(variance);
        double p = sd == 0 ? Double.NaN : Distributions.normalSurvival((observed - expected) / sd);
        return StatResult.of("integer-percentage", subject, (long) tables, observed, expected,
                new Band(expected - 1.959964 * sd, expected + 1.959964 * sd), p, CAVEAT);
    }
}
