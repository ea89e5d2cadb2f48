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
    /** An anonymous citizen's acta ("verify my acta"): a report for review, never a vote in consolidation. */
    public static final String CITIZEN = "citizen";

    /** A conflicted table read from its photos at the transcription desk, two volunteers agreeing. */
    public static final String DESK_REVIEW = "desk-review";

    public boolean imported() {
        return IMPORT.equals(channel);
    }

    /**
     * Whether this copy only asks for review. Anyone can send a citizen acta without an account, so one
     * must not be able to confirm a table, open a conflict or hold a table back: it is kept, logged and
     * listed for the command centre, and counts only once a reviewer has acted on it.
     */
    public boolean forReview() {
        return CITIZEN.equals(channel);
    }

    public boolean deskReview() {
        return DESK_REVIEW.equals(channel);
    }
}
