package org.testigo.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.testigo.analysis.quickcount.QuickCountReport;
import org.testigo.analysis.quickcount.RatioEstimate;
import org.testigo.deployment.Deployment;
import org.testigo.views.Json;
import org.testigo.views.QuickCountView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "quickcount", mixinStandardHelpOptions = true,
        description = "Print the quick count: each candidate's estimated share, the lead and turnout with their margins, retrieval per stratum.")
final class QuickcountCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "Print the same JSON document as GET /api/v1/quickcount.")
    boolean json;

    @Override
    public Integer call() {
        try (Deployment d = store.open()) {
            SampleCommand.election(d);
            var running = d.requireRunning();
            var quick = d.quickCount().orElseThrow(() -> new UserError("no quick-count sample has been drawn (testigo sample draw)"));
            QuickCountView view = quick.view(running.state());
            if (json) {
                System.out.println(new String(Json.bytes(view), StandardCharsets.UTF_8));
            } else {
                print(view, System.out);
            }
            return 0;
        }
    }

    static void print(QuickCountView v, PrintStream out) {
        QuickCountReport r = v.estimate();
        out.println("Quick count of " + v.election() + " — sample " + v.sample().commitment().substring(0, 16) + "… ("
                + v.sample().size() + " tables by " + v.sample().strata() + (v.sample().revealedAt() == null ? ", not revealed" : ", revealed") + ")");
        out.printf(Locale.ROOT, "Reported: %,d of %,d sampled tables (%.1f%%)%n", r.reported(), r.sampled(), 100 * r.retrieval());
        for (QuickCountReport.CandidateShare c : r.candidates()) {
            out.printf(Locale.ROOT, "  %-5s %-28s %s%n", c.id(), c.name(), describe(c.share()));
        }
        if (r.lead() != null) {
            out.printf(Locale.ROOT, "Lead: %s over %s  %s%n", r.lead().leader(), r.lead().runnerUp(), describe(r.lead().points()));
        }
        if (r.turnout() != null) {
            out.printf(Locale.ROOT, "Turnout: %s%n", describe(r.turnout()));
        }
        for (QuickCountReport.TurnoutAt t : r.turnoutByTime()) {
            out.printf(Locale.ROOT, "  turnout at %s: %,d tables  %s%n", t.at(), t.reported(), t.turnout() == null ? "-" : describe(t.turnout()));
        }
        out.println("Retrieval by stratum:");
        for (QuickCountReport.StratumRetrieval s : r.strata()) {
            out.printf(Locale.ROOT, "  %-10s %-32s %,4d of %,4d  %5.1f%%%n", s.code().isEmpty() ? "-" : s.code(), s.name(), s.reported(), s.sampled(),
                    100 * s.rate());
        }
        r.warnings().forEach(w -> out.println("Warning " + w.code() + ": " + w.message()));
        out.printf(Locale.ROOT, "Phoned-in results against actas: %,d agree, %,d disagree, %,d awaiting an acta%n", v.agreements(),
                v.disagreements(), v.awaitingActa());
        v.comparisons().stream().filter(c -> !c.agrees()).forEach(c -> out.println("  DISAGREES " + c.table() + ": phoned " + c.phoned()
                + " null " + c.phonedNull() + ", acta " + c.acta() + " null " + c.actaNull()));
        out.println();
        out.println(r.release().es());
        out.println(r.release().en());
    }

    private static String describe(RatioEstimate e) {
        return e == null ? "-" : String.format(Locale.ROOT, "%6.2f%%  ±%.2f (95%%)  ±%.2f (99%%)  SE %.3f", 100 * e.value(), 100 * e.margin95(),
                100 * e.margin99(), 100 * e.standardError());
    }
}
