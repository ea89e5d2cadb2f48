package org.testigo.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.testigo.analysis.audit.Audit;
import org.testigo.analysis.audit.AuditHtml;
import org.testigo.analysis.audit.AuditReport;
import org.testigo.analysis.audit.BulletinFinding;
import org.testigo.analysis.audit.RankedTable;
import org.testigo.analysis.audit.StatResult;
import org.testigo.deployment.Deployment;
import org.testigo.views.AuditReports;
import org.testigo.views.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audit the accepted tallies: impossible or coincident tables, digit tests, integer percentages,",
            "fingerprints, excess votes, tables unlike their peers, and the official bulletins beside the collected totals."})
final class AuditCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "Print the same JSON document as GET /api/v1/audit.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one self-contained HTML page.")
    Path html;

    @Option(names = "--top", defaultValue = "" + Audit.DEFAULT_RANKED, description = "Tables to rank (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws IOException {
        if (top < 0) {
            throw new UserError("--top must be 0 or more");
        }
        try (Deployment d = store.open()) {
            var running = d.running().orElseThrow(() -> new UserError("no election is loaded in "
                    + d.database().describe() + "; load one first (testigo election --help)"));
            if (running.state().totals(0).tables().counted() == 0) {
                throw new UserError("no tally is accepted yet: there is nothing to audit");
            }
            AuditReport report = new AuditReports(running.state(), top).current();
            if (html != null) {
                Files.writeString(html, AuditHtml.render(report, running.election().name()), StandardCharsets.UTF_8);
            }
            if (json) {
                System.out.println(new String(Json.bytes(report), StandardCharsets.UTF_8));
            } else {
                print(report, running.election().name(), System.out);
                if (html != null) {
                    System.out.println("HTML report: " + html);
                }
            }
            return 0;
        }
    }

    static void print(AuditReport r, String name, PrintStream out) {
        out.printf(Locale.ROOT, "%s — audit of %,d of %,d tables (leader %s, runner-up %s)%n", name, r.tables(), r.expectedTables(),
                r.leader(), r.runnerUp());
        out.println("Checks per table:");
        r.checks().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> out.printf(Locale.ROOT,
                "  %-22s %,8d  %s%n", e.getKey().label(), e.getValue(), e.getKey().impossible() ? "impossible" : "coincidence"));
        out.println("Tests (p < 0.001 marked *; a test alone is never a verdict):");
        for (StatResult t : r.tests()) {
            out.printf(Locale.ROOT, "  %s %-24s %-8s n=%,7d  %12.4f  ref %10.4f  %s%n", t.deviates() ? "*" : " ", t.test(),
                    t.subject(), t.n(), t.statistic(), t.reference(), t.pValue() == null ? "" : String.format(Locale.ROOT, "p=%.3g", t.pValue()));
        }
        r.excess().forEach(e -> out.printf(Locale.ROOT, "Excess votes (Shpilkin) for %s: %,d (%.1f%% of its votes; mode turnout %.1f%%)%n",
                e.candidate(), e.excessVotes(), 100 * e.shareOfCandidate(), 100 * e.modeTurnout()));
        out.printf(Locale.ROOT, "Tables unlike their peers: %,d (at most %.1f%% expected by chance)%n", r.outliers(), 100 * r.falsePositiveRate());
        int shown = 0;
        for (RankedTable t : r.ranked()) {
            if (shown++ == 10) {
                break;
            }
            out.printf(Locale.ROOT, "  %-14s score %8.1f  turnout %s  z %s / %s  %s%n", t.table(), t.score(),
                    t.turnout() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * t.turnout()),
                    t.zTurnout() == null ? "-" : String.format(Locale.ROOT, "%.1f", t.zTurnout()),
                    t.zShare() == null ? "-" : String.format(Locale.ROOT, "%.1f", t.zShare()), t.flags());
        }
        if (r.official().certainty() != null) {
            var c = r.official().certainty();
            out.printf(Locale.ROOT, "Certainty: lead %,d; %s%n", c.lead(), c.outstanding() == null ? "the votes still possible cannot be bounded"
                    : String.format(Locale.ROOT, "at most %,d votes remain: %s", c.outstanding(), c.certain() ? "decided" : "not decided"));
        }
        for (BulletinFinding f : r.official().findings()) {
            out.printf(Locale.ROOT, "Bulletin %s: %s %s — %s%n", f.bulletin(), f.code(), f.item(), f.detail());
        }
    }
}
