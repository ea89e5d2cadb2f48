package org.testigo.store;

/**
 * The outcome of a bulk import.
 *
 * @param added evidence rows written
 * @param duplicates drafts that were already stored (same channel, submitter and content), or repeated in the import
 */
public record BulkAppended(long added, long duplicates) {
}
