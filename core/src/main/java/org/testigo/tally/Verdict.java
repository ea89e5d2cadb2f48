package org.testigo.tally;

/** What a signature check concluded. A missing key is not a forgery: that is {@link #NOT_VERIFIABLE}. */
public enum Verdict {
    VALID,
    INVALID,
    NOT_VERIFIABLE
}
