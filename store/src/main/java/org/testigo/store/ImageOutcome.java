package org.testigo.store;

import java.util.List;

/**
 * How the decoding of an image ended: the final status and what was found, to be written once.
 *
 * @param status a final status (not {@link ImageStatus#DECODING})
 * @param evidenceId the evidence the image became; required when {@code status} is decoded, null otherwise
 * @param web the web-size derivative (metadata-free JPEG), or null when the image could not be loaded
 * @param thumbnail the thumbnail derivative, or null with {@code web}
 */
public record ImageOutcome(ImageStatus status, String reasonCode, String reason, List<String> payloads, String strategy,
        long decodeMillis, Long evidenceId, byte[] web, byte[] thumbnail) {

    public ImageOutcome {
        if (status == null || !status.isFinal()) {
            throw new IllegalArgumentException("an outcome has a final status (got " + status + ")");
        }
        if ((status == ImageStatus.DECODED) != (evidenceId != null)) {
            throw new IllegalArgumentException("a decoded image, and only a decoded image, names its evidence");
        }
        if (status != ImageStatus.DECODED && (reason == null || reasonCode == null)) {
            throw new IllegalArgumentException(status.label() + " needs a reason and its code");
        }
        if ((web == null) != (thumbnail == null)) {
            throw new IllegalArgumentException("derivatives come in pairs: web and thumbnail");
        }
        payloads = List.copyOf(payloads);
    }
}
