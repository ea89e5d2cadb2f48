package org.testigo.citizen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testigo.citizen.ActaCheckResult.Difference;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Card;
import org.testigo.tally.Tally;

/**
 * Compares an acta with a table's published tally, field by field. Only the numbers the acta states
 * are compared — votes per candidate, per card, null and blank votes, and the format's further counters
 * — never sums derived from them (valid, cast), so one changed vote is one difference.
 *
 * <p>A published tally from a dataset may lack the card breakdown or a counter; what one side lacks is
 * not compared (consolidation's own rule: cards and counters are detail, {@link Tally#agreesWith}).
 */
public final class ActaComparison {
    private ActaComparison() {
    }

    /** Every difference, in ballot order: candidates, cards, null, blank, then counters by name. */
    public static List<Difference> differences(Tally published, Tally acta, Ballot ballot) {
        if (!published.table().equals(acta.table())) {
            throw new IllegalArgumentException("compare an acta with its own table's tally (" + acta.table() + " against "
                    + published.table() + ")");
        }
        List<Candidate> candidates = ballot.candidates();
        if (published.candidates().size() != candidates.size() || acta.candidates().size() != candidates.size()) {
            throw new IllegalStateException("tallies of table " + acta.table() + " do not have the ballot's " + candidates.size()
                    + " candidates");
        }
        List<Difference> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            int p = published.candidates().get(i);
            int a = acta.candidates().get(i);
            if (p != a) {
                out.add(new Difference("candidate", candidates.get(i).id(), candidates.get(i).name(), p, a));
            }
        }
        if (!published.cards().isEmpty() && !acta.cards().isEmpty()) {
            List<Card> cards = ballot.cards();
            if (published.cards().size() != cards.size() || acta.cards().size() != cards.size()) {
                throw new IllegalStateException("tallies of table " + acta.table() + " do not have the ballot's " + cards.size()
                        + " cards");
            }
            for (int i = 0; i < cards.size(); i++) {
                int p = published.cards().get(i);
                int a = acta.cards().get(i);
                if (p != a) {
                    out.add(new Difference("card", cards.get(i).id(), cards.get(i).name(), p, a));
                }
            }
        }
        if (published.nullVotes() != acta.nullVotes()) {
            out.add(new Difference("null", "null", "null votes", published.nullVotes(), acta.nullVotes()));
        }
        if (published.blankVotes() != acta.blankVotes()) {
            out.add(new Difference("blank", "blank", "blank votes", published.blankVotes(), acta.blankVotes()));
        }
        for (Map.Entry<String, Long> e : acta.counters().entrySet()) {
            Long p = published.counters().get(e.getKey());
            if (p != null && !p.equals(e.getValue())) {
                out.add(new Difference("counter", e.getKey(), e.getKey(), p, e.getValue()));
            }
        }
        return out;
    }
}
