package org.testigo.totals;

/**
 * The certainty rule: with the leader's counted lead D and the votes U that could still appear in the
 * tables not counted yet, the winner is certain when D &gt; U.
 *
 * @param lead D
 * @param outstanding U, or -1 when it cannot be bounded (registered voters unknown)
 * @param basis how U was bounded
 * @param outstandingOfficial U by the authority's own announced count (official votes cast minus
 *                            votes counted here), or -1 when no bulletin gives the votes cast
 */
public record Certainty(boolean certain, long lead, long outstanding, String basis, long outstandingOfficial) {
    public static final long UNKNOWN = -1;

    public boolean certainByOfficialCount() {
        return outstandingOfficial != UNKNOWN && lead > outstandingOfficial;
    }
}
