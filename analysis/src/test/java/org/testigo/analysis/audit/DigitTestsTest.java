package org.testigo.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DigitTestsTest {
    /** Benford's second-digit probabilities as printed by Nigrini (2012), table 5.1. */
    private static final double[] NIGRINI = {0.11968, 0.11389, 0.10882, 0.10433, 0.10031, 0.09668, 0.09337, 0.09035,
        0.08757, 0.08500};

    @Test
    void theSecondDigitLawIsBenfordsWithMean41874() {
        for (int d = 0; d < 10; d++) {
            assertThat(DigitTests.SECOND_DIGIT[d]).as("q(%d)", d).isCloseTo(NIGRINI[d], within(0.000005));
        }
        assertThat(DigitTests.SECOND_DIGIT_MEAN).isCloseTo(4.1874, within(0.00005));
    }

    @Test
    void readsTheSecondDigitOfAnyCount() {
        assertThat(DigitTests.secondDigit(10)).isZero();
        assertThat(DigitTests.secondDigit(47)).isEqualTo(7);
        assertThat(DigitTests.secondDigit(1_093)).isZero();
        assertThat(DigitTests.secondDigit(381)).isEqualTo(8);
    }

    @Test
    void computesTheMeanTestOfAHandExample() {
        // Counts 12, 25, 31, 47, 104 have second digits 2, 5, 1, 7, 0: mean 3.0 over n = 5.
        long[] f = {1, 1, 1, 0, 0, 1, 0, 1, 0, 0};
        StatResult r = DigitTests.secondDigitMean("X", f);
        assertThat(r.n()).isEqualTo(5);
        assertThat(r.statistic()).isCloseTo(3.0, within(1e-12));
        // σ² = Σ d² q(d) − 4.1874² with Nigrini's q: 25.7880 − 17.5343 = 8.2537 (σ = 2.8729); z = −1.1874 / (2.8729/√5).
        double sd = Math.sqrt(0.11389 + 4 * 0.10882 + 9 * 0.10433 + 16 * 0.10031 + 25 * 0.09668 + 36 * 0.09337 + 49 * 0.09035
                + 64 * 0.08757 + 81 * 0.085 - 4.1874 * 4.1874);
        assertThat(sd).isCloseTo(2.8729, within(0.0005));
        double z = -1.1874 / (sd / Math.sqrt(5));
        assertThat(z).isCloseTo(-0.9242, within(0.001));
        assertThat(r.pValue()).isCloseTo(0.3554, within(0.001)); // 2·(1 − Φ(0.9242)) from the normal table
        assertThat(r.deviates()).isFalse();
    }

    @Test
    void computesTheChiSquareOfAHandExample() {
        // 100 counts: 20 end in 0, 20 in 5, 60 spread 7 or 8 over the rest.
        long[] f = {20, 8, 7, 8, 7, 20, 8, 7, 8, 7};
        // χ² = 2·(20−10)²/10 + 4·(8−10)²/10 + 4·(7−10)²/10 = 20 + 1.6 + 3.6 = 25.2
        StatResult last = DigitTests.lastDigitChiSquare("X", f);
        assertThat(last.statistic()).isCloseTo(25.2, within(1e-9));
        assertThat(last.reference()).isEqualTo(9);
        assertThat(last.pValue()).isBetween(0.001, 0.01); // between χ²₉'s 1% (21.67) and 0.1% (27.88) points
        StatResult zeroFive = DigitTests.zeroFive("X", f);
        // 40% against 20%: z = 0.2 / √(0.16/100) = 5
        assertThat(zeroFive.statistic()).isCloseTo(0.4, within(1e-12));
        assertThat(zeroFive.pValue()).isCloseTo(5.733e-7, within(0.001e-7)); // 2·(1 − Φ(5))
        assertThat(zeroFive.deviates()).isTrue();
    }
}
