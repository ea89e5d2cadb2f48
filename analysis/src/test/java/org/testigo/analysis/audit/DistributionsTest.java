package org.testigo.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Values from printed tables (Abramowitz &amp; Stegun 26.2 and 26.4) and closed forms. */
class DistributionsTest {
    @Test
    void logGammaMatchesFactorialsAndTheHalfIntegerValue() {
        assertThat(Distributions.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-12));
        assertThat(Distributions.logGamma(1)).isCloseTo(0, within(1e-13));
        assertThat(Distributions.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-13));
        assertThat(Distributions.logGamma(0.1)).isCloseTo(2.252712651734206, within(1e-12)); // ln Γ(0.1)
        assertThat(Distributions.logGamma(1001)).isCloseTo(5912.128178488163, within(1e-9)); // ln 1000!, as CPython's math.lgamma gives it
    }

    @Test
    void chiSquareTailsMatchTheCriticalValuesTable() {
        assertThat(Distributions.chiSquareSurvival(3.841459, 1)).isCloseTo(0.05, within(1e-6));
        assertThat(Distributions.chiSquareSurvival(5.991465, 2)).isCloseTo(0.05, within(1e-6));
        assertThat(Distributions.chiSquareSurvival(16.918978, 9)).isCloseTo(0.05, within(1e-6));
        assertThat(Distributions.chiSquareSurvival(21.665994, 9)).isCloseTo(0.01, within(1e-6));
        assertThat(Distributions.chiSquareSurvival(27.877165, 9)).isCloseTo(0.001, within(1e-7));
        assertThat(Distributions.chiSquareSurvival(2.700389, 9)).isCloseTo(0.975, within(1e-6));
        assertThat(Distributions.chiSquareSurvival(13.815511, 2)).isCloseTo(0.001, within(1e-8));
        // With 2 degrees of freedom the tail is exactly e^(−x/2).
        assertThat(Distributions.chiSquareSurvival(7, 2)).isCloseTo(Math.exp(-3.5), within(1e-14));
        assertThat(Distributions.chiSquareSurvival(0, 5)).isEqualTo(1);
    }

    @Test
    void normalTailsMatchTheTable() {
        assertThat(Distributions.normalCdf(1)).isCloseTo(0.8413447460685429, within(1e-12));
        assertThat(Distributions.normalSurvival(1.959963984540054)).isCloseTo(0.025, within(1e-12));
        assertThat(Distributions.normalSurvival(3.090232306167813)).isCloseTo(0.001, within(1e-12));
        assertThat(Distributions.normalSurvival(0)).isCloseTo(0.5, within(1e-15));
        assertThat(Distributions.normalSurvival(-1)).isCloseTo(0.8413447460685429, within(1e-12));
        assertThat(Distributions.normalTwoSided(-2.575829303548901)).isCloseTo(0.01, within(1e-12));
        assertThat(Distributions.normalSurvival(10)).isCloseTo(7.619853024160527e-24, within(1e-30));
    }
}
