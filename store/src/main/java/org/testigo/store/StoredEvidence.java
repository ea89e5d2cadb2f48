package org.testigo.store;

import java.time.Instant;
import org.testigo.tally.Tally;
import org.testigo.tally.Verification;

/**
 * A piece of evidence as the store holds it: never changed once written.
 *
 * @param id position in the evidence log, from 1, in the order evidence was written
 * @param sha256Hex lowercase hex SHA-256 of the content that was submitted ({@link EvidenceStore#content})
 * @param receivedAt when it reached Testigo, at the microsecond precision PostgreSQL keeps
 */
public record StoredEvidence(long id, String sha256Hex, Channel channel, String submitter, String format, Tally tally,
        Verification verification, Instant receivedAt) {
}
