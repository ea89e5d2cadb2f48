package org.testigo.analysis.audit;

import java.util.List;
import java.util.Map;

/**
 * The audit of an election's accepted tallies: a view record, rendered as JSON by the API and the CLI and
 * as a page by {@link AuditHtml} (or the site).
 *
 * @param tables accepted tallies audited
 * @param expectedTables tables the election has
 * @param leader the nation's leader among the audited tallies (candidate id)
 * @param runnerUp the runner-up
 * @param checks how many tables failed each deterministic check
 * @param flags the failed checks, table by table (at most {@link Audit#MAX_FLAGS})
 * @param tests the digit and integer-percentage tests
 * @param fingerprints the nation's, then each top-level place's
 * @param excess Shpilkin's estimate for the leader and the runner-up
 * @param outliers tables beyond the peer threshold ({@link PeerOutliers#THRESHOLD})
 * @param falsePositiveRate the outliers expected among honest tables, as a share
 * @param ranked the tables with the highest combined anomaly score, highest first
 * @param official the bulletins beside the collected totals
 */
public record AuditReport(
        String election,
        long tables,
        long expectedTables,
        String leader,
        String runnerUp,
        Map<CheckCode, Long> checks,
        List<TableFlag> flags,
        List<StatResult> tests,
        List<Fingerprint> fingerprints,
        List<ExcessVotes> excess,
        long outliers,
        double falsePositiveRate,
        List<RankedTable> ranked,
        OfficialComparison official,
        Caveat caveat) {

    public AuditReport {
        checks = Map.copyOf(checks);
        flags = List.copyOf(flags);
        tests = List.copyOf(tests);
        fingerprints = List.copyOf(fingerprints);
        excess = List.copyOf(excess);
        ranked = List.copyOf(ranked);
    }
}
