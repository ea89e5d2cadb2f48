package org.testigo.analysis.audit;

/**
 * One statistical test over many tables.
 *
 * @param test what was tested, e.g. {@code second-digit-mean}
 * @param subject what it was tested on: a candidate id, {@code turnout}, …
 * @param n how many counts or tables entered it
 * @param statistic its value
 * @param reference its value expected when nothing is wrong
 * @param band the 95% band around the reference, or null when there is none
 * @param pValue the chance of a statistic at least this far from the reference when nothing is wrong, or
 *               null when there is none
 * @param deviates the p-value is below {@link #SIGNIFICANCE}: a reason to look, never a verdict
 */
public record StatResult(String test, String subject, long n, double statistic, double reference, Band band,
        Double pValue, boolean deviates, Caveat caveat) {
    /** One in a thousand: with a dozen tests per audit, a false signal in about one audit in a hundred. */
    public static final double SIGNIFICANCE = 0.001;

    static StatResult of(String test, String subject, long n, double statistic, double reference, Band band,
            double pValue, Caveat caveat) {
        Double p = Double.isNaN(pValue) ? null : pValue;
        return new StatResult(test, subject, n, statistic, reference, band, p, p != null && p < SIGNIFICANCE, caveat);
    }
}
