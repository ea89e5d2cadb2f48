package org.testigo.analysis.audit;

import java.util.List;
import org.testigo.election.TableId;

/**
 * Two sources' results for one table, to compare: a printed acta against its QR, a phoned-in quick-count
 * result against the acta, two witnesses' copies. Each result is the votes per candidate in ballot order
 * followed by null and blank votes.
 *
 * @param first what the first result came from, e.g. {@code qr}, {@code phoned}, {@code witness-17}
 */
public record CrossCheck(TableId table, String first, List<Integer> firstResult, String second, List<Integer> secondResult) {
    public CrossCheck {
        firstResult = List.copyOf(firstResult);
        secondResult = List.copyOf(secondResult);
    }

    public boolean disagrees() {
        return !firstResult.equals(secondResult);
    }
}
