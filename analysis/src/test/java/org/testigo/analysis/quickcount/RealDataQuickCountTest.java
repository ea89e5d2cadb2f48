package org.testigo.analysis.quickcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.election.Election;
import org.testigo.resultados.ImportedRow;
import org.testigo.resultados.ResultadosCsv;
import org.testigo.resultados.ResultadosImport;
import org.testigo.testing.SharedData;

/**
 * The quick count on the real 2024 data: the 24,532 tables of resultadosconvzla's V1 file are the
 * population, so the truth is known (González 7,156,462 of 10,659,128 valid votes, 67.139 %, SOURCES.md)
 * and the estimator's margins can be checked against what repeated samples really do.
 */
class RealDataQuickCountTest {
    private static final String V1 = "resultadosconvzla_RESULTADOS_2024_CSV_V1.csv";
    private static final double TRUE_SHARE = 7_156_462.0 / 10_659_128.0;
    private static Election election;
    private static List<ImportedRow> rows;

    @BeforeAll
    static void read() throws Exception {
        ResultadosImport v1 = ResultadosCsv.read(SharedData.file(V1));
        election = v1.election();
        rows = v1.rows();
    }

    @Test
    void theTrueShareIsTheOneSourcesGives() {
        long eg = rows.stream().mapToLong(r -> r.tally().candidates().get(0)).sum();
        long valid = rows.stream().mapToLong(r -> r.tally().valid()).sum();
        assertThat(rows).hasSize(24_532);
        assertThat(100.0 * eg / valid).isCloseTo(67.139, within(0.0005));
    }

    @Test
    void theAnalyticMarginOfASimpleRandomSampleOf1000IsAbout083Points() {
        // Computed here from the population with plain loops, not with the estimator: for a simple random
        // sample of n tables, V(R̂) ≈ (1 − n/N)·S²_e / (n·x̄²), e_i = y_i − R·x_i, S²_e the population variance.
        int bigN = rows.size();
        int n = 1000;
        double xBar = 0;
        for (ImportedRow r : rows) {
            xBar += r.tally().valid();
        }
        xBar /= bigN;
        double s2 = 0;
        for (ImportedRow r : rows) {
            double e = r.tally().candidates().get(0) - TRUE_SHARE * r.tally().valid();
            s2 += e * e; // Σe = 0 at the true R
        }
        s2 /= bigN - 1;
        double se = Math.sqrt((1 - (double) n / bigN) * s2 / n) / xBar;
        double margin = 1.959964 * se;
        assertThat(100 * margin).isCloseTo(0.83, within(0.02));

        // The estimator's own margin, from samples, agrees with it on average.
        SplittableRandom random = new SplittableRandom(20240728);
        double sum = 0;
        int draws = 200;
        for (int d = 0; d < draws; d++) {
            sum += estimate(srs(random, n)).margin95();
        }
        assertThat(sum / draws).isCloseTo(margin, within(0.0005));
    }

    @Test
    void the95PercentIntervalCoversTheTruthAbout95TimesIn100() {
        SplittableRandom random = new SplittableRandom(28_07_2024);
        int draws = 2000;
        int covered = 0;
        for (int d = 0; d < draws; d++) {
            if (estimate(srs(random, 1000)).covers95(TRUE_SHARE)) {
                covered++;
            }
        }
        assertThat((double) covered / draws).isBetween(0.935, 0.965);
    }

    /** González's share estimated from the sampled rows, as one stratum of all tables. */
    private static RatioEstimate estimate(int[] sample) {
        QuickCount q = new QuickCount(new QuickCount.Design(election.ballot().candidates(), List.of(""), List.of("Venezuela"),
                new long[] {rows.size()}, new int[] {sample.length}, QuickCount.DEFAULT_TURNOUT_TIMES));
        for (int i : sample) {
            var t = rows.get(i).tally();
            q.putResult(i, 0, t.candidates().toArray(), t.nullVotes(), t.blankVotes(), -1);
        }
        return q.estimate().candidates().get(0).share();
    }

    /** n distinct row indices, uniformly at random (a partial Fisher–Yates shuffle). */
    private static int[] srs(SplittableRandom random, int n) {
        int[] all = new int[rows.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(all.length - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return java.util.Arrays.copyOf(all, n);
    }
}
