package org.testigo.analysis.audit;

/**
 * The deterministic checks on one table: each is an impossibility (the acta cannot be right as it stands)
 * or a coincidence worth a human look (rare, but honest tables show it now and then: a handful of identical
 * results among 30,000 tables happen by chance, as do strongholds where a rival gets nothing).
 */
public enum CheckCode {
    /** Ballots cast (valid + null + blank) exceed the registered voters, while the valid votes do not. */
    TURNOUT_OVER_100,
    /** The candidates' votes alone exceed the registered voters. */
    VOTES_OVER_REGISTERED,
    /** One candidate has every valid vote, at a table with at least {@link TableChecks#MIN_VALID_UNANIMOUS}. */
    UNANIMOUS,
    /** The nation's leader or runner-up has no vote at all at a table with at least {@link TableChecks#MIN_VALID_RIVAL_ZERO}. */
    MAIN_RIVAL_AT_ZERO,
    /** Another table has the very same votes for every candidate, null and blank (valid ≥ {@link TableChecks#MIN_VALID_IDENTICAL}). */
    IDENTICAL_RESULTS,
    /** Two sources for the table (printed acta and QR, phoned-in result and acta) give different results. */
    SOURCES_DISAGREE;

    /** The acta cannot be right as it stands (as opposed to a rare coincidence). */
    public boolean impossible() {
        return this == TURNOUT_OVER_100 || this == VOTES_OVER_REGISTERED || this == SOURCES_DISAGREE;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
