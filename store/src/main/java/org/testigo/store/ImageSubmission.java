package org.testigo.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One image submission as the store holds it: the sealed original (by hash) and what decoding made of it.
 *
 * @param imageSha256 lowercase hex SHA-256 of the original bytes (sealed: never published)
 * @param mediaType of the original, as sniffed from its bytes
 * @param size of the original, bytes
 * @param format the tally format the submitter claimed, or null for the election's own
 * @param reason why it needs a person or was rejected (null otherwise)
 * @param reasonCode a stable code for {@code reason}, e.g. {@code truncated}, {@code no-qr-code}
 * @param payloads the QR texts found in the image (empty when none was)
 * @param strategy the decoding strategy that found them (null while decoding or when not loaded)
 * @param decodeMillis how long the decoding took (null while decoding)
 * @param evidenceId the evidence the image became, once decoded
 * @param table the table of that evidence
 * @param textEvidenceId the evidence the QR text sent with the image became, if any
 * @param webSha256 the metadata-free web-size JPEG (a blob), once made
 * @param thumbnailSha256 the metadata-free thumbnail JPEG (a blob), once made
 */
public record ImageSubmission(long id, String imageSha256, String mediaType, long size, String submitter, String format,
        Instant receivedAt, ImageStatus status, String reason, String reasonCode, List<String> payloads, String strategy,
        Long decodeMillis, Long evidenceId, String table, Long textEvidenceId, String webSha256, String thumbnailSha256,
        Instant updatedAt) {

    public ImageSubmission {
        payloads = List.copyOf(payloads);
    }

    public Optional<Long> evidence() {
        return Optional.ofNullable(evidenceId);
    }
}
