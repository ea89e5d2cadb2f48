package org.testigo.synth;

import java.util.Arrays;

/** Shares out whole units (municipalities, centres, votes) in proportion to weights. */
final class Apportion {
    private Apportion() {
    }

    /**
     * Gives every bin at least 1 and at most {@code max} units, {@code total} in all, as nearly in
     * proportion to {@code weights} as the bounds allow (bins that hit {@code max} pass their excess on).
     *
     * @throws IllegalArgumentException unless {@code bins ≤ total ≤ bins · max}
     */
    static int[] bounded(int total, double[] weights, int max) {
        int bins = weights.length;
        if (bins == 0 || total < bins || (long) bins * max < total) {
            throw new IllegalArgumentException("cannot share " + total + " units among " + bins
                    + " bins holding 1 to " + max + " each");
        }
        int[] out = new int[bins];
        Arrays.fill(out, 1);
        boolean[] full = new boolean[bins];
        long remaining = total - bins;
        while (remaining > 0) {
            double free = 0;
            for (int i = 0; i < bins; i++) {
                if (!full[i] && out[i] < max) {
                    free += weights[i];
                } else {
                    full[i] = true;
                }
            }
            long given = 0;
            for (int i = 0; i < bins && free > 0; i++) {
                if (!full[i]) {
                    long add = Math.min(max - out[i], (long) Math.floor(remaining * weights[i] / free));
                    out[i] += (int) add;
                    given += add;
                }
            }
            if (given == 0) {
                // Every proportional share rounded to zero: one more unit each, heaviest first.
                Integer[] order = new Integer[bins];
                for (int i = 0; i < bins; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Double.compare(weights[b], weights[a]));
                for (int i : order) {
                    if (given == remaining) {
                        break;
                    }
                    if (out[i] < max) {
                        out[i]++;
                        given++;
                    }
                }
            }
            remaining -= given;
        }
        return out;
    }

    /**
     * Splits {@code total} votes among bins in proportion to {@code weights} (all ≥ 0, some > 0),
     * rounding at random so that each bin's expected share is exact and the parts add up to
     * {@code total} (systematic sampling of the fractional parts).
     */
    static int[] randomly(int total, double[] weights, Dice dice) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int[] out = new int[weights.length];
        int given = 0;
        double[] fraction = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            double share = total * weights[i] / sum;
            out[i] = (int) share;
            fraction[i] = share - out[i];
            given += out[i];
        }
        int left = total - given;
        // `left` points equally spaced by 1 with a random offset land on the cumulative fractions.
        double point = dice.uniform();
        double cumulative = 0;
        for (int i = 0; i < weights.length && left > 0; i++) {
            cumulative += fraction[i];
            while (left > 0 && point < cumulative) {
                out[i]++;
                left--;
                point += 1;
            }
        }
        // Floating-point slack can leave a unit over; it goes to the heaviest bin.
        if (left > 0) {
            int heaviest = 0;
            for (int i = 1; i < weights.length; i++) {
                if (weights[i] > weights[heaviest]) {
                    heaviest = i;
                }
            }
            out[heaviest] += left;
        }
        return out;
    }
}
