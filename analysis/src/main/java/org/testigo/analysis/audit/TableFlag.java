package org.testigo.analysis.audit;

import org.testigo.election.TableId;

/** A deterministic check that failed at one table, with the numbers that made it fail. */
public record TableFlag(TableId table, CheckCode code, String detail) {
}
