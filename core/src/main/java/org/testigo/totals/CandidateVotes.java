package org.testigo.totals;

/** A candidate's votes in a node; {@code share} is of valid votes, 0 when there are none. */
public record CandidateVotes(String id, String name, long votes, double share) {
}
