package org.testigo.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testigo.testing.TinyElection.at;
import static org.testigo.testing.TinyElection.tally;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testigo.election.TableId;
import org.testigo.tally.Tally;
import org.testigo.tally.Verdict;

class ConsolidationRuleTest {
    private final ConsolidationRule rule = new ConsolidationRule(2);
    private final TableId n1 = new TableId("N.1");

    private static Copy copy(long id, String channel, String who, Tally t, Verdict v, int second) {
        return new Copy(id, channel, who, t, v, at(second));
    }

    private static Copy qr(long id, String who, Tally t, int second) {
        return copy(id, "qr", who, t, Verdict.NOT_VERIFIABLE, second);
    }

    @Test
    void aTableWithoutCopiesIsMissing() {
        TableConsolidation c = rule.decide(n1, List.of());
        assertThat(c.status()).isEqualTo(TableStatus.MISSING);
        assertThat(c.acceptedTally()).isEmpty();
    }

    @Test
    void oneCopyIsProvisionalAndCounted() {
        TableConsolidation c = rule.decide(n1, List.of(qr(1, "w1", tally("N.1", 10, 5, 7, 1), 0)));
        assertThat(c.status()).isEqualTo(TableStatus.PROVISIONAL);
        assertThat(c.basis()).isEqualTo(Basis.SINGLE_VERSION);
        assertThat(c.accepted().candidates().toArray()).containsExactly(15, 7);
    }

    @Test
    void theSameSubmitterTwiceIsNotAnIndependentConfirmation() {
        Tally t = tally("N.1", 10, 5, 7, 1);
        TableConsolidation c = rule.decide(n1, List.of(qr(1, "w1", t, 0), qr(2, "w1", t, 5)));
        assertThat(c.status()).isEqualTo(TableStatus.PROVISIONAL);
    }

    @Test
    void twoSubmittersAgreeingConfirm() {
        Tally t = tally("N.1", 10, 5, 7, 1);
        TableConsolidation c = rule.decide(n1, List.of(qr(1, "w1", t, 0), qr(2, "w2", t, 5)));
        assertThat(c.status()).isEqualTo(TableStatus.CONFIRMED);
        assertThat(c.basis()).isEqualTo(Basis.AGREEING_COPIES);
        assertThat(c.versions()).hasSize(1);
        assertThat(c.versions().get(0).copies()).hasSize(2);
    }

    @Test
    void copiesWithTheSameCandidateVotesButDifferentCardsAgree() {
        // 10+5 and 12+3 both give A 15: one version; the card split is detail.
        TableConsolidation c = rule.decide(n1,
                List.of(qr(1, "w1", tally("N.1", 10, 5, 7, 1), 0), qr(2, "w2", tally("N.1", 12, 3, 7, 1), 1)));
        assertThat(c.status()).isEqualTo(TableStatus.CONFIRMED);
    }

    @Test
    void disagreeingUnsignedCopiesAreAConflictAndNothingIsAccepted() {
        TableConsolidation c = rule.decide(n1,
                List.of(qr(1, "w1", tally("N.1", 10, 5, 7, 1), 0), qr(2, "w2", tally("N.1", 10, 5, 8, 1), 1)));
        assertThat(c.status()).isEqualTo(TableStatus.CONFLICTED);
        assertThat(c.acceptedTally()).isEmpty();
        assertThat(c.versions()).hasSize(2);
    }

    @Test
    void aDifferentNullCountIsADifferentVersion() {
        TableConsolidation c = rule.decide(n1,
                List.of(qr(1, "w1", tally("N.1", 10, 5, 7, 1), 0), qr(2, "w2", tally("N.1", 10, 5, 7, 2), 1)));
        assertThat(c.status()).isEqualTo(TableStatus.CONFLICTED);
    }

    @Test
    void aValidSignatureOverrulesUnsignedVersions() {
        Tally forged = tally("N.1", 1, 0, 100, 0);
        Tally signed = tally("N.1", 10, 5, 7, 1);
        TableConsolidation c = rule.decide(n1, List.of(qr(1, "w1", forged, 0), qr(2, "w2", forged, 1),
                copy(3, "qr", "w3", signed, Verdict.VALID, 2)));
        assertThat(c.status()).isEqualTo(TableStatus.CONFIRMED);
        assertThat(c.basis()).isEqualTo(Basis.SIGNATURE);
        assertThat(c.accepted()).isEqualTo(signed);
        assertThat(c.explanation()).contains("1 competing version(s) overruled");
    }

    @Test
    void copiesWithInvalidSignaturesNeverCount() {
        TableConsolidation c = rule.decide(n1,
                List.of(copy(1, "qr", "w1", tally("N.1", 10, 5, 7, 1), Verdict.INVALID, 0)));
        assertThat(c.status()).isEqualTo(TableStatus.MISSING);
    }

    @Test
    void anImportIsConfirmedAndAWitnessDisagreeingWithItOpensAConflict() {
        Tally imported = new Tally("import", n1, "N.1", org.testigo.election.Counts.of(15, 7),
                org.testigo.election.Counts.empty(), 1, 0, Map.of());
        assertThat(rule.decide(n1, List.of(copy(1, "import", "coordinator", imported, Verdict.NOT_VERIFIABLE, 0)))
                .status()).isEqualTo(TableStatus.CONFIRMED);
        TableConsolidation both = rule.decide(n1, List.of(copy(1, "import", "coordinator", imported,
                Verdict.NOT_VERIFIABLE, 0), qr(2, "w1", tally("N.1", 10, 5, 7, 1), 1)));
        assertThat(both.status()).isEqualTo(TableStatus.CONFIRMED);
        assertThat(both.accepted().cards().toArray()).as("the QR copy lends its card breakdown")
                .containsExactly(10, 5, 7);
        TableConsolidation conflict = rule.decide(n1, List.of(copy(1, "import", "coordinator", imported,
                Verdict.NOT_VERIFIABLE, 0), qr(2, "w1", tally("N.1", 10, 5, 9, 1), 1)));
        assertThat(conflict.status()).isEqualTo(TableStatus.CONFLICTED);
    }

    @Test
    void versionsAreOrderedByTheirFirstCopyWhateverTheInputOrder() {
        Tally early = tally("N.1", 10, 5, 7, 1);
        Tally late = tally("N.1", 1, 1, 1, 1);
        TableConsolidation c = rule.decide(n1, List.of(qr(9, "w2", late, 50), qr(4, "w1", early, 10)));
        assertThat(c.versions().get(0).tally()).isEqualTo(early);
    }

    @Test
    void aCitizenActaThatDisagreesLeavesAProvisionalTableProvisional() {
        Tally published = tally("N.1", 10, 5, 7, 1);
        TableConsolidation c = rule.decide(n1, List.of(qr(1, "w1", published, 0),
                copy(2, Copy.CITIZEN, "citizen", tally("N.1", 10, 5, 9, 1), Verdict.NOT_VERIFIABLE, 1)));
        assertThat(c.status()).isEqualTo(TableStatus.PROVISIONAL);
        assertThat(c.accepted().candidates().toArray()).containsExactly(15, 7);
        assertThat(c.versions()).hasSize(1);
    }

    @Test
    void aCitizenActaThatAgreesDoesNotConfirm() {
        Tally t = tally("N.1", 10, 5, 7, 1);
        TableConsolidation c = rule.decide(n1, List.of(qr(1, "w1", t, 0),
                copy(2, Copy.CITIZEN, "citizen", t, Verdict.NOT_VERIFIABLE, 1)));
        assertThat(c.status()).isEqualTo(TableStatus.PROVISIONAL);
        assertThat(c.versions().get(0).copies()).extracting(Copy::evidenceId).containsExactly(1L);
    }

    @Test
    void aTableWithOnlyCitizenActasStaysMissing() {
        TableConsolidation c = rule.decide(n1, List.of(copy(1, Copy.CITIZEN, "citizen", tally("N.1", 10, 5, 7, 1), Verdict.VALID, 0)));
        assertThat(c.status()).isEqualTo(TableStatus.MISSING);
        assertThat(c.acceptedTally()).isEmpty();
        assertThat(c.explanation()).contains("1 citizen report(s) await review");
    }
}
