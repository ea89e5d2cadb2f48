package org.testigo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImageStoreTest {
    private final Database db = TestPostgres.open();
    private final ImageStore images = new ImageStore(db);
    // Not a real picture: the store keeps bytes, it does not judge them.
    private final byte[] photo = "\u0089PNG pretend photo".getBytes(StandardCharsets.ISO_8859_1);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aRetryOfTheSameBytesBySameSubmitterFindsTheFirstJob() {
        ImageStore.Received first = images.receive("witness-1", "image/png", photo, null, null, Instant.now());
        ImageStore.Received again = images.receive("witness-1", "image/png", photo, null, null, Instant.now());
        ImageStore.Received other = images.receive("witness-2", "image/png", photo, null, null, Instant.now());
        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.submission().id()).isEqualTo(first.submission().id());
        assertThat(again.submission().receivedAt()).isEqualTo(first.submission().receivedAt());
        assertThat(other.duplicate()).as("another submitter's copy is another job").isFalse();
        assertThat(images.count()).isEqualTo(2);
        assertThat(first.submission().status()).isEqualTo(ImageStatus.DECODING);
        assertThat(first.submission().imageSha256()).isEqualTo(HexFormat.of().formatHex(EvidenceRows.sha256(photo)));
        assertThat(images.original(first.submission())).isEqualTo(photo);
        assertThat(images.byImage(first.submission().imageSha256()).orElseThrow().id()).isEqualTo(first.submission().id());
    }

    @Test
    void onlyDerivativesArePublishedByTheirHash() {
        long id = images.receive("witness-1", "image/png", photo, null, null, Instant.now()).submission().id();
        byte[] web = {(byte) 0xff, (byte) 0xd8, 7};
        byte[] thumb = {(byte) 0xff, (byte) 0xd8, 8};
        String webSha = HexFormat.of().formatHex(EvidenceRows.sha256(web));
        assertThat(images.publicDerivative(webSha)).as("not made yet").isEmpty();
        images.finish(id, new ImageOutcome(ImageStatus.NEEDS_TRANSCRIPTION, "no-qr-code", "no QR code", List.of(), "x", 1, null, web, thumb));
        assertThat(images.publicDerivative(webSha)).contains(web);
        assertThat(images.publicDerivative(HexFormat.of().formatHex(EvidenceRows.sha256(thumb)))).contains(thumb);
        assertThat(images.publicDerivative(HexFormat.of().formatHex(EvidenceRows.sha256(photo)))).as("the original is sealed").isEmpty();
        assertThat(images.publicDerivative("../" + webSha)).isEmpty();
        assertThat(images.publicDerivative(webSha.toUpperCase(java.util.Locale.ROOT))).isEmpty();
    }

    @Test
    void aJobMovesOnceToItsFinalStatusWithItsDerivatives() {
        long id = images.receive("witness-1", "image/png", photo, null, null, Instant.now()).submission().id();
        assertThat(images.decoding(List.of(), 10)).containsExactly(id);
        byte[] web = {(byte) 0xff, (byte) 0xd8, 1};
        byte[] thumb = {(byte) 0xff, (byte) 0xd8, 2};
        assertThat(images.finish(id, new ImageOutcome(ImageStatus.NEEDS_TRANSCRIPTION, "no-qr-code", "no QR code", List.of(),
                "boofcv", 12, null, web, thumb))).isTrue();
        assertThat(images.finish(id, new ImageOutcome(ImageStatus.REJECTED, "corrupt", "second opinion", List.of(), null, 1, null,
                null, null))).as("the first answer stands").isFalse();
        ImageSubmission s = images.byId(id).orElseThrow();
        assertThat(s.status()).isEqualTo(ImageStatus.NEEDS_TRANSCRIPTION);
        assertThat(s.decodeMillis()).isEqualTo(12L);
        assertThat(images.derivative(s, s.webSha256()).orElseThrow()).isEqualTo(web);
        assertThat(images.derivative(s, s.imageSha256())).as("the original is not a derivative").isEmpty();
        assertThat(images.decoding(List.of(), 10)).isEmpty();
        assertThat(images.needingTranscription(0, 10)).extracting(ImageSubmission::id).containsExactly(id);
    }

    @Test
    void theDatabaseRefusesToChangeAFinishedJobOrTheIdentityOfAnyJob() throws SQLException {
        long done = images.receive("witness-1", "image/png", photo, null, null, Instant.now()).submission().id();
        images.finish(done, new ImageOutcome(ImageStatus.REJECTED, "corrupt", "broken", List.of(), null, 1, null, null, null));
        long open = images.receive("witness-2", "image/png", photo, null, null, Instant.now()).submission().id();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update image_submission set status = 'decoding' where id = " + done))
                    .hasMessageContaining("final status never changes");
            assertThatThrownBy(() -> s.executeUpdate("update image_submission set submitter = 'someone-else' where id = " + open))
                    .hasMessageContaining("never change");
            assertThatThrownBy(() -> s.executeUpdate("delete from image_submission where id = " + open))
                    .hasMessageContaining("never deleted");
            assertThatThrownBy(() -> s.executeUpdate("update image_submission set status = 'decoded' where id = " + open))
                    .as("decoded names its evidence").hasMessageContaining("decoded_has_evidence");
        }
    }
}
