package org.testigo.store;

/**
 * The answer to an append, given once the evidence is durable.
 *
 * @param evidence the stored evidence; for a duplicate, the first copy (its id and receivedAt)
 * @param duplicate true when the same channel, submitter and content were stored before
 * @param logPosition the evidence's leaf in the transparency log (committed with it)
 * @param logEntry that leaf's entry, exactly as logged (what a receipt shows, so a witness can check it later)
 */
public record Appended(StoredEvidence evidence, boolean duplicate, long logPosition, byte[] logEntry) {
}
