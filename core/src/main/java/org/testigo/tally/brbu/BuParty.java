package org.testigo.tally.brbu;

import java.util.List;

/**
 * A party block of a proportional cargo: {@code PART} then its candidates' votes, {@code LEGP} and
 * {@code TOTP}.
 *
 * @param number PART, the party number (candidate numbers start with it)
 * @param votes votes for the party's candidates, in printed order
 * @param labelVotes LEGP, votes for the party label only (voto de legenda)
 * @param total TOTP, as printed: the candidates' votes plus LEGP
 */
public record BuParty(int number, List<BuVote> votes, int labelVotes, int total) {
    public BuParty {
        votes = List.copyOf(votes);
    }

    /** Sum of the candidates' votes. */
    public long candidateVotes() {
        return votes.stream().mapToLong(BuVote::votes).sum();
    }
}
