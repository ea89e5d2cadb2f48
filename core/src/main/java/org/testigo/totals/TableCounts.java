package org.testigo.totals;

/**
 * How many tables a node has and where they stand.
 *
 * @param expected tables the node really has (for the nation, the package's expected count; below it,
 *                 the tables listed)
 * @param received tables with any evidence
 * @param counted tables whose accepted tally is in the totals (provisional + confirmed)
 */
public record TableCounts(long expected, long received, long counted, long provisional, long confirmed, long conflicted) {
    public long missing() {
        return expected - received;
    }

    /** Tables whose votes are not in the totals yet: missing or in conflict. */
    public long outstanding() {
        return expected - counted;
    }
}
