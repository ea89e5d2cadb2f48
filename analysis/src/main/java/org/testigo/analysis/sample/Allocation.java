package org.testigo.analysis.sample;

import java.util.Arrays;

/**
 * Proportional allocation of a sample among strata, in whole tables, by the largest-remainder method,
 * in integer arithmetic only (so every implementation gets the same numbers):
 *
 * <ol>
 *   <li>Stratum h's quota is {@code n · N_h / N}. It first gets {@code floor(n · N_h / N)} tables.</li>
 *   <li>The tables left over go one each to the strata with the largest remainders
 *       {@code (n · N_h) mod N}; equal remainders go to the earlier stratum (strata are in the order
 *       given, which {@link SampleDraw} fixes as ascending stratum code).</li>
 *   <li>When {@code n} is at least the number of strata that have tables, every such stratum must have
 *       at least one table (a stratum without any cannot be estimated): each stratum left at 0, in
 *       order, takes one table from the stratum that is most over its quota, i.e. with the largest
 *       {@code n_h · N − n · N_h}, among those holding 2 or more (equal excess: the larger n_h, then
 *       the earlier stratum).</li>
 * </ol>
 *
 * No stratum ever gets more tables than it has: its quota is at most N_h, so floor and floor + 1 are
 * at most N_h when the remainder is positive.
 */
public final class Allocation {
    private Allocation() {
    }

    /**
     * @param populations tables in each stratum (N_h ≥ 0)
     * @param size the sample size n, 1 ≤ n ≤ Σ N_h
     * @return tables to draw from each stratum (n_h), summing to n
     * @throws IllegalArgumentException when {@code size} is out of range
     */
    public static int[] largestRemainder(long[] populations, int size) {
        long total = 0;
        for (long p : populations) {
            if (p < 0) {
                throw new IllegalArgumentException("a stratum cannot have a negative number of tables");
            }
            total += p;
        }
        if (size < 1 || size > total) {
            throw new IllegalArgumentException("size must be between 1 and the " + total + " tables of the population (got " + size + ")");
        }
        int h = populations.length;
        int[] out = new int[h];
        long[] remainder = new long[h];
        long given = 0;
        for (int i = 0; i < h; i++) {
            long q = (long) size * populations[i]; // at most 2^31 · 2^31: fits a long
            out[i] = (int) (q / total);
            remainder[i] = q % total;
            given += out[i];
        }
        Integer[] order = new Integer[h];
        for (int i = 0; i < h; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Long.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        for (int k = 0; given < size; k++) {
            out[order[k]]++;
            given++;
        }
        int nonEmpty = 0;
        for (long p : populations) {
            nonEmpty += p > 0 ? 1 : 0;
        }
        if (size >= nonEmpty) {
            for (int i = 0; i < h; i++) {
                if (populations[i] > 0 && out[i] == 0) {
                    int donor = -1;
                    long donorExcess = 0;
                    for (int j = 0; j < h; j++) {
                        if (out[j] < 2) {
                            continue;
                        }
                        long excess = (long) out[j] * total - (long) size * populations[j];
                        if (donor < 0 || excess > donorExcess || (excess == donorExcess && out[j] > out[donor])) {
                            donor = j;
                            donorExcess = excess;
                        }
                    }
                    if (donor < 0) {
                        throw new IllegalStateException("no stratum can spare a table, yet n ≥ the strata with tables");
                    }
                    out[donor]--;
                    out[i] = 1;
                }
            }
        }
        return out;
    }
}
