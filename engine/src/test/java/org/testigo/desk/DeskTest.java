package org.testigo.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testigo.consolidation.Basis;
import org.testigo.consolidation.TableStatus;
import org.testigo.deployment.Deployment;
import org.testigo.election.Card;
import org.testigo.election.Counts;
import org.testigo.intake.ActaPictures;
import org.testigo.intake.ImageAnswer;
import org.testigo.intake.ImageUpload;
import org.testigo.intake.Submission;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.DeskStore;
import org.testigo.store.ImageStatus;
import org.testigo.store.StoredEvidence;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;
import org.testigo.tally.ve2024.Ve2024Payload;
import org.testigo.views.Json;

/**
 * The double-entry rules of the transcription desk, on a real deployment over PostgreSQL with photos that
 * carry no QR code (so they need a person). Time is a clock the test moves, so lease expiry needs no waiting.
 * The readings typed are the synthetic election's true results, known independently of the desk.
 */
class DeskTest {
    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        private volatile Instant now = Instant.parse("2026-07-28T20:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    SyntheticElection synth;
    MovingClock clock;
    Deployment deployment;
    Desk desk;

    @BeforeEach
    void open() {
        synth = SyntheticElection.generate(SynthSpec.of(24, 5));
        clock = new MovingClock();
        deployment = Deployment.open(Database.open(TestPostgres.freshDatabase()), clock);
        deployment.load(synth.election());
        desk = deployment.requireRunning().desk();
    }

    @AfterEach
    void close() {
        deployment.close();
    }

    /** Sends a photo without a code as {@code witness}; returns its id once it needs transcription. */
    long photoWithoutCode(int variant, String witness) throws Exception {
        var images = deployment.requireRunning().images();
        ImageAnswer a = images.submit(new ImageUpload(ActaPictures.withoutCode(variant), null, List.of(), witness));
        long id = ((ImageAnswer.Received) a).submission().id();
        assertThat(images.whenFinal(id).get(60, TimeUnit.SECONDS).status()).isEqualTo(ImageStatus.NEEDS_TRANSCRIPTION);
        return id;
    }

    /** An entry as a volunteer types it: every card of the table's true result (or one card off by {@code typo}). */
    JsonNode entry(SyntheticTable t, int typo) {
        Map<String, Object> cards = new LinkedHashMap<>();
        List<Card> ballot = synth.election().ballot().cards();
        for (int i = 0; i < ballot.size(); i++) {
            cards.put(ballot.get(i).id(), t.cards().get(i) + (i == 0 ? typo : 0));
        }
        return Json.mapper().valueToTree(Map.of("table", t.table().id().value(), "cards", cards, "null", t.nullVotes()));
    }

    long next(String volunteer) {
        return desk.next(volunteer).orElseThrow(() -> new AssertionError(volunteer + " got no task")).task().id();
    }

    @Test
    void twoVolunteersWhoAgreeTurnThePhotoIntoEvidenceOfTheWitnessWhoSentIt() throws Exception {
        long image = photoWithoutCode(1, "witness-7");
        SyntheticTable t = synth.table(3);
        long task = next("volunteer-1");
        assertThat(next("volunteer-2")).isEqualTo(task);
        assertThat(desk.next("volunteer-3")).as("two entries are needed and two people hold the task").isEmpty();
        assertThat(next("volunteer-1")).as("asking again shows the same task").isEqualTo(task);

        Desk.Entered first = desk.enter(task, "volunteer-1", entry(t, 0));
        assertThat(first.outcome()).isEqualTo("waiting");
        assertThat(deployment.requireRunning().state().consolidation(t.index()).status()).isEqualTo(TableStatus.MISSING);
        Desk.Entered second = desk.enter(task, "volunteer-2", entry(t, 0));
        assertThat(second.outcome()).isEqualTo("agreed");
        assertThat(second.task().evidenceId()).isNotNull();

        StoredEvidence e = deployment.evidence().byId(second.task().evidenceId()).orElseThrow();
        assertThat(e.channel().name()).isEqualTo("transcription");
        assertThat(e.submitter()).as("the witness's acta, read by people").isEqualTo("witness-7");
        assertThat(e.format()).isEqualTo("transcription-v1");
        assertThat(e.tally().candidates()).isEqualTo(t.candidates());
        String content = new String(deployment.evidence().content(e.sha256Hex()).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(content).contains("\"images\":[{\"id\":" + image + ",").contains("\"volunteers\":[\"volunteer-1\",\"volunteer-2\"]");
        var c = deployment.requireRunning().state().consolidation(t.index());
        assertThat(c.status()).isEqualTo(TableStatus.PROVISIONAL);
        assertThat(c.accepted().candidates()).isEqualTo(t.candidates());
        assertThat(desk.next("volunteer-3")).as("nothing left").isEmpty();
    }

    @Test
    void aDisagreementGoesToAThirdVolunteerAndNeverBackToTheFirstTwo() throws Exception {
        photoWithoutCode(2, "witness-1");
        SyntheticTable t = synth.table(5);
        long task = next("volunteer-1");
        next("volunteer-2");
        desk.enter(task, "volunteer-1", entry(t, 0));
        Desk.Entered typo = desk.enter(task, "volunteer-2", entry(t, 3));
        assertThat(typo.outcome()).isEqualTo("another-opinion");
        assertThat(typo.task().status()).isEqualTo("open");
        assertThat(typo.task().needed()).isEqualTo(3);
        assertThat(desk.next("volunteer-1")).as("never the same task twice").isEmpty();
        assertThat(desk.next("volunteer-2")).isEmpty();
        assertThat(next("volunteer-3")).isEqualTo(task);
        Desk.Entered third = desk.enter(task, "volunteer-3", entry(t, 0));
        assertThat(third.outcome()).isEqualTo("agreed");
        assertThat(deployment.requireRunning().state().consolidation(t.index()).accepted().candidates()).isEqualTo(t.candidates());
        assertThat(Reading.ofCanonical(third.task().reading()).cards()).isEqualTo(t.cards());
    }

    @Test
    void anEntryForATaskNotLeasedOrEnteredTwiceIsRefused() throws Exception {
        photoWithoutCode(3, "witness-1");
        SyntheticTable t = synth.table(0);
        long task = next("volunteer-1");
        assertThat(desk.enter(task, "volunteer-9", entry(t, 0)).refusal()).isEqualTo(DeskStore.EntryRefusal.NOT_LEASED);
        desk.enter(task, "volunteer-1", entry(t, 0));
        assertThat(desk.enter(task, "volunteer-1", entry(t, 0)).refusal()).isEqualTo(DeskStore.EntryRefusal.ALREADY_ENTERED);
        assertThat(desk.enter(task + 1000, "volunteer-1", entry(t, 0)).refusal()).isEqualTo(DeskStore.EntryRefusal.UNKNOWN_TASK);
    }

    @Test
    void anAbandonedLeaseReturnsTheTaskToTheQueueButNotToWhoAbandonedIt() throws Exception {
        photoWithoutCode(4, "witness-1");
        long task = next("volunteer-1");
        next("volunteer-2");
        assertThat(desk.next("volunteer-3")).isEmpty();
        clock.advance(desk.lease().minusSeconds(1));
        assertThat(desk.next("volunteer-3")).as("leases still live").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(next("volunteer-3")).isEqualTo(task);
        assertThat(next("volunteer-4")).isEqualTo(task);
        assertThat(desk.next("volunteer-1")).as("who abandoned it does not get it back").isEmpty();
    }

    @Test
    void twoUnreadableEntriesCloseTheTaskWithoutEvidence() throws Exception {
        photoWithoutCode(5, "witness-1");
        long task = next("volunteer-1");
        next("volunteer-2");
        JsonNode unreadable = Json.mapper().valueToTree(Map.of("unreadable", true));
        desk.enter(task, "volunteer-1", unreadable);
        Desk.Entered e = desk.enter(task, "volunteer-2", unreadable);
        assertThat(e.outcome()).isEqualTo("unreadable");
        assertThat(e.task().evidenceId()).isNull();
        assertThat(deployment.evidence().count()).isZero();
    }

    @Test
    void aVolunteerWhoKeepsDisagreeingIsFlaggedAndTheirUnconfirmedWorkReQueued() throws Exception {
        int tasks = Desk.FLAG_MIN_DECIDED;
        for (int i = 0; i < tasks + 1; i++) {
            photoWithoutCode(10 + i, "witness-1");
        }
        for (int i = 0; i < tasks; i++) {
            SyntheticTable t = synth.table(i);
            long task = next("volunteer-good");
            assertThat(next("volunteer-sloppy")).isEqualTo(task);
            desk.enter(task, "volunteer-good", entry(t, 0));
            desk.enter(task, "volunteer-sloppy", entry(t, i % 2 == 0 ? 1 : 0)); // wrong on tasks 0, 2, 4
            if (i % 2 == 0) {
                assertThat(next("volunteer-third")).isEqualTo(task);
                assertThat(desk.enter(task, "volunteer-third", entry(t, 0)).outcome()).isEqualTo("agreed");
            }
        }
        Map<String, Desk.Volunteer> byName = new LinkedHashMap<>();
        desk.volunteers().forEach(v -> byName.put(v.record().volunteer(), v));
        // 3 of 5 decided entries off: 60 % > 30 %.
        assertThat(byName.get("volunteer-sloppy").record().decided()).isEqualTo(5);
        assertThat(byName.get("volunteer-sloppy").record().disagreed()).isEqualTo(3);
        assertThat(byName.get("volunteer-sloppy").flagged()).isTrue();
        assertThat(byName.get("volunteer-good").flagged()).isFalse();
        assertThat(byName.get("volunteer-third").flagged()).as("too few entries to judge").isFalse();

        // The sloppy volunteer takes the last task and enters it; a coordinator re-queues their work.
        long last = next("volunteer-sloppy");
        desk.enter(last, "volunteer-sloppy", entry(synth.table(9), 0));
        assertThat(desk.volunteers().stream().filter(v -> v.record().volunteer().equals("volunteer-sloppy")).findFirst().orElseThrow()
                .record().pending()).isEqualTo(1);
        DeskStore.Requeued r = desk.requeue("volunteer-sloppy");
        assertThat(r.entriesVoided()).isEqualTo(1);
        // Their entry no longer counts: two more people are needed, and the sloppy one is not asked again.
        assertThat(desk.next("volunteer-sloppy")).isEmpty();
        assertThat(next("volunteer-good")).isEqualTo(last);
        desk.enter(last, "volunteer-good", entry(synth.table(9), 0));
        assertThat(desk.store().task(last).orElseThrow().status()).as("the voided entry does not confirm it").isEqualTo("open");
        assertThat(next("volunteer-third")).isEqualTo(last);
        assertThat(desk.enter(last, "volunteer-third", entry(synth.table(9), 0)).outcome()).isEqualTo("agreed");
    }

    @Test
    void aConflictedTableWithAPhotoIsSettledByTheDeskAndConfirmed() throws Exception {
        SyntheticTable t = synth.table(2);
        var intake = deployment.requireRunning().intake();
        int[] cards = t.cards().toArray();
        cards[0] += 7;
        String altered = Ve2024Payload.format(t.table().id(), Counts.of(cards), t.nullVotes(), 0);
        intake.submit(new Submission(null, List.of(altered), Channel.QR, "witness-1")).join();
        // The second witness's photo decodes to the true result: two unsigned versions, a conflict with a photo.
        var images = deployment.requireRunning().images();
        long photo = ((ImageAnswer.Received) images.submit(new ImageUpload(ActaPictures.png(t.payload()), null, List.of(), "witness-2")))
                .submission().id();
        assertThat(images.whenFinal(photo).get(60, TimeUnit.SECONDS).status()).isEqualTo(ImageStatus.DECODED);
        assertThat(deployment.requireRunning().state().consolidation(t.index()).status()).isEqualTo(TableStatus.CONFLICTED);

        Optional<Desk.Leased> leased = desk.next("volunteer-1");
        assertThat(leased).isPresent();
        assertThat(leased.get().task().kind()).isEqualTo("conflict");
        assertThat(leased.get().task().table()).isEqualTo(t.table().id().value());
        assertThat(leased.get().images()).containsExactly(photo);
        long task = leased.get().task().id();
        assertThat(next("volunteer-2")).isEqualTo(task);
        JsonNode withoutTable = entry(t, 0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) withoutTable).remove("table"); // the table is the task's
        desk.enter(task, "volunteer-1", withoutTable);
        assertThat(desk.enter(task, "volunteer-2", entry(t, 0)).outcome()).isEqualTo("agreed");

        var c = deployment.requireRunning().state().consolidation(t.index());
        assertThat(c.status()).isEqualTo(TableStatus.CONFIRMED);
        assertThat(c.basis()).isEqualTo(Basis.DESK_REVIEW);
        assertThat(c.accepted().candidates()).isEqualTo(t.candidates());
        assertThat(desk.next("volunteer-3")).as("settled: no new task for the table").isEmpty();
    }
}
