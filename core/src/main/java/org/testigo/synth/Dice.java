package org.testigo.synth;

/**
 * The generator's source of randomness: SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014), written out here rather than taken from the JDK so
 * that a seed gives the same election on every JDK. Transcendental functions go through
 * {@link StrictMath} for the same reason. Independent streams come from {@link #of}: each table,
 * region and planning step draws from its own stream, so any table can be regenerated alone.
 */
final class Dice {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian = Double.NaN; // Box-Muller gives two at a time

    private Dice(long state) {
        this.state = state;
    }

    /** The stream {@code index} of kind {@code stream} for {@code seed}. */
    static Dice of(long seed, long stream, long index) {
        return new Dice(mix(mix(seed + stream * GOLDEN_GAMMA) + index));
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound); bound ≥ 1. */
    int below(int bound) {
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /** Standard normal, by Box-Muller. */
    double gaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double radius = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - uniform())); // 1 - [0, 1): log stays finite
        double angle = 2.0 * StrictMath.PI * uniform();
        spareGaussian = radius * StrictMath.sin(angle);
        return radius * StrictMath.cos(angle);
    }

    /** Log-normal with median 1: {@code exp(sigma · N(0,1))}. */
    double logNormal(double sigma) {
        return StrictMath.exp(sigma * gaussian());
    }

    /** Poisson; exact (Knuth's product of uniforms) for small means, normal approximation above 30. */
    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian()));
        }
        double limit = StrictMath.exp(-mean);
        double product = uniform();
        int k = 0;
        while (product > limit) {
            product *= uniform();
            k++;
        }
        return k;
    }

    static double logit(double p) {
        return StrictMath.log(p / (1 - p));
    }

    static double logistic(double x) {
        return 1 / (1 + StrictMath.exp(-x));
    }
}
