package org.testigo.analysis.audit;

/** The range a statistic falls in 95% of the time when nothing is wrong. */
public record Band(double low, double high) {
    public boolean contains(double x) {
        return low <= x && x <= high;
    }
}
