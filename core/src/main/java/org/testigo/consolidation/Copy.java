package org.testigo.consolidation;

import java.time.Instant;
import org.testigo.tally.Tally;
import org.testigo.tally.Verdict;

/**
 * One piece of evidence for a table, as consolidation sees it.
 *
 * @param evidenceId the evidence it came from
 * @param channel how it arrived ({@code qr}, {@code import}, …)
 * @param submitter the pseudonym of who sent it; copies from different submitters are independent
 * @param signature the verdict on the tally's own signature
 */
public record Copy(long evidenceId, String channel, String submitter, Tally tally, Verdict signature, Instant receivedAt) {
    public static final String IMPORT = "import";
    /** A conflicted table read from its photos at the transcription desk, two volunteers agreeing. */
    public static final String DESK_REVIEW = "desk-review";

    public boolean imported() {
        return IMPORT.equals(channel);
    }

    public boolean deskReview() {
        return DESK_REVIEW.equals(channel);
    }
}
