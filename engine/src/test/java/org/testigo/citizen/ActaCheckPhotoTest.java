package org.testigo.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testigo.citizen.ActaCheckResult.Difference;
import org.testigo.citizen.ActaCheckResult.Outcome;
import org.testigo.citizen.ActaCheckResult.Source;
import org.testigo.consolidation.TableStatus;
import org.testigo.deployment.Deployment;
import org.testigo.election.Counts;
import org.testigo.intake.ActaPictures;
import org.testigo.intake.Outcome.Accepted;
import org.testigo.intake.Submission;
import org.testigo.scan.ImageRefusal;
import org.testigo.scan.synth.ActaGenerator;
import org.testigo.scan.synth.Category;
import org.testigo.scan.synth.SyntheticActa;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.ImageStatus;
import org.testigo.store.ImageSubmission;
import org.testigo.store.StoredEvidence;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.tally.ve2024.Ve2024Payload;

/**
 * "Verify my acta" with photos, on the synthetic election the scan module's acta generator draws its
 * actas from (same size and seed), so a generated photo is a photo of one of this election's tables.
 */
class ActaCheckPhotoTest {
    private static final long SEED = 7;
    private final SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(300, SEED));
    private Deployment deployment;
    private ActaCheck check;

    @BeforeEach
    void open() {
        deployment = Deployment.open(Database.open(TestPostgres.freshDatabase()), Clock.systemUTC());
        deployment.load(synth.election());
        check = new ActaCheck(deployment);
    }

    @AfterEach
    void close() {
        check.close();
        deployment.close();
    }

    private SyntheticTable tableOf(String payload) {
        return synth.tables().filter(t -> t.payload().equals(payload)).findFirst().orElseThrow();
    }

    private void witnessSends(String payload, String witness) {
        var outcome = deployment.requireRunning().intake().submit(new Submission(null, List.of(payload), Channel.QR, witness)).join();
        assertThat(outcome).isInstanceOf(Accepted.class);
    }

    /** The table's acta with one more vote on its first card (the first candidate's). */
    private static String oneMoreVote(SyntheticTable t) {
        int[] cards = t.cards().toArray();
        cards[0]++;
        return Ve2024Payload.format(t.table().id(), Counts.of(cards), t.nullVotes(), 0);
    }

    @Test
    void aScannedActaOfAPublishedTableMatches() throws Exception {
        SyntheticActa scan = new ActaGenerator(SEED, 1000).generate(Category.CLEAN_SCAN, 0);
        assertThat(scan.format()).isEqualTo("ve-2024");
        SyntheticTable t = tableOf(scan.payloads().get(0));
        witnessSends(t.payload(), "witness-1");
        long evidence = deployment.evidence().count();

        ActaCheckResult r = check.checkImage(scan.bytes());

        assertThat(r.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(r.source()).isEqualTo(Source.IMAGE);
        assertThat(r.table()).isEqualTo(t.table().id().value());
        assertThat(r.payloads()).containsExactly(t.payload());
        assertThat(r.acta().valid()).isEqualTo(t.valid());
        assertThat(deployment.evidence().count()).isEqualTo(evidence);
        assertThat(deployment.images().count()).isZero();
    }

    @Test
    void aPhotoThatDiffersIsRecordedOnceWithItsSealedPhotoAndChangesNothingPublic() throws Exception {
        SyntheticTable t = synth.table(4);
        witnessSends(t.payload(), "witness-1");
        String forged = oneMoreVote(t);
        byte[] photo = ActaPictures.png(forged);
        var totalsBefore = deployment.requireRunning().state().totals(0);

        ActaCheckResult r = check.checkImage(photo);

        assertThat(r.outcome()).isEqualTo(Outcome.MISMATCH);
        var first = Ve2024Ballot.BALLOT.candidates().stream()
                .filter(c -> c.id().equals(Ve2024Ballot.BALLOT.cards().get(0).candidate())).findFirst().orElseThrow();
        int index = Ve2024Ballot.BALLOT.candidates().indexOf(first);
        assertThat(r.differences()).containsExactly(
                new Difference("candidate", first.id(), first.name(), t.candidates().get(index), t.candidates().get(index) + 1),
                new Difference("card", Ve2024Ballot.BALLOT.cards().get(0).id(), Ve2024Ballot.BALLOT.cards().get(0).name(),
                        t.cards().get(0), t.cards().get(0) + 1));
        assertThat(r.tableStatus()).isEqualTo("provisional");
        assertThat(r.imageId()).isNotNull();
        StoredEvidence e = deployment.evidence().byId(r.evidenceId()).orElseThrow();
        assertThat(e.channel()).isEqualTo(Channel.CITIZEN);
        assertThat(new String(deployment.evidence().content(e.sha256Hex()).orElseThrow(), StandardCharsets.UTF_8))
                .as("the evidence is the QR text; the photo is attached, sealed").isEqualTo(forged);
        ImageSubmission s = deployment.images().byId(r.imageId()).orElseThrow();
        assertThat(s.status()).isEqualTo(ImageStatus.DECODED);
        assertThat(s.evidenceId()).isEqualTo(r.evidenceId());
        assertThat(deployment.images().original(s)).isEqualTo(photo);
        assertThat(deployment.images().derivative(s, s.webSha256()).orElseThrow()).startsWith((byte) 0xff, (byte) 0xd8);

        ActaCheckResult again = check.checkImage(photo);
        assertThat(again.evidenceId()).isEqualTo(r.evidenceId());
        assertThat(again.imageId()).isEqualTo(r.imageId());
        assertThat(again.duplicate()).isTrue();
        assertThat(deployment.evidence().count()).isEqualTo(2);
        assertThat(deployment.images().count()).isEqualTo(1);

        assertThat(deployment.requireRunning().state().consolidation(t.table().id()).status()).isEqualTo(TableStatus.PROVISIONAL);
        assertThat(deployment.requireRunning().state().totals(0)).isEqualTo(totalsBefore);
        assertThat(check.reports(0, 10)).singleElement().satisfies(report -> {
            assertThat(report.evidenceId()).isEqualTo(r.evidenceId());
            assertThat(report.images()).containsExactly(r.imageId());
        });
    }

    @Test
    void anActaOfATableWithNothingPublishedIsRecordedAndTheTableStaysMissing() {
        SyntheticTable t = synth.table(9);

        ActaCheckResult r = check.checkText(List.of(t.payload()));

        assertThat(r.outcome()).isEqualTo(Outcome.NOT_YET_PUBLISHED);
        assertThat(r.evidenceId()).isNotNull();
        assertThat(r.published()).isNull();
        assertThat(r.acta().valid()).isEqualTo(t.valid());
        assertThat(r.tableStatus()).isEqualTo("missing");
        var state = deployment.requireRunning().state();
        assertThat(state.consolidation(t.table().id()).status()).isEqualTo(TableStatus.MISSING);
        assertThat(state.totals(0).valid()).isZero();

        witnessSends(t.payload(), "witness-2");
        ActaCheckResult later = check.checkText(List.of(t.payload()));
        assertThat(later.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(later.tableStatus()).as("the citizen's earlier copy does not confirm it").isEqualTo("provisional");
        assertThat(check.reports(0, 10)).singleElement().satisfies(report -> assertThat(report.outcomeNow()).isEqualTo(Outcome.MATCH));
    }

    @Test
    void aSheetWithoutACodeIsUnreadableAndNothingIsStored() throws Exception {
        ActaCheckResult r = check.checkImage(ActaPictures.withoutCode(3));
        assertThat(r.outcome()).isEqualTo(Outcome.UNREADABLE);
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("NO_QR_CODE"));
        assertThat(r.message()).contains("Take another one");
        assertThat(deployment.evidence().count()).isZero();
        assertThat(deployment.images().count()).isZero();
    }

    @Test
    void aFileThatIsNoImageIsRefusedFromItsHeader() {
        assertThatThrownBy(() -> check.checkImage("%PDF-1.7 not an acta".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(ImageRefusal.class, e -> assertThat(e.reason()).isEqualTo(ImageRefusal.Reason.NOT_AN_IMAGE));
        assertThatThrownBy(() -> check.checkImage(ActaPictures.pngBomb(30_000)))
                .isInstanceOfSatisfying(ImageRefusal.class, e -> assertThat(e.reason()).isEqualTo(ImageRefusal.Reason.TOO_MANY_PIXELS));
    }

    @Test
    void blankTextIsInvalidNotACrash() {
        ActaCheckResult r = check.checkText(List.of("  ", "\n"));
        assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("NO_PAYLOAD"));
    }
}
