package org.testigo.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IntegerPercentagesTest {
    @Test
    void aCountHitsWhenItIsTheCountNearestAWholePercentage() {
        assertThat(IntegerPercentages.hits(100, 200)).isTrue();  // 50%
        assertThat(IntegerPercentages.hits(101, 200)).isFalse(); // 50.5%
        assertThat(IntegerPercentages.hits(1, 3)).isTrue();      // 33.3%: every count of a total below 100 hits
        assertThat(IntegerPercentages.hits(293, 700)).isFalse(); // 41.857%: 41% is 287, 42% is 294
        assertThat(IntegerPercentages.hits(294, 700)).isTrue();  // 42% exactly
        assertThat(IntegerPercentages.hits(0, 700)).isTrue();
        assertThat(IntegerPercentages.hits(700, 700)).isTrue();
        // 333 is the count nearest 33% of 1009 (332.97); 334 is 33.10%.
        assertThat(IntegerPercentages.hits(333, 1009)).isTrue();
        assertThat(IntegerPercentages.hits(334, 1009)).isFalse();
    }

    @Test
    void theChanceOfAHitUnderResamplingMatchesClosedForms() {
        // Of 200, the hits are the even counts; for Binomial(200, ½), P(even) = (1 + 0²⁰⁰)/2 = ½ exactly.
        assertThat(IntegerPercentages.hitChance(100, 200)).isCloseTo(0.5, within(1e-9));
        // Of 300, the hits are multiples of 3: P = (1 + 2·Re(((1 + ω)/2)³⁰⁰))/3 = 1/3 + 2·2⁻³⁰⁰/3.
        assertThat(IntegerPercentages.hitChance(150, 300)).isCloseTo(1.0 / 3, within(1e-9));
        // Of 100, every count hits.
        assertThat(IntegerPercentages.hitChance(37, 100)).isCloseTo(1, within(1e-9));
        // A count that cannot move: 0 of n.
        assertThat(IntegerPercentages.hitChance(0, 555)).isEqualTo(1);
    }

    @Test
    void theChanceOfAHitEqualsTheBinomialSumOverEveryHittingCount() {
        // Brute force: every count h of n, its binomial probability from Σ ln i, kept when 100·h/n rounds to h.
        int[][] cases = {{293, 700}, {101, 200}, {45, 130}, {640, 1009}, {5, 400}, {999, 1000}};
        for (int[] c : cases) {
            int v = c[0];
            int n = c[1];
            double p = (double) v / n;
            double[] logFactorial = new double[n + 1];
            for (int i = 1; i <= n; i++) {
                logFactorial[i] = logFactorial[i - 1] + Math.log(i);
            }
            double sum = 0;
            for (int h = 0; h <= n; h++) {
                boolean hit = false;
                for (int k = 0; k <= 100; k++) {
                    hit |= Math.round(n * k / 100.0) == h && Math.abs(n * k / 100.0 - h) <= 0.5;
                }
                if (hit) {
                    sum += Math.exp(logFactorial[n] - logFactorial[h] - logFactorial[n - h] + h * Math.log(p)
                            + (n - h) * Math.log1p(-p));
                }
            }
            assertThat(IntegerPercentages.hitChance(v, n)).as("%d of %d", v, n).isCloseTo(sum, within(1e-9));
        }
    }

    @Test
    void tooManyWholePercentagesDeviateAndAnHonestSpreadDoesNot() {
        int[] totals = new int[1000];
        Arrays.fill(totals, 200);
        int[] written = new int[1000];
        int[] honest = new int[1000];
        for (int i = 0; i < 1000; i++) {
            written[i] = 100 + 2 * (i % 7);       // all even: all hit
            honest[i] = 100 + (i % 14);           // half even
        }
        StatResult toOrder = IntegerPercentages.test("turnout", written, totals);
        assertThat(toOrder.statistic()).isEqualTo(1000);
        // Each table's chance is (1 + (1 − 2p)²⁰⁰)/2, within 10⁻⁴ of ½ here: expected ≈ 500, sd ≈ √250 ≈ 15.8.
        assertThat(toOrder.reference()).isCloseTo(500, within(0.5));
        assertThat(toOrder.deviates()).isTrue();
        StatResult clean = IntegerPercentages.test("turnout", honest, totals);
        assertThat(clean.statistic()).isEqualTo(500);
        assertThat(clean.deviates()).isFalse();
        assertThat(clean.band().contains(500)).isTrue();
        assertThat(clean.band().low()).isCloseTo(500 - 1.96 * Math.sqrt(250), within(0.5));
    }

    @Test
    void leavesOutTotalsBelowOneHundred() {
        StatResult r = IntegerPercentages.test("turnout", new int[] {5, 50, 150}, new int[] {40, 99, 300});
        assertThat(r.n()).isEqualTo(1);
    }
}
