package org.testigo.analysis.quickcount;

/**
 * The sums one stratum's reports contribute to a ratio estimate, over a vector of m counts per table
 * (votes per candidate, null votes, registered voters…): the number of tables n, each variable's sum
 * Σv_j and every cross product Σv_j·v_k. Kept exactly, in longs, so that a report can be taken out
 * again (a witness corrects a figure) without rounding drift; every linear combination's sums follow
 * from them ({@link #sum}, {@link #cross}).
 */
public final class Moments {
    private final int m;
    private long n;
    private final long[] sum;
    private final long[] cross; // row-major m × m, symmetric

    public Moments(int variables) {
        this.m = variables;
        this.sum = new long[variables];
        this.cross = new long[variables * variables];
    }

    public int variables() {
        return m;
    }

    public long count() {
        return n;
    }

    public void add(long[] v) {
        apply(v, 1);
    }

    public void remove(long[] v) {
        if (n == 0) {
            throw new IllegalStateException("no report to remove");
        }
        apply(v, -1);
    }

    private void apply(long[] v, int sign) {
        if (v.length != m) {
            throw new IllegalArgumentException("a report here has " + m + " counts, not " + v.length);
        }
        n += sign;
        for (int j = 0; j < m; j++) {
            sum[j] += sign * v[j];
            long vj = sign * v[j];
            for (int k = 0; k < m; k++) {
                cross[j * m + k] += vj * v[k];
            }
        }
    }

    /** Σ (a·v) over the tables. */
    public double sum(double[] a) {
        double s = 0;
        for (int j = 0; j < m; j++) {
            s += a[j] * sum[j];
        }
        return s;
    }

    /** Σ (a·v)(b·v) over the tables. */
    public double cross(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < m; j++) {
            if (a[j] == 0) {
                continue;
            }
            double row = 0;
            for (int k = 0; k < m; k++) {
                row += cross[j * m + k] * b[k];
            }
            s += a[j] * row;
        }
        return s;
    }
}
