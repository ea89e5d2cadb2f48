package org.testigo.intake;

import java.time.Instant;
import java.util.List;
import org.testigo.consolidation.TableStatus;
import org.testigo.election.TableId;
import org.testigo.tally.Check;
import org.testigo.tally.Verdict;

/**
 * The acknowledgement of a durable submission. A retry of the same submission gets the same
 * {@code evidenceId} and {@code receivedAt}, with {@code duplicate} set.
 *
 * @param tableStatus the table's consolidated status once this evidence is counted
 * @param failedChecks the tally's own consistency checks that failed (kept as evidence, flagged)
 * @param logIndex the evidence's leaf in the transparency log: with a later checkpoint and an inclusion
 *     proof, the witness can show anyone that this acta was in the log
 * @param logEntry that leaf's entry, exactly as logged (its hash is the leaf hash)
 */
public record Receipt(
        long evidenceId,
        String sha256,
        TableId table,
        String actaId,
        TableStatus tableStatus,
        Instant receivedAt,
        boolean duplicate,
        Verdict signature,
        String signatureReason,
        List<Check> failedChecks,
        long logIndex,
        byte[] logEntry) {

    public Receipt {
        failedChecks = List.copyOf(failedChecks);
    }
}
