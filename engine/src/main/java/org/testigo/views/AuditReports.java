package org.testigo.views;

import java.util.ArrayList;
import java.util.List;
import org.testigo.analysis.audit.Audit;
import org.testigo.analysis.audit.AuditInput;
import org.testigo.analysis.audit.AuditReport;
import org.testigo.analysis.audit.CrossCheck;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.consolidation.Version;
import org.testigo.election.Geography;
import org.testigo.state.ElectionState;
import org.testigo.tally.Tally;

/**
 * The audit of a running election, computed from its accepted tallies and kept until the state's version
 * moves. Computing reads each table's consolidation under that table's lock only for the moment of the
 * read, so intake goes on while an audit runs; concurrent readers share one computation.
 */
public final class AuditReports {
    private record Cached(long version, AuditReport report) {
    }

    private final ElectionState state;
    private final int ranked;
    private final Object computing = new Object();
    private volatile Cached last;

    public AuditReports(ElectionState state, int ranked) {
        this.state = state;
        this.ranked = ranked;
    }

    public ElectionState state() {
        return state;
    }

    /**
     * The audit of the current state.
     *
     * @throws IllegalArgumentException when no tally is accepted yet
     */
    public AuditReport current() {
        Cached c = last;
        if (c != null && c.version == state.version()) {
            return c.report;
        }
        synchronized (computing) {
            c = last;
            long version = state.version();
            if (c != null && c.version == version) {
                return c.report;
            }
            AuditReport report = Audit.of(input(state)).report(state.totals(0), ranked);
            last = new Cached(version, report);
            return report;
        }
    }

    /**
     * The accepted tallies of a state, with a cross-check for each table whose sources disagree (two
     * versions: a QR against an import, one witness's copy against another's).
     */
    public static AuditInput input(ElectionState state) {
        Geography geo = state.election().geography();
        AuditInput.Builder in = AuditInput.builder(state.election());
        for (int t = 0; t < geo.tableCount(); t++) {
            TableConsolidation c = state.consolidation(t);
            if (c.accepted() != null) {
                in.add(t, c.accepted());
            }
            List<Version> versions = c.versions();
            if (versions.size() > 1) {
                Version a = versions.get(0);
                Version b = versions.get(1);
                in.crossCheck(new CrossCheck(c.table(), a.copies().get(0).channel(), result(a.tally()),
                        b.copies().get(0).channel(), result(b.tally())));
            }
        }
        return in.build();
    }

    private static List<Integer> result(Tally t) {
        List<Integer> r = new ArrayList<>();
        for (int v : t.candidates().toArray()) {
            r.add(v);
        }
        r.add(t.nullVotes());
        r.add(t.blankVotes());
        return r;
    }
}
