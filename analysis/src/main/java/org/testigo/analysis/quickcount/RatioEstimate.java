package org.testigo.analysis.quickcount;

/**
 * An estimated ratio (a share, a lead, a turnout: a fraction, 0.67139 for 67.139 %), its standard error
 * and the half-widths of its 95 % and 99 % normal intervals ({@code z} = 1.959964 and 2.575829).
 */
public record RatioEstimate(double value, double standardError, double margin95, double margin99) {
    public static final double Z95 = 1.959963984540054;
    public static final double Z99 = 2.5758293035489004;

    public static RatioEstimate of(double value, double standardError) {
        return new RatioEstimate(value, standardError, Z95 * standardError, Z99 * standardError);
    }

    /** True when the 95 % interval holds {@code truth}. */
    public boolean covers95(double truth) {
        return Math.abs(value - truth) <= margin95;
    }
}
