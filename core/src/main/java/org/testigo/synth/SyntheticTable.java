package org.testigo.synth;

import org.testigo.election.Counts;
import org.testigo.election.PollingTable;

/**
 * One table of a synthetic election with its true result, and that result as the acta's QR text.
 *
 * @param index the table's position in the election's geography
 * @param cards votes per card, in ballot order
 * @param candidates votes per candidate, in ballot order
 * @param payload the {@code ve-2024} QR text of this result
 */
public record SyntheticTable(int index, PollingTable table, Counts cards, Counts candidates, int nullVotes, String payload) {

    public long valid() {
        return candidates.sum();
    }

    /** Ballots cast: valid and null votes (the 2024 ballot has no blank option). */
    public long cast() {
        return valid() + nullVotes;
    }
}
