package org.testigo.intake;

import java.util.List;

/**
 * A photo or scan of an acta, as a witness (or `testigo ingest`) sends it.
 *
 * @param image the file's bytes, untouched
 * @param format the tally format claimed, or null for the election's own
 * @param qrTexts the QR text(s) the phone already read from the same acta; may be empty
 * @param submitter the pseudonym it is recorded under
 */
public record ImageUpload(byte[] image, String format, List<String> qrTexts, String submitter) {
    public ImageUpload {
        if (image == null) {
            throw new IllegalArgumentException("image is required");
        }
        if (submitter == null || submitter.isBlank()) {
            throw new IllegalArgumentException("an image upload needs a submitter");
        }
        qrTexts = List.copyOf(qrTexts);
    }
}
