package org.testigo.analysis.audit;

/**
 * Digit tests on the vote counts of one candidate across tables.
 *
 * <p>Second digit (Mebane's "2BL"): among counts of at least 10, Benford's law gives the second digit d
 * the probability q(d) = Σ_{k=1..9} log10(1 + 1/(10k + d)), whose mean is 4.1874. The mean test compares
 * the observed mean with it (z = (mean − 4.1874) / (σ/√n), σ² the law's variance); the χ² test compares
 * the ten frequencies (9 degrees of freedom).
 *
 * <p>Last digit: among counts of at least 10 (a one-digit count's last digit is the count, which is
 * not uniform), the last digit should be uniform: χ² over ten digits, and the share of 0 and 5 endings
 * against 20% (people inventing numbers favour them).
 */
final class DigitTests {
    /** A test needs this many counts: every χ² cell then expects at least 8.5. */
    static final int MIN_COUNTS = 100;

    static final double[] SECOND_DIGIT = new double[10];
    static final double SECOND_DIGIT_MEAN;
    static final double SECOND_DIGIT_SD;

    static {
        double mean = 0;
        double square = 0;
        for (int d = 0; d < 10; d++) {
            double q = 0;
            for (int k = 1; k <= 9; k++) {
                q += Math.log10(1 + 1.0 / (10 * k + d));
            }
            SECOND_DIGIT[d] = q;
            mean += d * q;
            square += d * d * q;
        }
        SECOND_DIGIT_MEAN = mean;
        SECOND_DIGIT_SD = Math.sqrt(square - mean * mean);
    }

    static final Caveat SECOND_DIGIT_CAVEAT = new Caveat(
            "Second digits of honest counts often stray from Benford's law: table sizes, a candidate's strength and"
                    + " how voters cluster shift them (Mebane; Deckert, Myagkov & Ordeshook 2011). A deviation is a"
                    + " reason to look at other evidence, never proof of fraud by itself.",
            "Los segundos dígitos de conteos honestos suelen apartarse de la ley de Benford: el tamaño de las mesas,"
                    + " la fuerza del candidato y cómo se agrupan los votantes los mueven (Mebane; Deckert, Myagkov y"
                    + " Ordeshook 2011). Una desviación es motivo para mirar otras pruebas, nunca prueba de fraude por sí sola.");
    static final Caveat LAST_DIGIT_CAVEAT = new Caveat(
            "Last digits of counts of 10 or more should be close to uniform; invented numbers tend to favour some"
                    + " digits, 0 and 5 above all. Small tables and strongly skewed results also bend them: a digit"
                    + " test alone is never a verdict.",
            "Los últimos dígitos de conteos de 10 o más deberían ser casi uniformes; los números inventados"
                    + " suelen preferir algunos, sobre todo 0 y 5. Mesas pequeñas y resultados muy sesgados también los"
                    + " tuercen: una prueba de dígitos sola nunca es un veredicto.");

    private DigitTests() {
    }

    /** Second digit of a count ≥ 10. */
    static int secondDigit(int v) {
        while (v >= 100) {
            v /= 10;
        }
        return v % 10;
    }

    /** Digit frequencies [0..9] of the counts of one candidate that are at least 10. */
    static long[] secondDigits(AuditInput in, int candidate) {
        long[] f = new long[10];
        for (int i = 0; i < in.size(); i++) {
            int v = in.votes(i, candidate);
            if (v >= 10) {
                f[secondDigit(v)]++;
            }
        }
        return f;
    }

    static long[] lastDigits(AuditInput in, int candidate) {
        long[] f = new long[10];
        for (int i = 0; i < in.size(); i++) {
            int v = in.votes(i, candidate);
            if (v >= 10) {
                f[v % 10]++;
            }
        }
        return f;
    }

    static StatResult secondDigitMean(String subject, long[] f) {
        long n = total(f);
        double mean = 0;
        for (int d = 0; d < 10; d++) {
            mean += d * f[d];
        }
        mean /= n;
        double se = SECOND_DIGIT_SD / Math.sqrt(n);
        double z = (mean - SECOND_DIGIT_MEAN) / se;
        return StatResult.of("second-digit-mean", subject, n, mean, SECOND_DIGIT_MEAN,
                new Band(SECOND_DIGIT_MEAN - 1.959964 * se, SECOND_DIGIT_MEAN + 1.959964 * se),
                Distributions.normalTwoSided(z), SECOND_DIGIT_CAVEAT);
    }

    static StatResult secondDigitChiSquare(String subject, long[] f) {
        return chiSquare("second-digit-chi-square", subject, f, SECOND_DIGIT, SECOND_DIGIT_CAVEAT);
    }

    static StatResult lastDigitChiSquare(String subject, long[] f) {
        double[] uniform = new double[10];
        java.util.Arrays.fill(uniform, 0.1);
        return chiSquare("last-digit-chi-square", subject, f, uniform, LAST_DIGIT_CAVEAT);
    }

    /** Share of counts ending in 0 or 5, against 20%: a two-sided binomial z test. */
    static StatResult zeroFive(String subject, long[] f) {
        long n = total(f);
        double share = (double) (f[0] + f[5]) / n;
        double se = Math.sqrt(0.2 * 0.8 / n);
        return StatResult.of("last-digit-0-5", subject, n, share, 0.2, new Band(0.2 - 1.959964 * se, 0.2 + 1.959964 * se),
                Distributions.normalTwoSided((share - 0.2) / se), LAST_DIGIT_CAVEAT);
    }

    /** Pearson's χ² of frequencies against probabilities, df = cells − 1; the band is the central 95% of χ²₉. */
    static StatResult chiSquare(String test, String subject, long[] f, double[] p, Caveat caveat) {
        long n = total(f);
        double x = 0;
        for (int d = 0; d < f.length; d++) {
            double e = n * p[d];
            x += (f[d] - e) * (f[d] - e) / e;
        }
        int df = f.length - 1;
        // 2.70039 and 19.02277 are the 2.5% and 97.5% points of χ² with 9 degrees of freedom.
        Band band = df == 9 ? new Band(2.700389, 19.022768) : null;
        return StatResult.of(test, subject, n, x, df, band, Distributions.chiSquareSurvival(x, df), caveat);
    }

    static long total(long[] f) {
        long n = 0;
        for (long v : f) {
            n += v;
        }
        return n;
    }
}
