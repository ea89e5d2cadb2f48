package org.testigo.state;

import java.time.Instant;

/**
 * An incident reported at a table, as the state keeps it: what is public (type and time) and where to find
 * the rest (the evidence, whose content commits to the private free text).
 *
 * @param type the incident's type id (e.g. {@code acta-refused})
 * @param at when it happened, as the witness reported it
 */
public record TableIncident(long evidenceId, String type, Instant at, Instant receivedAt, String submitter) {
}
