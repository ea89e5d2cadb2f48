package org.testigo.analysis.audit;

import java.util.List;
import org.testigo.election.TableId;

/**
 * One table in the anomaly ranking (see {@link PeerOutliers} for the score).
 *
 * @param peers the code of the place whose tables it was compared with (its centre, or a larger place
 *              when the centre has fewer than {@link PeerOutliers#MIN_PEERS} counted tables)
 * @param turnout ballots cast / registered voters, or null when registered voters are unknown
 * @param leaderShare the nation's leader's share of the table's valid votes, or null without valid votes
 * @param zTurnout robust z of the turnout among its peers, or null
 * @param zShare robust z of the leader's share among its peers, or null
 * @param score the combined anomaly score
 * @param outlier the peer part of the score is beyond {@link PeerOutliers#THRESHOLD}
 * @param flags the deterministic checks it failed
 */
public record RankedTable(TableId table, String state, String peers, int peerCount, Double turnout, Double leaderShare,
        Double zTurnout, Double zShare, double score, boolean outlier, List<CheckCode> flags) {
    public RankedTable {
        flags = List.copyOf(flags);
    }
}
