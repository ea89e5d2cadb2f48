package org.testigo.tally;

import java.util.Map;
import java.util.TreeMap;
import org.testigo.election.Counts;
import org.testigo.election.TableId;

/**
 * What one acta says, in the election's terms.
 *
 * @param format id of the format it was read with ({@code ve-2024}, {@code br-bu}, {@code import}, …)
 * @param table the polling table it belongs to
 * @param actaId the document's own identifier as printed (may equal the table id)
 * @param candidates votes per candidate, in the ballot's candidate order
 * @param cards votes per card in the ballot's card order, or empty when the source gives only candidates
 * @param nullVotes null votes
 * @param blankVotes blank votes (0 where the ballot has no blank option)
 * @param counters further numbers the format carries (e.g. voters who voted), by name; never votes
 */
public record Tally(
        String format,
        TableId table,
        String actaId,
        Counts candidates,
        Counts cards,
        int nullVotes,
        int blankVotes,
        Map<String, Long> counters) {

    public Tally {
        if (format == null || table == null || candidates == null || cards == null) {
            throw new IllegalArgumentException("format, table, candidates and cards are required");
        }
        if (nullVotes < 0 || blankVotes < 0) {
            throw new IllegalArgumentException("null and blank votes cannot be negative");
        }
        actaId = actaId == null ? table.value() : actaId;
        counters = counters == null ? Map.of() : Map.copyOf(new TreeMap<>(counters));
    }

    /** Votes for candidates (valid votes). */
    public long valid() {
        return candidates.sum();
    }

    /** Every ballot counted: valid + null + blank. */
    public long cast() {
        return valid() + nullVotes + blankVotes;
    }

    /**
     * Two tallies are the same version of a table's result when they give every candidate, the null
     * and the blank votes alike. Card breakdowns and counters are detail: a source without cards
     * (a published dataset) still agrees with a QR that has them.
     */
    public boolean agreesWith(Tally other) {
        return table.equals(other.table) && candidates.equals(other.candidates)
                && nullVotes == other.nullVotes && blankVotes == other.blankVotes;
    }
}
