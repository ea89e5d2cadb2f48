package org.testigo.totals;

import java.util.List;

/**
 * Everything known about one node of the geography (or the nation, code ""), from accepted tallies.
 *
 * @param level the level's name ("" for the nation)
 * @param registered registered voters of the node's tables, or -1 when some are unknown
 * @param registeredCounted registered voters of the counted tables, or -1 when some are unknown
 * @param coverage counted tables / expected tables
 * @param turnout votes cast / registered voters of the counted tables, or -1 when unknown
 */
public record NodeTotals(
        String code,
        String name,
        String level,
        TableCounts tables,
        List<CandidateVotes> candidates,
        long valid,
        long nullVotes,
        long blankVotes,
        long registered,
        long registeredCounted,
        double coverage,
        double turnout,
        Lead lead,
        Certainty certainty) {

    public NodeTotals {
        candidates = List.copyOf(candidates);
    }

    public long cast() {
        return valid + nullVotes + blankVotes;
    }
}
