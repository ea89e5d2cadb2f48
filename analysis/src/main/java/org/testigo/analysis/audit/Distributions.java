package org.testigo.analysis.audit;

/**
 * The few distribution functions the audit needs, written out so that every p-value can be traced to
 * a formula: the log-gamma function (Lanczos, g = 7, n = 9, below 10; Stirling's series above), the regularised upper incomplete gamma
 * Q(a, x) (series below a + 1, Lentz's continued fraction above, as in Press et al., Numerical Recipes
 * §6.2), and from it χ² and normal tail probabilities: P(χ²_k ≥ x) = Q(k/2, x/2) and, because
 * erfc(z) = Q(1/2, z²), P(Z ≥ z) = Q(1/2, z²/2) / 2 for z ≥ 0.
 */
public final class Distributions {
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 10_000;

    private Distributions() {
    }

    /** ln Γ(x) for x &gt; 0. */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x >= 10) {
            // Stirling's series: its first four terms are exact to about 10⁻¹⁵ here, where Lanczos loses digits.
            double r = 1 / x;
            double r2 = r * r;
            return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI)
                    + r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 / 1680)));
        }
        if (x < 0.5) {
            // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** Q(a, x) = Γ(a, x) / Γ(a), the regularised upper incomplete gamma function; a &gt; 0, x ≥ 0. */
    public static double upperGamma(double a, double x) {
        if (!(a > 0) || !(x >= 0)) {
            throw new IllegalArgumentException("upperGamma needs a > 0 and x ≥ 0, got a " + a + ", x " + x);
        }
        if (x == 0) {
            return 1;
        }
        if (x < a + 1) {
            return 1 - lowerSeries(a, x);
        }
        return upperFraction(a, x);
    }

    /** P(a, x) by its series Σ xⁿ / (a (a+1) … (a+n)) · xᵃ e⁻ˣ / Γ(a). */
    private static double lowerSeries(double a, double x) {
        double term = 1 / a;
        double sum = term;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPSILON) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    /** Q(a, x) by the continued fraction 1/(x+1-a- 1·(1-a)/(x+3-a- 2·(2-a)/(x+5-a- …))), modified Lentz. */
    private static double upperFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** P(χ²_df ≥ x): the p-value of a χ² statistic. */
    public static double chiSquareSurvival(double x, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("a χ² needs at least 1 degree of freedom, got " + df);
        }
        return x <= 0 ? 1 : upperGamma(df / 2.0, x / 2);
    }

    /** P(Z ≥ z) for a standard normal Z. */
    public static double normalSurvival(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        double half = 0.5 * upperGamma(0.5, z * z / 2);
        return z >= 0 ? half : 1 - half;
    }

    /** P(Z ≤ z). */
    public static double normalCdf(double z) {
        return normalSurvival(-z);
    }

    /** P(|Z| ≥ |z|): the two-sided p-value of a z statistic. */
    public static double normalTwoSided(double z) {
        return Math.min(1, 2 * normalSurvival(Math.abs(z)));
    }

    /** The standard normal density. */
    public static double normalDensity(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }
}
