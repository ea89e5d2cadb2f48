package org.testigo.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.testigo.synth.Stuffing;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;

/**
 * The audit against a known truth: synthetic elections of Venezuela's size, clean and with ballot stuffing
 * planted (for the runner-up, up to 88-98% turnout) in 2% of the tables.
 */
class SyntheticAuditTest {
    private static final int TABLES = SynthSpec.VENEZUELA_2024_TABLES;

    static AuditInput input(SyntheticElection synth) {
        AuditInput.Builder b = AuditInput.builder(synth.election());
        synth.forEachTable(t -> b.add(t.index(), t.candidates().toArray(), t.nullVotes(), 0));
        return b.build();
    }

    @Test
    void ranksThePlantedTablesFirst() {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(TABLES, 2024), Stuffing.of(0.02, "NM"));
        int[] planted = synth.plantedTables();
        assertThat(planted.length).isBetween((int) (TABLES * 0.017), (int) (TABLES * 0.023));
        Set<Integer> truth = new HashSet<>();
        for (int t : planted) {
            truth.add(t);
        }
        AuditInput in = input(synth);
        Audit audit = Audit.of(in);
        int top = planted.length;
        int hits = 0;
        for (int row : audit.ranking(top)) {
            hits += truth.contains(in.table(row)) ? 1 : 0;
        }
        double precision = (double) hits / top;
        assertThat(precision).as("precision of the top %d", top).isGreaterThanOrEqualTo(0.9);

        AuditReport r = audit.report(null, 10);
        ExcessVotes nm = r.excess().stream().filter(e -> e.candidate().equals("NM")).findFirst().orElseThrow();
        long stuffed = 0;
        SyntheticElection clean = SyntheticElection.generate(SynthSpec.of(TABLES, 2024));
        for (int t : planted) {
            stuffed += synth.table(t).cast() - clean.table(t).cast();
        }
        // Shpilkin's estimate recovers the planted ballots to within half.
        assertThat((double) nm.excessVotes()).isBetween(0.5 * stuffed, 1.5 * stuffed);
    }

    @Test
    void flagsNothingInACleanElectionBeyondTheStatedFalsePositiveRate() {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(TABLES, 77));
        AuditReport r = Audit.of(input(synth)).report(null, 10);
        // No impossibility; coincidences (identical results, a rival at 0 in a stronghold) and peer outliers
        // within the stated rate of 1 table in 1,000.
        r.checks().forEach((code, n) -> assertThat(code.impossible() ? n : 0).as(code.name()).isZero());
        long coincidences = r.checks().entrySet().stream().filter(e -> !e.getKey().impossible()).mapToLong(e -> e.getValue()).sum();
        assertThat(coincidences).isLessThanOrEqualTo((long) (PeerOutliers.FALSE_POSITIVE_RATE * TABLES));
        assertThat(r.outliers()).isLessThanOrEqualTo((long) (PeerOutliers.FALSE_POSITIVE_RATE * TABLES));
        ExcessVotes leader = r.excess().get(0);
        // Places' turnout and shares are drawn independently, but 24 states leave some chance correlation.
        assertThat(Math.abs(leader.shareOfCandidate())).isLessThan(0.05);
        StatResult kobak = r.tests().stream().filter(t -> t.test().equals("integer-percentage")
                && t.subject().equals("turnout")).findFirst().orElseThrow();
        assertThat(kobak.deviates()).isFalse();
    }
}
