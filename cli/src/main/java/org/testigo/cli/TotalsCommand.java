package org.testigo.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.testigo.deployment.Deployment;
import org.testigo.totals.CandidateVotes;
import org.testigo.views.Json;
import org.testigo.views.ResultsView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "totals", mixinStandardHelpOptions = true,
        description = "Print the totals of the nation (or of one place) from the evidence in the store.")
final class TotalsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "Print the same JSON document as GET /api/v1/results.")
    boolean json;

    @Option(names = "--node", paramLabel = "CODE", defaultValue = "", description = "A place's code (default: the nation).")
    String node;

    @Override
    public Integer call() {
        try (Deployment d = store.open()) {
            var running = d.running().orElseThrow(() -> new UserError("no election is loaded in "
                    + d.database().describe() + "; load one first (testigo election --help)"));
            int index = running.election().geography().nodeIndex(node)
                    .orElseThrow(() -> new UserError("no place with code \"" + node + "\""));
            ResultsView view = ResultsView.of(running.state(), index);
            if (json) {
                // The same bytes as GET /api/v1/results[/{node}]: compare them, or pipe them to jq.
                System.out.println(new String(Json.bytes(view), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                print(view, running.election().name(), System.out);
            }
            return 0;
        }
    }

    static void print(ResultsView v, String electionName, PrintStream out) {
        String place = v.node().isEmpty() ? "nation" : v.level() + " " + v.node() + " " + v.name();
        out.println(electionName + " — " + place);
        var t = v.tables();
        out.printf(Locale.ROOT, "Tables: %,d of %,d received (%s); %,d counted (%,d confirmed, %,d provisional), %,d in conflict, %,d missing%n",
                t.received(), t.expected(), pct(t.expected() == 0 ? 0 : (double) t.received() / t.expected()), t.counted(),
                t.confirmed(), t.provisional(), t.conflicted(), t.missing());
        out.printf(Locale.ROOT, "Votes: valid %,d · null %,d · blank %,d%s%n", v.valid(), v.nullVotes(), v.blank(),
                v.turnout() == null ? "" : " · turnout " + pct(v.turnout()));
        for (CandidateVotes c : v.candidates()) {
            out.printf(Locale.ROOT, "  %-5s %-22s %,12d  %7s%n", c.id(), c.name(), c.votes(), pct(c.share()));
        }
        if (v.valid() > 0) {
            out.printf(Locale.ROOT, "Lead: %s over %s by %,d votes (%.2f points)%n", v.lead().leader(), v.lead().runnerUp(),
                    v.lead().votes(), v.lead().points());
        }
        out.println("Certainty: " + v.certainty().statement());
        if (v.certainty().outstandingOfficial() != null) {
            out.printf(Locale.ROOT, "  By the authority's own count of votes cast, at most %,d votes remain: %s%n",
                    v.certainty().outstandingOfficial(),
                    Boolean.TRUE.equals(v.certainty().certainByOfficialCount()) ? "the result is decided" : "not decided");
        }
        if (!v.children().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "  %-12s %-32s %9s %9s %14s  %s%n", "code", "name", "received", "expected", "valid", "leader");
            for (var c : v.children()) {
                out.printf(Locale.ROOT, "  %-12s %-32s %,9d %,9d %,14d  %s%n", c.code(), trim(c.name(), 32), c.tables().received(),
                        c.tables().expected(), c.valid(), c.leader() == null ? "-" : c.leader() + " " + pct(c.leaderShare()));
            }
        }
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }

    private static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
