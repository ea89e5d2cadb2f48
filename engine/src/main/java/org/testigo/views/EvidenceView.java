package org.testigo.views;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.testigo.store.Blob;
import org.testigo.store.StoredEvidence;
import org.testigo.tally.Check;

/**
 * One piece of evidence as it was received — {@code GET /api/v1/evidence/{id}} and its file-like alias
 * {@code /api/v1/evidence/{id}.json}, on the live server and on a mirror alike: its content (the QR text),
 * hash, channel, pseudonymous submitter, time and verification. Evidence never changes once written.
 *
 * @param content the content as text when it is text (QR text, check-in JSON); null for binary content
 *     (images are never published this way)
 */
public record EvidenceView(long id, String sha256, String channel, String submitter, String format, String table,
                           String actaId, String receivedAt, String mediaType, String content, String signature,
                           String signatureReason, List<CheckView> checks) {

    public record CheckView(String name, boolean passed, String detail) {
    }

    public static EvidenceView of(StoredEvidence e, Blob blob) {
        return new EvidenceView(e.id(), e.sha256Hex(), e.channel().name(), e.submitter(), e.format(),
                e.tally().table().value(), e.tally().actaId(), e.receivedAt().toString(), blob.mediaType(),
                blob.mediaType().startsWith("text/") || blob.mediaType().equals("application/json")
                        ? new String(blob.bytes(), StandardCharsets.UTF_8) : null,
                e.verification().signature().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                e.verification().reason(),
                e.verification().checks().stream().map((Check c) -> new CheckView(c.name(), c.passed(), c.detail())).toList());
    }
}
