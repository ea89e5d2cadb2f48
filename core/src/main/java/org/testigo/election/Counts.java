package org.testigo.election;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable vector of non-negative vote counts, compared by content. Used for per-card and
 * per-candidate votes; one table's counts fit an int, sums over many tables use {@link #sum()}.
 */
public final class Counts {
    private static final Counts EMPTY = new Counts(new int[0]);
    private final int[] values;

    private Counts(int[] values) {
        this.values = values;
    }

    public static Counts empty() {
        return EMPTY;
    }

    public static Counts of(int... values) {
        for (int v : values) {
            if (v < 0) {
                throw new IllegalArgumentException("counts cannot be negative: " + v);
            }
        }
        return new Counts(values.clone());
    }

    public static Counts of(long... values) {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("count out of range: " + values[i]);
            }
            ints[i] = (int) values[i];
        }
        return new Counts(ints);
    }

    public static Counts of(List<? extends Number> values) {
        long[] longs = new long[values.size()];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = values.get(i).longValue();
        }
        return of(longs);
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public int get(int i) {
        return values[i];
    }

    public long sum() {
        long s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }

    public int[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Counts other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
