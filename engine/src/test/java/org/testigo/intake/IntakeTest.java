package org.testigo.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testigo.consolidation.TableStatus;
import org.testigo.deployment.Deployment;
import org.testigo.election.Counts;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;
import org.testigo.tally.ve2024.Ve2024Payload;
import org.testigo.totals.NodeTotals;

class IntakeTest {
    private final SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(60, 11));
    private Deployment deployment;
    private Database database;

    @BeforeEach
    void open() {
        database = TestPostgres.open();
        deployment = Deployment.open(database, Clock.systemUTC());
        deployment.load(synth.election());
    }

    @AfterEach
    void close() {
        deployment.close();
    }

    private Outcome submit(String who, String... payloads) {
        return deployment.requireRunning().intake().submit(new Submission(null, List.of(payloads), Channel.QR, who)).join();
    }

    private static Receipt receipt(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted) o).receipt();
    }

    private static Refusal refusal(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Refused.class);
        return ((Outcome.Refused) o).refusal();
    }

    @Test
    void aPayloadBecomesDurableEvidenceAndAProvisionalTable() {
        SyntheticTable t = synth.table(0);
        Receipt r = receipt(submit("witness-1", t.payload()));
        assertThat(r.table()).isEqualTo(t.table().id());
        assertThat(r.tableStatus()).isEqualTo(TableStatus.PROVISIONAL);
        assertThat(r.duplicate()).isFalse();
        assertThat(deployment.evidence().byId(r.evidenceId())).isPresent();
        NodeTotals nation = deployment.requireRunning().state().totals(0);
        assertThat(nation.valid()).isEqualTo(t.valid());
        assertThat(nation.nullVotes()).isEqualTo(t.nullVotes());
    }

    @Test
    void aRetryGetsTheSameReceiptAndIsStoredOnce() {
        String payload = synth.table(1).payload();
        Receipt first = receipt(submit("witness-1", payload));
        Receipt again = receipt(submit("witness-1", payload + "\n")); // a scanner's trailing newline
        assertThat(again.evidenceId()).isEqualTo(first.evidenceId());
        assertThat(again.receivedAt()).isEqualTo(first.receivedAt());
        assertThat(again.duplicate()).isTrue();
        assertThat(deployment.evidence().count()).isEqualTo(1);
        assertThat(deployment.requireRunning().state().totals(0).valid()).isEqualTo(synth.table(1).valid());
    }

    @Test
    void aSecondWitnessConfirmsAndADisagreeingOneOpensAConflict() {
        SyntheticTable t = synth.table(2);
        receipt(submit("witness-1", t.payload()));
        assertThat(receipt(submit("witness-2", t.payload())).tableStatus()).isEqualTo(TableStatus.CONFIRMED);
        int[] cards = t.cards().toArray();
        cards[0] += 1;
        String misread = Ve2024Payload.format(t.table().id(), Counts.of(cards), t.nullVotes(), 0);
        assertThat(receipt(submit("witness-3", misread)).tableStatus()).isEqualTo(TableStatus.CONFLICTED);
        assertThat(deployment.requireRunning().state().totals(0).valid()).as("a conflicted table is not counted").isZero();
    }

    @Test
    void refusalsStoreNothing() {
        assertThat(refusal(submit("w", "not a payload")).reason()).isEqualTo(Refusal.Reason.INVALID_PAYLOAD);
        String other = Ve2024Payload.format(new org.testigo.election.TableId("990101001.01"), synth.table(0).cards(), 0, 0);
        Refusal unknown = refusal(submit("w", other));
        assertThat(unknown.reason()).isEqualTo(Refusal.Reason.UNKNOWN_TABLE);
        assertThat(unknown.message()).contains("990101001.01");
        Refusal wrongFormat = refusal(deployment.requireRunning().intake()
                .submit(new Submission("br-bu", List.of(synth.table(0).payload()), Channel.QR, "w")).join());
        assertThat(wrongFormat.reason()).isEqualTo(Refusal.Reason.WRONG_FORMAT);
        assertThat(refusal(submit("w", synth.table(0).payload(), synth.table(1).payload())).reason())
                .isEqualTo(Refusal.Reason.INVALID_PAYLOAD);
        assertThat(deployment.evidence().count()).isZero();
    }

    @Test
    void concurrentSubmissionsAllLandOnceAndTheStateSurvivesAReopen() {
        List<CompletableFuture<Outcome>> futures = new ArrayList<>();
        long expectedValid = 0;
        for (int i = 0; i < synth.tableCount(); i++) {
            SyntheticTable t = synth.table(i);
            expectedValid += t.valid();
            for (String who : List.of("a", "b")) {
                futures.add(deployment.requireRunning().intake()
                        .submit(new Submission(null, List.of(t.payload()), Channel.QR, who)));
            }
        }
        futures.forEach(CompletableFuture::join);
        NodeTotals before = deployment.requireRunning().state().totals(0);
        assertThat(before.tables().confirmed()).isEqualTo(synth.tableCount());
        assertThat(before.valid()).isEqualTo(expectedValid);
        assertThat(deployment.evidence().count()).isEqualTo(2L * synth.tableCount());

        deployment.close();
        deployment = Deployment.open(Database.open(database.config()), Clock.systemUTC());
        assertThat(deployment.requireRunning().state().totals(0)).isEqualTo(before);
    }
}
