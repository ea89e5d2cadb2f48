package org.testigo.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testigo.consolidation.TableStatus;
import org.testigo.deployment.Deployment;
import org.testigo.election.Counts;
import org.testigo.election.TableId;
import org.testigo.scan.ImageLimits;
import org.testigo.scan.ImageRefusal;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.EvidenceDraft;
import org.testigo.store.ImageStatus;
import org.testigo.store.ImageSubmission;
import org.testigo.store.StoredEvidence;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;
import org.testigo.tally.ve2024.Ve2024Payload;

class ImageIntakeTest {
    private final SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(30, 21));
    private DatabaseConfig.Server config;
    private Deployment deployment;

    @BeforeEach
    void open() {
        config = TestPostgres.freshDatabase();
        deployment = Deployment.open(Database.open(config), Clock.systemUTC());
        deployment.load(synth.election());
    }

    @AfterEach
    void close() {
        deployment.close();
    }

    private ImageIntake images() {
        return deployment.requireRunning().images();
    }

    private ImageAnswer.Received received(ImageAnswer a) {
        assertThat(a).isInstanceOf(ImageAnswer.Received.class);
        return (ImageAnswer.Received) a;
    }

    private ImageSubmission decoded(ImageAnswer a) throws Exception {
        return images().whenFinal(received(a).submission().id()).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aPhotoWithAValidCodeBecomesImageEvidenceAndIsCounted() throws Exception {
        SyntheticTable t = synth.table(0);
        byte[] photo = ActaPictures.png(t.payload());
        ImageAnswer.Received r = received(images().submit(new ImageUpload(photo, null, List.of(), "witness-1")));
        assertThat(r.submission().status()).isEqualTo(ImageStatus.DECODING);
        assertThat(r.duplicate()).isFalse();

        ImageSubmission s = images().whenFinal(r.submission().id()).get(60, TimeUnit.SECONDS);
        assertThat(s.status()).isEqualTo(ImageStatus.DECODED);
        assertThat(s.payloads()).containsExactly(t.payload());
        assertThat(s.table()).isEqualTo(t.table().id().value());
        assertThat(s.webSha256()).isNotNull();
        StoredEvidence e = deployment.evidence().byId(s.evidenceId()).orElseThrow();
        assertThat(e.channel()).isEqualTo(Channel.IMAGE);
        assertThat(e.sha256Hex()).as("the evidence's content is the original image").isEqualTo(s.imageSha256());
        assertThat(deployment.evidence().content(e.sha256Hex()).orElseThrow()).isEqualTo(photo);
        assertThat(e.tally().valid()).isEqualTo(t.valid());
        assertThat(deployment.requireRunning().state().totals(0).valid()).isEqualTo(t.valid());
        assertThat(deployment.requireRunning().state().consolidation(t.table().id()).status()).isEqualTo(TableStatus.PROVISIONAL);
    }

    @Test
    void aSheetWithoutACodeNeedsTranscriptionAndKeepsItsDerivatives() throws Exception {
        ImageSubmission s = decoded(images().submit(new ImageUpload(ActaPictures.withoutCode(1), null, List.of(), "witness-2")));
        assertThat(s.status()).isEqualTo(ImageStatus.NEEDS_TRANSCRIPTION);
        assertThat(s.reasonCode()).isEqualTo("no-qr-code");
        assertThat(s.payloads()).isEmpty();
        assertThat(s.evidenceId()).isNull();
        assertThat(deployment.images().derivative(s, s.thumbnailSha256()).orElseThrow()).startsWith((byte) 0xff, (byte) 0xd8);
        assertThat(deployment.images().needingTranscription(0, 10)).extracting(ImageSubmission::id).containsExactly(s.id());
        assertThat(deployment.evidence().count()).isZero();
    }

    @Test
    void aTruncatedJpegIsRejectedWithTheReason() throws Exception {
        ImageSubmission s = decoded(images().submit(new ImageUpload(ActaPictures.truncatedJpeg(synth.table(1).payload(), 0.5), null,
                List.of(), "witness-3")));
        assertThat(s.status()).isEqualTo(ImageStatus.REJECTED);
        assertThat(s.reasonCode()).isEqualTo("truncated");
        assertThat(s.reason()).isNotBlank();
        assertThat(deployment.evidence().count()).isZero();
    }

    @Test
    void hostileFilesAreRefusedFromTheirHeaderAndNothingIsStored() {
        record Hostile(byte[] bytes, ImageRefusal.Reason reason) {
        }
        List<Hostile> files = List.of(
                new Hostile(new byte[0], ImageRefusal.Reason.EMPTY),
                new Hostile("%PDF-1.7 not an acta".getBytes(java.nio.charset.StandardCharsets.US_ASCII), ImageRefusal.Reason.NOT_AN_IMAGE),
                new Hostile(ActaPictures.pngBomb(30_000), ImageRefusal.Reason.TOO_MANY_PIXELS),
                new Hostile(new byte[(int) ImageLimits.DEFAULT.maxBytes() + 1], ImageRefusal.Reason.TOO_LARGE));
        for (Hostile h : files) {
            ImageAnswer a = images().submit(new ImageUpload(h.bytes(), null, List.of(), "witness-4"));
            assertThat(a).as(h.reason().name()).isInstanceOf(ImageAnswer.NotAnImage.class);
            assertThat(((ImageAnswer.NotAnImage) a).refusal().reason()).isEqualTo(h.reason());
        }
        assertThat(deployment.images().count()).isZero();
    }

    @Test
    void theBombIsSmallOnDiskAndHugeInPixels() {
        assertThat(ActaPictures.pngBomb(30_000).length).isLessThan(10_000);
    }

    @Test
    void aRetryOfTheSameImageFindsTheFirstSubmission() throws Exception {
        byte[] photo = ActaPictures.png(synth.table(2).payload());
        ImageAnswer.Received first = received(images().submit(new ImageUpload(photo, null, List.of(), "witness-5")));
        images().whenFinal(first.submission().id()).get(60, TimeUnit.SECONDS);
        ImageAnswer.Received again = received(images().submit(new ImageUpload(photo, null, List.of(), "witness-5")));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.submission().id()).isEqualTo(first.submission().id());
        assertThat(again.submission().status()).isEqualTo(ImageStatus.DECODED);
        assertThat(deployment.images().count()).isEqualTo(1);
        assertThat(deployment.evidence().count()).isEqualTo(1);
    }

    @Test
    void textSentWithTheImageCountsAtOnceAndAnAgreeingImageAddsACopy() throws Exception {
        SyntheticTable t = synth.table(3);
        ImageAnswer.Received r = received(images().submit(new ImageUpload(ActaPictures.png(t.payload()), null, List.of(t.payload()),
                "witness-6")));
        assertThat(r.text()).isPresent();
        assertThat(deployment.evidence().byId(r.text().get().evidenceId()).orElseThrow().channel()).isEqualTo(Channel.QR);
        ImageSubmission s = images().whenFinal(r.submission().id()).get(60, TimeUnit.SECONDS);
        assertThat(s.status()).isEqualTo(ImageStatus.DECODED);
        assertThat(s.reasonCode()).isNull();
        assertThat(s.textEvidenceId()).isEqualTo(r.text().get().evidenceId());
        assertThat(deployment.requireRunning().state().consolidation(t.table().id()).status())
                .as("one submitter, one version: still provisional").isEqualTo(TableStatus.PROVISIONAL);
    }

    @Test
    void anImageThatDisagreesWithItsTextIsKeptAndTheTableIsConflicted() throws Exception {
        SyntheticTable t = synth.table(4);
        int[] cards = new int[t.cards().size()];
        for (int i = 0; i < cards.length; i++) {
            cards[i] = t.cards().get(i);
        }
        cards[0] += 7;
        String edited = Ve2024Payload.format(t.table().id(), Counts.of(cards), t.nullVotes(), 0);
        ImageSubmission s = decoded(images().submit(new ImageUpload(ActaPictures.png(t.payload()), null, List.of(edited), "witness-7")));
        assertThat(s.status()).isEqualTo(ImageStatus.DECODED);
        assertThat(s.reasonCode()).isEqualTo("differs-from-text");
        assertThat(deployment.requireRunning().state().consolidation(t.table().id()).status()).isEqualTo(TableStatus.CONFLICTED);
    }

    @Test
    void aCodeForATableOutsideTheElectionIsRejected() throws Exception {
        String other = Ve2024Payload.format(new TableId("990101001.01"), synth.table(0).cards(), 0, 0);
        ImageSubmission s = decoded(images().submit(new ImageUpload(ActaPictures.png(other), null, List.of(), "witness-8")));
        assertThat(s.status()).isEqualTo(ImageStatus.REJECTED);
        assertThat(s.reasonCode()).isEqualTo("unknown-table");
        assertThat(s.payloads()).containsExactly(other);
    }

    @Test
    void jobsLeftDecodingAreResumedByTheNextProcess() throws Exception {
        // Stored, never decoded: as if the process had been killed right after answering.
        List<SyntheticTable> tables = List.of(synth.table(10), synth.table(11), synth.table(12));
        List<Long> ids = new java.util.ArrayList<>();
        for (SyntheticTable t : tables) {
            ids.add(deployment.images().receive("witness-9", "image/png", ActaPictures.png(t.payload()), null, null,
                    java.time.Instant.now()).submission().id());
        }
        deployment.close();

        deployment = Deployment.open(Database.open(config), Clock.systemUTC());
        images().start(2);
        for (int i = 0; i < ids.size(); i++) {
            ImageSubmission s = images().whenFinal(ids.get(i)).get(60, TimeUnit.SECONDS);
            assertThat(s.status()).isEqualTo(ImageStatus.DECODED);
            assertThat(s.table()).isEqualTo(tables.get(i).table().id().value());
        }
        assertThat(deployment.evidence().count()).isEqualTo(3);
    }

    @Test
    void everyAcceptedImageFitsInAnEvidenceRow() {
        assertThat(ImageLimits.DEFAULT.maxBytes()).isLessThanOrEqualTo(EvidenceDraft.MAX_CONTENT_BYTES);
    }
}
