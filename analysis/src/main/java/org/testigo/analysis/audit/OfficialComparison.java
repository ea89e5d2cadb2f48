package org.testigo.analysis.audit;

import java.math.BigDecimal;
import java.util.List;

/**
 * The authority's bulletins beside the collected totals, the certainty bound, and what the bulletins'
 * own arithmetic says (see {@link BulletinChecks}).
 */
public record OfficialComparison(List<BulletinComparison> bulletins, CertaintyBound certainty, List<BulletinFinding> findings) {
    public OfficialComparison {
        bulletins = List.copyOf(bulletins);
        findings = List.copyOf(findings);
    }

    /** One bulletin, figure by figure. */
    public record BulletinComparison(String bulletin, String announced, List<Row> rows) {
        public BulletinComparison {
            rows = List.copyOf(rows);
        }
    }

    /**
     * @param item a candidate id or an {@link org.testigo.election.OfficialFigure} item
     * @param collected the same figure from the accepted tallies, or null when it has no counterpart
     */
    public record Row(String item, BigDecimal official, BigDecimal collected, BigDecimal difference) {
    }

    /**
     * The lead against the most that the tables not counted yet could change (core's certainty rule).
     *
     * @param outstanding the votes still possible, or null when they cannot be bounded
     * @param outstandingOfficial the votes still possible by the authority's own count of votes cast, or null
     */
    public record CertaintyBound(String leader, String runnerUp, long lead, Long outstanding, String basis, boolean certain,
            Long outstandingOfficial, Boolean certainByOfficialCount) {
    }
}
