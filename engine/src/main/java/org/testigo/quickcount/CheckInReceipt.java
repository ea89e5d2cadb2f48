package org.testigo.quickcount;

import java.time.Instant;
import org.testigo.election.TableId;

/**
 * The acknowledgement of a durable check-in. A retry of the same check-in gets the same evidence id
 * and receivedAt, with {@code duplicate} set.
 *
 * @param logIndex the check-in's leaf in the transparency log; {@code logEntry} that leaf's entry
 */
public record CheckInReceipt(long evidenceId, String sha256, TableId table, String kind, Instant receivedAt, boolean duplicate,
        long logIndex, byte[] logEntry) {
}
