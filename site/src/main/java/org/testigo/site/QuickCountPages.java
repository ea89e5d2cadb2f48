package org.testigo.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testigo.analysis.quickcount.QuickCount;
import org.testigo.analysis.quickcount.QuickCountReport;
import org.testigo.analysis.quickcount.QuickCountReport.CandidateShare;
import org.testigo.analysis.quickcount.QuickCountReport.StratumRetrieval;
import org.testigo.analysis.quickcount.RatioEstimate;
import org.testigo.election.Ballot;
import org.testigo.site.Models.ComparisonRow;
import org.testigo.site.Models.Comparisons;
import org.testigo.site.Models.SampleBlock;
import org.testigo.site.Models.ShareRow;
import org.testigo.site.Models.StratumRow;
import org.testigo.site.Models.TimeRow;
import org.testigo.views.QuickCountView;

/**
 * The quick-count page's model: the estimate of a {@link QuickCountView} formatted in the page's language.
 * Shares are written as {@link Numbers#percent} writes them and margins as points with two decimals, so a
 * reader can set them beside the JSON.
 */
final class QuickCountPages {
    /** Where the revealed sample document is published (the bytes whose SHA-256 is the commitment). */
    static final String SAMPLE_LIST = "api/v1/quickcount/sample.txt";
    static final String JSON = "api/v1/quickcount.json";

    private QuickCountPages() {
    }

    static Models.QuickCountPage page(Frame f, Ballot ballot, Optional<QuickCountView> view, String script) {
        if (view.isEmpty()) {
            return new Models.QuickCountPage(f, false, "", List.of(), "", "", "", List.of(), List.of(), List.of(), "", null, null,
                    null, null);
        }
        QuickCountView v = view.get();
        QuickCountReport r = v.estimate();
        Numbers n = f.n();
        List<CandidateShare> ranked = new ArrayList<>(r.candidates());
        ranked.removeIf(c -> c.share() == null);
        ranked.sort(Comparator.comparingDouble((CandidateShare c) -> -c.share().value())); // stable: ballot order on ties
        List<ShareRow> shares = new ArrayList<>();
        List<Svg.Interval> bars = new ArrayList<>();
        for (CandidateShare c : ranked) {
            shares.add(new ShareRow(c.name(), n.percent(c.share().value()), points(n, c.share().margin95()), points(n, c.share().margin99())));
            bars.add(new Svg.Interval(c.name(), Svg.colour(ballot.candidateIndex(c.id())), c.share().value(), c.share().margin95(),
                    c.share().margin99()));
        }
        String chart = bars.isEmpty() ? "" : Svg.intervals(bars, n, f.t("qc.chart.title"));
        String reported = f.t("qc.reported", n.count(r.reported()), n.count(r.sampled()), n.percent(r.retrieval()));
        String lead = "";
        if (r.lead() != null) {
            RatioEstimate l = r.lead().points();
            String verdict = l.value() - l.margin99() > 0 ? f.t("qc.lead.beyond") : f.t("qc.lead.within");
            lead = f.t("qc.lead.text", name(r, r.lead().leader()), name(r, r.lead().runnerUp()), n.decimal(100 * l.value(), 2),
                    points(n, l.margin95()), points(n, l.margin99())) + " " + verdict;
        }
        String turnout = r.turnout() == null ? "" : f.t("qc.turnout.text", n.percent(r.turnout().value()), points(n, r.turnout().margin95()),
                points(n, r.turnout().margin99()));
        List<TimeRow> times = new ArrayList<>();
        for (QuickCountReport.TurnoutAt t : r.turnoutByTime()) {
            times.add(new TimeRow(t.at(), n.count(t.reported()), t.turnout() == null ? "" : n.percent(t.turnout().value()),
                    t.turnout() == null ? "" : points(n, t.turnout().margin95())));
        }
        List<StratumRow> strata = new ArrayList<>();
        for (StratumRetrieval s : r.strata()) {
            strata.add(new StratumRow(s.code(), s.name(), n.count(s.tables()), n.count(s.sampled()), n.count(s.reported()), n.percent(s.rate()),
                    s.rate() * 100 < QuickCount.MIN_RETRIEVAL_PERCENT));
        }
        String release = f.lang() == Language.ES ? r.release().es() : r.release().en();
        return new Models.QuickCountPage(f, true, chart, shares, reported, lead, turnout, times, strata, warnings(f, r), release,
                sample(f, v.sample()), comparisons(f, v, ballot), f.to(JSON), f.to(script));
    }

    /** A margin (a fraction) as "± 0,83" points. */
    static String points(Numbers n, double margin) {
        return "± " + n.decimal(100 * margin, 2);
    }

    private static String name(QuickCountReport r, String id) {
        return r.candidates().stream().filter(c -> c.id().equals(id)).map(CandidateShare::name).findFirst().orElse(id);
    }

    /** The estimator's warnings in the page's language, their numbers taken from the report itself. */
    private static List<String> warnings(Frame f, QuickCountReport r) {
        Numbers n = f.n();
        List<String> out = new ArrayList<>();
        for (QuickCountReport.Warning w : r.warnings()) {
            out.add(switch (w.code()) {
                case "LOW_RETRIEVAL" -> f.t("qc.warning.LOW_RETRIEVAL", n.count(r.reported()), n.count(r.sampled()), n.percent(r.retrieval()),
                        QuickCount.MIN_RETRIEVAL_PERCENT);
                case "STRATUM_MISSING" -> f.t("qc.warning.STRATUM_MISSING", names(r, s -> s.reported() == 0));
                case "UNEVEN_RETRIEVAL" -> {
                    StratumRetrieval hi = r.strata().stream().max(Comparator.comparingDouble(StratumRetrieval::rate)).orElseThrow();
                    StratumRetrieval lo = r.strata().stream().min(Comparator.comparingDouble(StratumRetrieval::rate)).orElseThrow();
                    yield f.t("qc.warning.UNEVEN_RETRIEVAL", n.percent(hi.rate()), hi.name(), n.percent(lo.rate()), lo.name());
                }
                case "SINGLE_REPORT" -> f.t("qc.warning.SINGLE_REPORT", names(r, s -> s.reported() == 1));
                default -> w.message(); // a warning this page does not know yet: the estimator's own words
            });
        }
        return out;
    }

    private static String names(QuickCountReport r, java.util.function.Predicate<StratumRetrieval> which) {
        return String.join(", ", r.strata().stream().filter(s -> s.sampled() > 0).filter(which).map(StratumRetrieval::name).toList());
    }

    private static SampleBlock sample(Frame f, QuickCountView.SampleFacts s) {
        Numbers n = f.n();
        boolean revealed = s.seed() != null;
        String check = revealed ? "testigo sample check --seed '" + s.seed().replace("'", "'\\''") + "' --commitment " + s.commitment()
                + " --file sample.txt" : null;
        return new SampleBlock(s.commitment(), s.strata(), n.count(s.size()), String.join(", ", s.turnoutTimes()), s.drawnAt(), revealed,
                s.revealedAt(), s.seed(), revealed ? f.to(SAMPLE_LIST) : null, check);
    }

    private static Comparisons comparisons(Frame f, QuickCountView v, Ballot ballot) {
        Numbers n = f.n();
        List<ComparisonRow> rows = new ArrayList<>();
        List<QuickCountView.Comparison> ordered = new ArrayList<>(v.comparisons());
        ordered.sort(Comparator.comparing(QuickCountView.Comparison::agrees)); // disagreements first, then table order
        for (QuickCountView.Comparison c : ordered) {
            List<String> diffs = new ArrayList<>();
            for (Map.Entry<String, Long> e : c.phoned().entrySet()) {
                Long acta = c.acta().get(e.getKey());
                if (!e.getValue().equals(acta)) {
                    int i = ballot.candidateIndex(e.getKey());
                    String who = i >= 0 ? ballot.candidates().get(i).name() : e.getKey();
                    diffs.add(f.t("qc.diff", who, n.count(e.getValue()), acta == null ? "?" : n.count(acta)));
                }
            }
            if (c.phonedNull() != c.actaNull()) {
                diffs.add(f.t("qc.diff", f.t("fact.null"), n.count(c.phonedNull()), n.count(c.actaNull())));
            }
            if (!c.agrees() && diffs.isEmpty()) {
                diffs.add(f.t("qc.diff.blank"));
            }
            rows.add(new ComparisonRow(f.table(c.table()), c.table(), c.agrees(), String.join("; ", diffs)));
        }
        return new Comparisons(n.count(v.agreements()), n.count(v.disagreements()), n.count(v.awaitingActa()), rows);
    }
}
