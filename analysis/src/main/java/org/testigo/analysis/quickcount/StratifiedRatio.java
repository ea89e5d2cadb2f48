package org.testigo.analysis.quickcount;

/**
 * The combined ratio estimator for a stratified sample (Cochran, <i>Sampling Techniques</i>, 3rd ed.,
 * §6.11; the estimator of NDI's quick-count handbook). For a ratio R = Y / X of two population totals
 * (votes for a candidate over valid votes; votes cast over registered voters), with y = a·v and
 * x = b·v for each table's counts v:
 *
 * <pre>
 *   Ŷ = Σ_h (N_h / n_h) Σ_{i∈h} y_i        X̂ likewise        R̂ = Ŷ / X̂
 *
 *   e_i = y_i − R̂·x_i        s²_h = (Σ_{i∈h} e_i² − (Σ_{i∈h} e_i)² / n_h) / (n_h − 1)
 *
 *   V(R̂) = (1 / X̂²) · Σ_h N_h² · (1 − n_h / N_h) · s²_h / n_h        SE = √V
 * </pre>
 *
 * where N_h is the stratum's number of tables and n_h the number of its sampled tables that have
 * reported (non-response is treated as missing at random within a stratum, which is what the
 * warnings of {@link QuickCount} are about). The variance is the first-order (linearised) one, with the
 * finite population correction (1 − n_h/N_h). A stratum with no report contributes nothing to either
 * total; one with a single report contributes to the totals but not to the variance (s²_h needs two).
 * Σe_i² is expanded as Σy² − 2R̂Σxy + R̂²Σx², so the estimate needs only each stratum's {@link Moments}.
 */
public final class StratifiedRatio {
    private StratifiedRatio() {
    }

    /**
     * @param populations N_h for each stratum
     * @param strata each stratum's reports
     * @param a the numerator's coefficients over the report vector
     * @param b the denominator's coefficients
     * @return the estimate, or {@code null} when no stratum has a report or X̂ is 0
     */
    public static RatioEstimate estimate(long[] populations, Moments[] strata, double[] a, double[] b) {
        double yHat = 0;
        double xHat = 0;
        for (int h = 0; h < strata.length; h++) {
            long n = strata[h].count();
            if (n == 0) {
                continue;
            }
            double w = (double) populations[h] / n;
            yHat += w * strata[h].sum(a);
            xHat += w * strata[h].sum(b);
        }
        if (xHat == 0) {
            return null;
        }
        double r = yHat / xHat;
        double variance = 0;
        for (int h = 0; h < strata.length; h++) {
            Moments s = strata[h];
            long n = s.count();
            if (n < 2) {
                continue;
            }
            double sy = s.sum(a);
            double sx = s.sum(b);
            double sumE = sy - r * sx;
            double sumE2 = s.cross(a, a) - 2 * r * s.cross(a, b) + r * r * s.cross(b, b);
            double s2 = Math.max(0, (sumE2 - sumE * sumE / n) / (n - 1));
            double bigN = populations[h];
            variance += bigN * bigN * (1 - n / bigN) * s2 / n;
        }
        return RatioEstimate.of(r, Math.sqrt(variance) / Math.abs(xHat));
    }
}
