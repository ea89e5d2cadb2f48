package org.testigo.consolidation;

/** Why a version was accepted. */
public enum Basis {
    /** The tally's signature verified against a pinned key. */
    SIGNATURE,
    /** The coordinator imported it from a curated dataset. */
    IMPORT,
    /** Enough copies from different submitters agree. */
    AGREEING_COPIES,
    /** A single version exists but too few independent copies back it yet. */
    SINGLE_VERSION,
    /** Unsigned versions disagreed; the transcription desk read the photos and settled it (double entry). */
    DESK_REVIEW,
    /** Nothing accepted. */
    NONE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
