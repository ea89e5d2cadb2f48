package org.testigo.site;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.testigo.analysis.audit.AuditReport;
import org.testigo.analysis.audit.BulletinFinding;
import org.testigo.analysis.audit.Caveat;
import org.testigo.analysis.audit.CheckCode;
import org.testigo.analysis.audit.ExcessVotes;
import org.testigo.analysis.audit.Fingerprint;
import org.testigo.analysis.audit.FingerprintSvg;
import org.testigo.analysis.audit.OfficialComparison;
import org.testigo.analysis.audit.PeerOutliers;
import org.testigo.analysis.audit.RankedTable;
import org.testigo.analysis.audit.StatResult;
import org.testigo.analysis.audit.TableFlag;
import org.testigo.election.Ballot;
import org.testigo.election.Election;
import org.testigo.site.Models.CheckRow;
import org.testigo.site.Models.ExcessRow;
import org.testigo.site.Models.FindingRow;
import org.testigo.site.Models.FingerprintBox;
import org.testigo.site.Models.FlagRow;
import org.testigo.site.Models.OfficialBlock;
import org.testigo.site.Models.OfficialRow;
import org.testigo.site.Models.RankedRow;
import org.testigo.site.Models.TestRow;

/**
 * The audit page's model: an {@link AuditReport} in the page's language, summary first. Candidate ids
 * become names, test and check codes become words, caveats come in the page's language.
 */
final class AuditPages {
    static final String JSON = "api/v1/audit.json";
    /** Failed checks listed on the page; the JSON has up to {@link org.testigo.analysis.audit.Audit#MAX_FLAGS}. */
    static final int FLAGS_SHOWN = 200;
    static final int NATION_SIZE = 300;
    static final int STATE_SIZE = 150;

    private AuditPages() {
    }

    static Models.AuditPage page(Frame f, Election e, Optional<AuditReport> report) {
        if (report.isEmpty()) {
            return new Models.AuditPage(f, false, "", List.of(), "", "", List.of(), List.of(), "", List.of(), List.of(), List.of(), "",
                    List.of(), "", "", "", List.of(), List.of(), "", List.of(), List.of(), null);
        }
        AuditReport r = report.get();
        Numbers n = f.n();
        Ballot ballot = e.ballot();

        String coverage = f.t("audit.coverage", n.count(r.tables()), n.count(r.expectedTables()), name(ballot, r.leader()),
                name(ballot, r.runnerUp()), n.count(r.tests().size()));

        List<String> standsOut = new ArrayList<>();
        long impossible = r.checks().entrySet().stream().filter(x -> x.getKey().impossible()).mapToLong(Map.Entry::getValue).sum();
        long coincidences = r.checks().entrySet().stream().filter(x -> !x.getKey().impossible()).mapToLong(Map.Entry::getValue).sum();
        standsOut.add(impossible == 0 ? f.t("audit.out.no-impossible") : f.t("audit.out.impossible", n.count(impossible)));
        if (coincidences > 0) {
            standsOut.add(f.t("audit.out.coincidences", n.count(coincidences)));
        }
        List<String> deviating = r.tests().stream().filter(StatResult::deviates)
                .map(t -> testName(f, t.test()) + " (" + subject(f, ballot, t.subject()) + ")").toList();
        standsOut.add(deviating.isEmpty() ? f.t("audit.out.no-tests", n.count(r.tests().size()))
                : f.t("audit.out.tests", n.count(deviating.size()), n.count(r.tests().size()), String.join(", ", deviating)));
        long expectedOutliers = Math.round(r.falsePositiveRate() * r.tables());
        standsOut.add(f.t("audit.out.outliers", n.count(r.outliers()), n.count(expectedOutliers)));
        for (ExcessVotes x : r.excess()) {
            if (x.candidate().equals(r.leader())) {
                standsOut.add(f.t("audit.out.excess", name(ballot, x.candidate()), n.count(x.excessVotes()), n.percent(x.shareOfCandidate())));
            }
        }
        if (!r.official().findings().isEmpty()) {
            standsOut.add(f.t("audit.out.findings", n.count(r.official().findings().size())));
        }
        String falsePositives = f.t("audit.false-positives", n.percent(r.falsePositiveRate()), n.count(expectedOutliers),
                n.decimal(StatResult.SIGNIFICANCE, 3));

        List<CheckRow> checks = new ArrayList<>();
        for (CheckCode code : CheckCode.values()) {
            long count = r.checks().getOrDefault(code, 0L);
            checks.add(new CheckRow(f.t("check." + code.label()), f.t(code.impossible() ? "audit.impossible" : "audit.coincidence"),
                    n.count(count), count > 0));
        }
        List<FlagRow> flags = new ArrayList<>();
        for (TableFlag flag : r.flags().subList(0, Math.min(FLAGS_SHOWN, r.flags().size()))) {
            flags.add(new FlagRow(f.table(flag.table().value()), flag.table().value(), f.t("check." + flag.code().label()), flag.detail()));
        }
        long listed = r.checks().values().stream().mapToLong(Long::longValue).sum();
        String moreFlags = listed > flags.size() ? f.t("audit.more-flags", n.count(listed - flags.size())) : "";

        List<TestRow> tests = new ArrayList<>();
        Set<Caveat> testCaveats = new LinkedHashSet<>();
        for (StatResult t : r.tests()) {
            tests.add(new TestRow(testName(f, t.test()), subject(f, ballot, t.subject()), n.count(t.n()), n.decimal(t.statistic(), 3),
                    n.decimal(t.reference(), 3), t.band() == null ? "" : n.decimal(t.band().low(), 3) + " – " + n.decimal(t.band().high(), 3),
                    t.pValue() == null ? "" : pValue(n, t.pValue()), t.deviates()));
            testCaveats.add(t.caveat());
        }

        List<FingerprintBox> fingerprints = new ArrayList<>();
        for (Fingerprint fp : r.fingerprints()) {
            boolean nation = fp.node().isEmpty();
            fingerprints.add(new FingerprintBox(FingerprintSvg.render(fp, nation ? NATION_SIZE : STATE_SIZE),
                    nation ? e.geography().node(0).name() : fp.name(), f.t("audit.fp.tables", n.count(fp.tables())),
                    n.decimal(fp.correlation(), 2), n.percent(fp.topCorner()), nation));
        }

        List<ExcessRow> excess = new ArrayList<>();
        for (ExcessVotes x : r.excess()) {
            excess.add(new ExcessRow(name(ballot, x.candidate()), n.percent(x.modeTurnout()), n.decimal(x.baselineRatio(), 3),
                    n.count(x.excessVotes()), n.percent(x.shareOfCandidate()), n.count(x.tablesAboveMode())));
        }

        List<RankedRow> ranked = new ArrayList<>();
        int rank = 1;
        for (RankedTable t : r.ranked()) {
            String id = t.table().value();
            ranked.add(new RankedRow(rank++, f.table(id), id, placeName(e, t.state()), placeName(e, t.peers()) + " (" + n.count(t.peerCount()) + ")",
                    t.turnout() == null ? "" : n.percent(t.turnout()), t.leaderShare() == null ? "" : n.percent(t.leaderShare()),
                    t.zTurnout() == null ? "" : n.decimal(t.zTurnout(), 1), t.zShare() == null ? "" : n.decimal(t.zShare(), 1),
                    n.decimal(t.score(), 1), t.outlier(), String.join(", ", t.flags().stream().map(c -> f.t("check." + c.label())).toList())));
        }

        OfficialComparison o = r.official();
        List<OfficialBlock> bulletins = new ArrayList<>();
        for (OfficialComparison.BulletinComparison b : o.bulletins()) {
            List<OfficialRow> rows = new ArrayList<>();
            for (OfficialComparison.Row row : b.rows()) {
                rows.add(new OfficialRow(item(f, ballot, row.item()), official(n, row.item(), row.official()),
                        row.collected() == null ? "" : official(n, row.item(), row.collected()),
                        row.difference() == null ? "" : official(n, row.item(), row.difference())));
            }
            bulletins.add(new OfficialBlock(b.bulletin(), b.announced(), rows));
        }
        String certainty = certainty(f, ballot, o.certainty());
        List<FindingRow> findings = new ArrayList<>();
        Set<Caveat> findingCaveats = new LinkedHashSet<>();
        for (BulletinFinding x : o.findings()) {
            findings.add(new FindingRow(x.bulletin(), x.item().isEmpty() ? "" : item(f, ballot, x.item()), f.t("finding." + x.code()), x.detail(),
                    x.chance() == null ? "" : pValue(n, x.chance())));
            findingCaveats.add(x.caveat());
        }
        Caveat excessCaveat = r.excess().isEmpty() ? null : r.excess().get(0).caveat();
        return new Models.AuditPage(f, true, coverage, standsOut, falsePositives, words(f, r.caveat()), checks, flags, moreFlags, tests,
                testCaveats.stream().map(c -> words(f, c)).toList(), fingerprints, words(f, Fingerprint.CAVEAT), excess,
                excessCaveat == null ? "" : words(f, excessCaveat), f.t("audit.outliers", n.count(r.outliers()), n.count(r.tables()),
                        n.count(expectedOutliers)), words(f, PeerOutliers.CAVEAT), ranked, bulletins, certainty,
                findings, findingCaveats.stream().map(c -> words(f, c)).toList(), f.to(JSON));
    }

    static String words(Frame f, Caveat c) {
        return f.lang() == Language.ES ? c.es() : c.en();
    }

    /** A p-value or a chance: three decimals, and below a thousandth its order of magnitude. */
    static String pValue(Numbers n, double p) {
        if (p >= 0.001) {
            return n.decimal(p, 3);
        }
        if (p <= 0) {
            return "< " + n.decimal(1e-15, 15);
        }
        int exponent = (int) Math.floor(Math.log10(p));
        exponent = Math.max(exponent, -15);
        return "< " + n.decimal(Math.pow(10, exponent + 1), -exponent - 1);
    }

    private static String testName(Frame f, String test) {
        String key = "test." + test;
        return f.m().keys().contains(key) ? f.t(key) : test;
    }

    private static String subject(Frame f, Ballot ballot, String subject) {
        if (subject.equals("turnout")) {
            return f.t("audit.subject.turnout");
        }
        return name(ballot, subject);
    }

    private static String name(Ballot ballot, String id) {
        int i = ballot.candidateIndex(id);
        return i < 0 ? id : ballot.candidates().get(i).name();
    }

    private static String placeName(Election e, String code) {
        return e.geography().nodeIndex(code).map(i -> e.geography().node(i).name()).orElse(code);
    }

    private static String item(Frame f, Ballot ballot, String item) {
        int i = ballot.candidateIndex(item);
        if (i >= 0) {
            return ballot.candidates().get(i).name();
        }
        String key = "item." + item;
        return f.m().keys().contains(key) ? f.t(key) : item;
    }

    private static String official(Numbers n, String item, BigDecimal value) {
        return item.endsWith("_percent") ? n.percentValue(value) : n.official(value);
    }

    private static String certainty(Frame f, Ballot ballot, OfficialComparison.CertaintyBound c) {
        if (c == null) {
            return "";
        }
        Numbers n = f.n();
        String leader = name(ballot, c.leader());
        String runnerUp = name(ballot, c.runnerUp());
        String s = c.outstanding() == null ? f.t("audit.certainty.unbounded", leader, runnerUp, n.count(c.lead()))
                : f.t(c.certain() ? "audit.certainty.decided" : "audit.certainty.open", leader, runnerUp, n.count(c.lead()), n.count(c.outstanding()));
        if (c.outstandingOfficial() != null) {
            s += " " + f.t(Boolean.TRUE.equals(c.certainByOfficialCount()) ? "audit.certainty.official-decided" : "audit.certainty.official-open",
                    n.count(c.outstandingOfficial()));
        }
        return s;
    }
}
