package org.testigo.analysis.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllocationTest {

    @Test
    void givesTheLeftoverTablesToTheLargestRemainders() {
        // n = 7 over N = 50 + 30 + 20: quotas 3.5, 2.1, 1.4 → floors 3, 2, 1 (6 tables); remainders
        // 0.5, 0.1, 0.4 → the 7th table goes to the first stratum.
        assertThat(Allocation.largestRemainder(new long[] {50, 30, 20}, 7)).containsExactly(4, 2, 1);
    }

    @Test
    void breaksEqualRemaindersInStratumOrder() {
        // n = 2 over three strata of 1: quotas 2/3 each, equal remainders → the first two; with n below
        // the number of strata no stratum can be promised a table.
        assertThat(Allocation.largestRemainder(new long[] {1, 1, 1}, 2)).containsExactly(1, 1, 0);
    }

    @Test
    void givesEveryStratumATableWhenTheSampleAllows() {
        // n = 10 over 1000 + 10 + 5 = 1015: quotas 9.852, 0.099, 0.049 → 9, 0, 0, the leftover table to the
        // first (remainder 0.852) → 10, 0, 0. The two empty strata then take one each from the first,
        // the only one holding 2 or more → 8, 1, 1.
        assertThat(Allocation.largestRemainder(new long[] {1000, 10, 5}, 10)).containsExactly(8, 1, 1);
    }

    @Test
    void takesFromTheStratumMostOverItsQuota() {
        // n = 6 over 29 + 29 + 2 = 60: quotas 2.9, 2.9, 0.2 → 2, 2, 0 and remainders 0.9, 0.9, 0.2 → 3, 3, 0.
        // The third takes one: both others are 0.1 over quota, equal size → the earlier gives → 2, 3, 1.
        assertThat(Allocation.largestRemainder(new long[] {29, 29, 2}, 6)).containsExactly(2, 3, 1);
    }

    @Test
    void leavesEmptyStrataEmpty() {
        assertThat(Allocation.largestRemainder(new long[] {0, 4, 0, 4}, 4)).containsExactly(0, 2, 0, 2);
    }

    @Test
    void refusesASampleLargerThanThePopulation() {
        assertThatThrownBy(() -> Allocation.largestRemainder(new long[] {3, 4}, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size must be between 1 and the 7 tables");
    }
}
