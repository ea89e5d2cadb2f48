package org.testigo.analysis.audit;

import java.util.Arrays;

/**
 * Klimek's election fingerprint (Klimek, Yegorov, Hanel &amp; Thurner, "Statistical detection of systematic
 * election irregularities", PNAS 109(41), 2012): how many tables fall in each cell of turnout × the
 * leader's share of valid votes, both cut in {@code bins} equal steps from 0 to 1 (a turnout over 100%
 * counts in the last column). A clean election is one round cloud; ballot stuffing smears it towards the
 * top right corner, where turnout and the leader's share are both near 100%.
 *
 * @param node the place's code ("" for the nation)
 * @param tables tables counted in it (those with registered voters and valid votes)
 * @param counts tables per cell, row-major from the bottom: {@code counts[share * bins + turnout]}
 * @param correlation Pearson's correlation between turnout and the leader's share over those tables; a
 *                    strong positive one is the smear's signature, though geography can make one too
 * @param topCorner share of those tables with turnout and leader share both at 80% or above
 */
public record Fingerprint(String node, String name, String leader, int bins, long tables, int[] counts,
        double correlation, double topCorner) {
    public static final int BINS = 50;
    /** What a fingerprint can and cannot show. */
    public static final Caveat CAVEAT = Fingerprints.CAVEAT;

    public Fingerprint {
        counts = counts.clone();
    }

    public int count(int turnoutBin, int shareBin) {
        return counts[shareBin * bins + turnoutBin];
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && node.equals(f.node) && bins == f.bins && Arrays.equals(counts, f.counts);
    }

    @Override
    public int hashCode() {
        return node.hashCode() * 31 + Arrays.hashCode(counts);
    }

    static int bin(double x, int bins) {
        return (int) Math.max(0, Math.min(bins - 1, Math.floor(x * bins)));
    }
}
