package org.testigo.tally;

import java.util.List;

/**
 * How far a tally can be trusted on its own: the signature verdict with its reason, and every
 * consistency check that was run.
 */
public record Verification(Verdict signature, String reason, List<Check> checks) {
    public Verification {
        checks = List.copyOf(checks);
        reason = reason == null ? "" : reason;
    }

    public static Verification notVerifiable(String reason, List<Check> checks) {
        return new Verification(Verdict.NOT_VERIFIABLE, reason, checks);
    }

    public boolean consistent() {
        return checks.stream().allMatch(Check::passed);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
