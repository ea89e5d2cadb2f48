package org.testigo.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ApportionTest {

    @Test
    void sharesInProportionWhenNoBoundBinds() {
        assertThat(Apportion.bounded(10, new double[] {1, 1, 3}, 99)).containsExactly(2, 2, 6);
        assertThat(Apportion.bounded(3, new double[] {5, 1, 1}, 99)).containsExactly(1, 1, 1);
    }

    @Test
    void passesTheExcessOfAFullBinToTheOthers() {
        assertThat(Apportion.bounded(12, new double[] {100, 1, 1}, 5)).containsExactly(5, 4, 3);
        assertThat(Apportion.bounded(15, new double[] {100, 1, 1}, 5)).containsExactly(5, 5, 5);
    }

    @Test
    void keepsEveryBinWithinItsBoundsAndTheTotalExact() {
        Random random = new Random(3);
        for (int round = 0; round < 2_000; round++) {
            int bins = 1 + random.nextInt(60);
            int max = 1 + random.nextInt(999);
            int total = bins + random.nextInt(bins * (max - 1) + 1);
            double[] weights = random.doubles(bins, 0.01, 10).toArray();

            int[] out = Apportion.bounded(total, weights, max);

            assertThat(Arrays.stream(out).sum()).isEqualTo(total);
            assertThat(Arrays.stream(out).allMatch(v -> v >= 1 && v <= max)).isTrue();
        }
    }

    @Test
    void refusesATotalTheBinsCannotHold() {
        assertThatThrownBy(() -> Apportion.bounded(11, new double[] {1, 1}, 5)).hasMessageContaining("11 units");
        assertThatThrownBy(() -> Apportion.bounded(1, new double[] {1, 1}, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitsVotesExactlyAndFairlyOnAverage() {
        Dice dice = Dice.of(1, 1, 1);
        double[] weights = {75, 3, 2.5, 0.5, 19};
        long[] sums = new long[weights.length];
        int rounds = 20_000;
        for (int round = 0; round < rounds; round++) {
            int total = 1 + round % 300;
            int[] split = Apportion.randomly(total, weights, dice);
            assertThat(Arrays.stream(split).sum()).isEqualTo(total);
            assertThat(Arrays.stream(split).allMatch(v -> v >= 0)).isTrue();
            for (int i = 0; i < split.length; i++) {
                sums[i] += split[i];
            }
        }
        long all = Arrays.stream(sums).sum();
        for (int i = 0; i < weights.length; i++) {
            assertThat((double) sums[i] / all).isCloseTo(weights[i] / 100, org.assertj.core.data.Offset.offset(0.002));
        }
    }
}
