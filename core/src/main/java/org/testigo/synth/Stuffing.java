package org.testigo.synth;

import org.testigo.tally.ve2024.Ve2024Ballot;

/**
 * Ballot stuffing to plant in a synthetic election, so that audits can be tested against a known truth:
 * each table is picked with probability {@code fraction} (from the seed, its own random stream), and a
 * picked table gets extra ballots for {@code candidate} until its turnout reaches a level drawn uniformly
 * between {@code turnoutMin} and {@code turnoutMax} — the Klimek-style smear towards high turnout and a
 * high share. A picked table already above that level is left as it was and is not counted as planted.
 */
public record Stuffing(double fraction, String candidate, double turnoutMin, double turnoutMax) {
    /** No stuffing. */
    public static final Stuffing NONE = new Stuffing(0, "NM", 0.9, 0.9);

    public Stuffing {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the stuffed fraction of tables must be 0 to 1, got " + fraction);
        }
        if (candidate == null || Ve2024Ballot.BALLOT.candidateIndex(candidate) < 0) {
            throw new IllegalArgumentException("stuffing must favour a candidate of the 2024 ballot, got " + candidate);
        }
        if (!(0 < turnoutMin && turnoutMin <= turnoutMax && turnoutMax <= 1)) {
            throw new IllegalArgumentException("the stuffed turnout needs 0 < min ≤ max ≤ 1, got " + turnoutMin
                    + " and " + turnoutMax);
        }
    }

    /** {@code fraction} of the tables stuffed for {@code candidate} up to a turnout of 88% to 98%. */
    public static Stuffing of(double fraction, String candidate) {
        return new Stuffing(fraction, candidate, 0.88, 0.98);
    }
}
