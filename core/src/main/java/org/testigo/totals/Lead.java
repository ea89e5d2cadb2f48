package org.testigo.totals;

/** Who leads and by how much: {@code votes} over the runner-up, {@code points} in percentage points. */
public record Lead(String leader, String runnerUp, long votes, double points) {
}
