package org.testigo.analysis.quickcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.testigo.analysis.quickcount.QuickCountReport.StratumRetrieval;
import org.testigo.election.Candidate;

/**
 * The estimator against a toy population worked out by hand, independently of the code.
 *
 * <pre>
 * Two candidates A and B; no null or blank votes; valid x = A + B.
 *
 * Stratum 1: N1 = 4 tables, n1 = 2 reported:  (A, B) = (6, 4), (9, 1)          Σy = 15, Σx = 20
 * Stratum 2: N2 = 6 tables, n2 = 3 reported:  (A, B) = (2, 3), (4, 6), (3, 2)  Σy = 9,  Σx = 20
 *
 * A's share:  Ŷ = (4/2)·15 + (6/3)·9 = 30 + 18 = 48      X̂ = 2·20 + 2·20 = 80      R̂ = 48/80 = 0.6
 *   residuals e = A − 0.6·x
 *     stratum 1: 6 − 6 = 0, 9 − 6 = 3                    Σe = 3,  Σe² = 9    s² = (9 − 3²/2)/1 = 4.5
 *     stratum 2: 2 − 3 = −1, 4 − 6 = −2, 3 − 3 = 0       Σe = −3, Σe² = 5    s² = (5 − 3²/3)/2 = 1
 *   V = (1/80²)·[4²·(1 − 2/4)·4.5/2 + 6²·(1 − 3/6)·1/3] = (18 + 6)/6400 = 0.00375
 *   SE = √0.00375 = 0.0612372…     95 % margin = 1.959964·SE = 0.120023…
 *
 * The lead A − B: d = A − B;  D̂ = 2·(2 + 8) + 2·(−1 − 2 + 1) = 20 − 4 = 16;  R̂ = 16/80 = 0.2
 *   residuals e = d − 0.2·x
 *     stratum 1: 2 − 2 = 0, 8 − 2 = 6                    Σe = 6,  Σe² = 36   s² = (36 − 36/2)/1 = 18
 *     stratum 2: −1 − 1 = −2, −2 − 2 = −4, 1 − 1 = 0     Σe = −6, Σe² = 20   s² = (20 − 36/3)/2 = 4
 *   V = (1/6400)·[16·0.5·18/2 + 36·0.5·4/3] = (72 + 24)/6400 = 0.015      SE = 0.1224744…
 * </pre>
 */
class StratifiedRatioTest {
    private static final long[] POPULATIONS = {4, 6};

    private static QuickCount toy(long registered) {
        QuickCount q = new QuickCount(new QuickCount.Design(List.of(new Candidate("A", "Ana"), new Candidate("B", "Beto")),
                List.of("1", "2"), List.of("Norte", "Sur"), POPULATIONS, new int[] {2, 3}, QuickCount.DEFAULT_TURNOUT_TIMES));
        q.putResult(0, 0, new int[] {6, 4}, 0, 0, registered);
        q.putResult(1, 0, new int[] {9, 1}, 0, 0, registered);
        q.putResult(2, 1, new int[] {2, 3}, 0, 0, registered);
        q.putResult(3, 1, new int[] {4, 6}, 0, 0, registered);
        q.putResult(4, 1, new int[] {3, 2}, 0, 0, registered);
        return q;
    }

    @Test
    void estimatesAShareAndItsStandardErrorAsWorkedOutByHand() {
        QuickCountReport r = toy(-1).estimate();
        RatioEstimate a = r.candidates().get(0).share();
        assertThat(a.value()).isCloseTo(0.6, within(1e-12));
        assertThat(a.standardError()).isCloseTo(Math.sqrt(0.00375), within(1e-12));
        assertThat(a.margin95()).isCloseTo(0.120023, within(1e-6));
        assertThat(r.candidates().get(1).share().value()).isCloseTo(0.4, within(1e-12));
        assertThat(r.candidates().get(1).share().standardError()).as("B's residuals are A's negated").isCloseTo(Math.sqrt(0.00375), within(1e-12));
    }

    @Test
    void estimatesTheLeadAsWorkedOutByHand() {
        QuickCountReport r = toy(-1).estimate();
        assertThat(r.lead().leader()).isEqualTo("A");
        assertThat(r.lead().runnerUp()).isEqualTo("B");
        assertThat(r.lead().points().value()).isCloseTo(0.2, within(1e-12));
        assertThat(r.lead().points().standardError()).isCloseTo(Math.sqrt(0.015), within(1e-12));
        assertThat(r.lead().points().margin99()).isCloseTo(2.575829 * Math.sqrt(0.015), within(1e-6));
    }

    @Test
    void estimatesTurnoutAsTheRatioOfEstimatedTotals() {
        // Registered 20 at every table: R̂ = X̂ / (2·40 + 2·60) = 80/200 = 0.4, and turnout = cast/registered
        // = x/20 exactly proportional to x, so e = x − 0.4·20 … not constant: x is 10, 10 | 5, 10, 5.
        //   e: stratum 1: 10 − 8 = 2, 2   Σe = 4,  Σe² = 8,  s² = (8 − 16/2)/1 = 0
        //      stratum 2: −3, 2, −3        Σe = −4, Σe² = 22, s² = (22 − 16/3)/2 = 25/3
        //   V = (1/200²)·[0 + 36·0.5·(25/3)/3] = 50/40000 = 0.00125
        QuickCountReport r = toy(20).estimate();
        assertThat(r.turnout().value()).isCloseTo(0.4, within(1e-12));
        assertThat(r.turnout().standardError()).isCloseTo(Math.sqrt(0.00125), within(1e-12));
    }

    @Test
    void aFullySampledStratumAddsNoVariance() {
        // Stratum 1 holds just the two tables reported: its finite population correction is 0, so only
        // stratum 2's 6/6400 is left of A's variance.
        Moments[] strata = {new Moments(2), new Moments(2)};
        long[][] s1 = {{6, 4}, {9, 1}};
        long[][] s2 = {{2, 3}, {4, 6}, {3, 2}};
        for (long[] v : s1) {
            strata[0].add(v);
        }
        for (long[] v : s2) {
            strata[1].add(v);
        }
        // With N1 = 2: Ŷ = 15 + 18 = 33, X̂ = 20 + 40 = 60, R̂ = 0.55;
        // stratum 2 residuals 2 − 2.75 = −0.75, 4 − 5.5 = −1.5, 3 − 2.75 = 0.25: Σe = −2, Σe² = 2.875,
        // s² = (2.875 − 4/3)/2 = 0.7708333…;  V = 36·0.5·0.7708333/3 / 3600 = 0.0012847222…
        RatioEstimate r = StratifiedRatio.estimate(new long[] {2, 6}, strata, new double[] {1, 0}, new double[] {1, 1});
        assertThat(r.value()).isCloseTo(0.55, within(1e-12));
        assertThat(r.standardError()).isCloseTo(Math.sqrt(36 * 0.5 * ((2.875 - 4.0 / 3) / 2) / 3 / 3600), within(1e-12));
        assertThat(r.standardError() * r.standardError()).isCloseTo(0.0012847222, within(1e-9));
    }

    @Test
    void aCorrectedReportReplacesTheFirstExactly() {
        QuickCount q = toy(-1);
        q.putResult(4, 1, new int[] {30, 20}, 0, 0, -1); // a mistyped result…
        q.putResult(4, 1, new int[] {3, 2}, 0, 0, -1);   // …corrected
        RatioEstimate a = q.estimate().candidates().get(0).share();
        assertThat(q.reported()).isEqualTo(5);
        assertThat(a.value()).isCloseTo(0.6, within(1e-12));
        assertThat(a.standardError()).isCloseTo(Math.sqrt(0.00375), within(1e-12));
    }

    @Test
    void reportsRetrievalPerStratumAndWarnsWhenAStratumIsMissing() {
        QuickCount q = new QuickCount(new QuickCount.Design(List.of(new Candidate("A", "Ana"), new Candidate("B", "Beto")),
                List.of("1", "2"), List.of("Norte", "Sur"), POPULATIONS, new int[] {2, 3}, QuickCount.DEFAULT_TURNOUT_TIMES));
        q.putResult(2, 1, new int[] {2, 3}, 0, 0, -1);
        q.putResult(3, 1, new int[] {4, 6}, 0, 0, -1);
        QuickCountReport r = q.estimate();
        assertThat(r.strata()).extracting(StratumRetrieval::reported).containsExactly(0, 2);
        assertThat(r.strata().get(1).rate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(r.warnings()).extracting(QuickCountReport.Warning::code)
                .containsExactly("LOW_RETRIEVAL", "STRATUM_MISSING", "UNEVEN_RETRIEVAL");
        // Stratum 2 alone: (2 + 4)/(5 + 10) = 0.4.
        assertThat(r.candidates().get(0).share().value()).isCloseTo(0.4, within(1e-12));
        assertThat(r.release().en()).endsWith("Caution: the sample is incomplete or unevenly in; the estimate may be biased.");
    }

    @Test
    void aCompleteEvenSampleRaisesNoWarning() {
        assertThat(toy(-1).estimate().warnings()).isEmpty();
    }

    @Test
    void theReleaseSentenceGivesTheFiguresInEachLanguagesOwnWay() {
        QuickCountReport r = toy(-1).estimate();
        // 60.0 ± 12.0 (1.96 · 6.1237), 40.0 ± 12.0, lead 20.0 ± 24.0; the 99 % margin 2.576 · 12.25 = 31.5 exceeds 20.
        assertThat(r.release().es()).isEqualTo("Con 5 de 5 mesas de la muestra, Ana obtiene 60,0 % de los votos válidos"
                + " (± 12,0 puntos, 95 % de confianza) y Beto 40,0 % (± 12,0); la ventaja es de 20,0 puntos (± 24,0),"
                + " dentro del margen de error al 99 %: no permite anticipar un ganador.");
        assertThat(r.release().en()).isEqualTo("With 5 of 5 sampled tables in, Ana has 60.0% of valid votes"
                + " (± 12.0 points, 95% confidence) and Beto 40.0% (± 12.0); the lead is 20.0 points (± 24.0),"
                + " within the 99% margin of error: no winner can be called.");
    }

    @Test
    void writesThousandsTheWayEachLanguageDoes() {
        assertThat(ReleaseSentence.whole(1000, '.')).isEqualTo("1.000");
        assertThat(ReleaseSentence.whole(24532, ',')).isEqualTo("24,532");
        assertThat(ReleaseSentence.whole(951, '.')).isEqualTo("951");
        assertThat(ReleaseSentence.pct(0.67139, ',')).isEqualTo("67,1");
    }

    @Test
    void beforeAnyReportTheReleaseSaysSo() {
        QuickCount q = new QuickCount(new QuickCount.Design(List.of(new Candidate("A", "Ana"), new Candidate("B", "Beto")),
                List.of("1"), List.of("Norte"), new long[] {1000}, new int[] {1000}, QuickCount.DEFAULT_TURNOUT_TIMES));
        QuickCountReport r = q.estimate();
        assertThat(r.candidates().get(0).share()).isNull();
        assertThat(r.release().es()).isEqualTo("Aún no ha informado ninguna mesa de la muestra (0 de 1.000).");
        assertThat(r.release().en()).isEqualTo("No sampled table has reported yet (0 of 1,000).");
    }
}
