package org.testigo.consolidation;

import java.util.List;
import java.util.Optional;
import org.testigo.election.TableId;
import org.testigo.tally.Tally;

/**
 * The consolidated state of one table: its status, the accepted tally (when there is one) and why,
 * and every competing version.
 */
public record TableConsolidation(
        TableId table, TableStatus status, Basis basis, Tally accepted, List<Version> versions, String explanation) {

    public TableConsolidation {
        versions = List.copyOf(versions);
        if ((accepted == null) != (status == TableStatus.MISSING || status == TableStatus.CONFLICTED)) {
            throw new IllegalArgumentException("a " + status + " table " + (accepted == null ? "needs" : "cannot have")
                    + " an accepted tally");
        }
    }

    public static TableConsolidation missing(TableId table) {
        return new TableConsolidation(table, TableStatus.MISSING, Basis.NONE, null, List.of(), "no evidence yet");
    }

    public Optional<Tally> acceptedTally() {
        return Optional.ofNullable(accepted);
    }

    /** The table has evidence (accepted or not). */
    public boolean received() {
        return status != TableStatus.MISSING;
    }

    /** Its votes are in the totals. */
    public boolean counted() {
        return accepted != null;
    }
}
