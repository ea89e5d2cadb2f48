package org.testigo.intake;

import java.util.Optional;
import org.testigo.scan.ImageRefusal;
import org.testigo.store.ImageSubmission;

/** What the request path answers to an image: received (decoding follows), or refused with nothing stored. */
public sealed interface ImageAnswer permits ImageAnswer.Received, ImageAnswer.NotAnImage, ImageAnswer.Refused {

    /**
     * Stored durably; decoding runs on the pool.
     *
     * @param submission the job as it stands now (status {@code decoding} when new; a retry sees the first
     *                   job, in whatever status it has reached)
     * @param duplicate true when the same submitter had sent the same bytes before
     * @param text the receipt of the QR text sent with the image, when there was one
     */
    record Received(ImageSubmission submission, boolean duplicate, Optional<Receipt> text) implements ImageAnswer {
    }

    /** The header says no: empty, not an image, too large or too many pixels. Nothing was stored. */
    record NotAnImage(ImageRefusal refusal) implements ImageAnswer {
    }

    /** The claimed format or the QR text sent with the image was refused. Nothing was stored. */
    record Refused(Refusal refusal) implements ImageAnswer {
    }
}
