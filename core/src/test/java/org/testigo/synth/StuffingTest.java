package org.testigo.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.testigo.tally.ve2024.Ve2024Ballot;

class StuffingTest {
    private static final int TABLES = 5_000;

    @Test
    void plantsExtraBallotsForOneCandidateInAboutTheGivenFractionOfTables() {
        SyntheticElection clean = SyntheticElection.generate(SynthSpec.of(TABLES, 3));
        SyntheticElection stuffed = SyntheticElection.generate(SynthSpec.of(TABLES, 3), Stuffing.of(0.02, "NM"));
        int[] planted = stuffed.plantedTables();
        assertThat(planted.length).isBetween(70, 130); // 2% of 5,000 is 100; binomial sd ≈ 10
        assertThat(clean.plantedTables()).isEmpty();
        int nm = Ve2024Ballot.BALLOT.candidateIndex("NM");
        java.util.Set<Integer> set = new java.util.HashSet<>();
        for (int t : planted) {
            set.add(t);
        }
        for (int t = 0; t < TABLES; t++) {
            SyntheticTable a = clean.table(t);
            SyntheticTable b = stuffed.table(t);
            if (!set.contains(t)) {
                assertThat(b).as("table %d", t).isEqualTo(a);
                continue;
            }
            long extra = b.cast() - a.cast();
            assertThat(extra).isPositive();
            // Only NM's votes grew, by exactly the extra ballots, and turnout landed in 88-98%.
            assertThat(b.candidates().get(nm) - a.candidates().get(nm)).isEqualTo((int) extra);
            assertThat(b.valid() - a.valid()).isEqualTo(extra);
            double turnout = (double) b.cast() / b.table().registered();
            assertThat(turnout).isBetween(0.88 - 1.0 / b.table().registered(), 0.98 + 1.0 / b.table().registered());
            assertThat(b.payload()).isNotEqualTo(a.payload());
        }
    }

    @Test
    void refusesAFractionOutsideZeroToOneOrAnUnknownCandidate() {
        assertThatThrownBy(() -> Stuffing.of(1.5, "NM")).hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> Stuffing.of(0.1, "XX")).hasMessageContaining("candidate");
    }
}
