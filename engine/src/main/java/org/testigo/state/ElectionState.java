package org.testigo.state;

import java.util.ArrayList;
import java.util.List;
import org.testigo.consolidation.ConsolidationRule;
import org.testigo.consolidation.Copy;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.election.TableId;
import org.testigo.totals.NodeTotals;
import org.testigo.totals.TotalsModel;

/**
 * The consolidated state of a loaded election, held in memory: every table's copies, its
 * consolidation, and the running totals. Rebuilt from the evidence store at start-up; afterwards fed
 * each piece of evidence once it is durable. Thread-safe: a table's copies and consolidation change
 * under that table's lock, the totals under their own.
 */
public final class ElectionState {
    private final Election election;
    private final ConsolidationRule rule;
    private final TotalsModel totals;
    private final List<Copy>[] copies;
    private final TableConsolidation[] consolidations;
    private final Object[] locks;
    private final java.util.concurrent.atomic.AtomicLong lastEvidenceId = new java.util.concurrent.atomic.AtomicLong();
    private volatile StatusListener listener = (before, after) -> { };
    /** Incidents reported at each table (null: none), and how many in all (part of {@link #version()}). */
    private final List<TableIncident>[] incidents;
    private final java.util.concurrent.atomic.AtomicLong incidentCount = new java.util.concurrent.atomic.AtomicLong();
    // When the newest evidence this state holds was received: the "last update" the site shows. Taken from the
    // evidence, not a clock, so the same evidence always renders the same pages.
    private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> lastReceivedAt = new java.util.concurrent.atomic.AtomicReference<>();

    /** Told of every change of a table's status made by live intake (not of the start-up rebuild). */
    @FunctionalInterface
    public interface StatusListener {
        /** Called under the table's lock: must be quick and must not call back into the state. */
        void statusChanged(TableConsolidation before, TableConsolidation after);
    }

    @SuppressWarnings("unchecked")
    public ElectionState(Election election, ConsolidationRule rule) {
        this.election = election;
        this.rule = rule;
        this.totals = new TotalsModel(election);
        int n = election.geography().tableCount();
        this.copies = (List<Copy>[]) new List<?>[n];
        this.consolidations = new TableConsolidation[n];
        this.incidents = (List<TableIncident>[]) new List<?>[n];
        this.locks = new Object[Math.max(1, Math.min(n, 4096))];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        Geography geo = election.geography();
        for (int i = 0; i < n; i++) {
            consolidations[i] = TableConsolidation.missing(geo.table(i).id());
        }
    }

    /**
     * Loads evidence in bulk without updating totals per copy; call {@link #settle()} afterwards.
     * Used at start-up, when the whole store streams through.
     */
    public void preload(int tableIndex, Copy copy) {
        synchronized (locks[tableIndex % locks.length]) {
            remember(tableIndex, copy);
        }
    }

    /** Adds a copy unless the same evidence is already there; true when it was new. */
    private boolean remember(int tableIndex, Copy copy) {
        List<Copy> list = copies[tableIndex];
        if (list == null) {
            list = new ArrayList<>(2);
            copies[tableIndex] = list;
        }
        for (Copy c : list) {
            if (c.evidenceId() == copy.evidenceId()) {
                return false; // the same evidence reached us twice (an import catching up with live intake)
            }
        }
        list.add(copy);
        lastEvidenceId.accumulateAndGet(copy.evidenceId(), Math::max);
        if (copy.receivedAt() != null) {
            lastReceivedAt.accumulateAndGet(copy.receivedAt(), (a, b) -> a == null || b.isAfter(a) ? b : a);
        }
        return true;
    }

    /** The highest evidence id this state has seen. */
    public long lastEvidenceId() {
        return lastEvidenceId.get();
    }

    /** When the newest evidence held was received; empty before any. */
    public java.util.Optional<java.time.Instant> lastReceivedAt() {
        return java.util.Optional.ofNullable(lastReceivedAt.get());
    }

    /** Consolidates every preloaded table and brings the totals up to date. */
    public void settle() {
        for (int t = 0; t < copies.length; t++) {
            if (copies[t] != null) {
                reconsolidate(t);
            }
        }
    }

    /** Adds one durable copy and returns the table's new consolidation. */
    public TableConsolidation add(int tableIndex, Copy copy) {
        synchronized (locks[tableIndex % locks.length]) {
            return remember(tableIndex, copy) ? reconsolidate(tableIndex) : consolidations[tableIndex];
        }
    }

    private TableConsolidation reconsolidate(int t) {
        synchronized (locks[t % locks.length]) {
            TableConsolidation before = consolidations[t];
            TableConsolidation after = rule.decide(election.geography().table(t).id(), copies[t]);
            consolidations[t] = after;
            totals.update(t, before, after);
            if (before.status() != after.status()) {
                listener.statusChanged(before, after);
            }
            return after;
        }
    }

    public void listen(StatusListener listener) {
        this.listener = listener;
    }

    public TableConsolidation consolidation(int tableIndex) {
        synchronized (locks[tableIndex % locks.length]) {
            return consolidations[tableIndex];
        }
    }

    public TableConsolidation consolidation(TableId table) {
        return consolidation(election.geography().tableIndex(table)
                .orElseThrow(() -> new IllegalArgumentException("no table " + table)));
    }

    public NodeTotals totals(int nodeIndex) {
        return totals.totals(nodeIndex);
    }

    /** Changes with every consolidation change and every incident; used as a cache validator. */
    public long version() {
        return totals.version() + incidentCount.get();
    }

    /**
     * Adds an incident reported at a table (evidence, never an acta: it changes no status or total);
     * false when the same evidence was added already.
     */
    public boolean addIncident(int tableIndex, TableIncident incident) {
        synchronized (locks[tableIndex % locks.length]) {
            List<TableIncident> list = incidents[tableIndex];
            if (list == null) {
                list = new ArrayList<>(1);
                incidents[tableIndex] = list;
            }
            for (TableIncident i : list) {
                if (i.evidenceId() == incident.evidenceId()) {
                    return false;
                }
            }
            list.add(incident);
            lastEvidenceId.accumulateAndGet(incident.evidenceId(), Math::max);
            incidentCount.incrementAndGet();
            return true;
        }
    }

    /** The incidents reported at a table, in the order they were recorded. */
    public List<TableIncident> incidents(int tableIndex) {
        synchronized (locks[tableIndex % locks.length]) {
            List<TableIncident> list = incidents[tableIndex];
            return list == null ? List.of() : List.copyOf(list);
        }
    }

    /** Whether any incident was reported at a table (cheap: for the coverage board). */
    public boolean hasIncidents(int tableIndex) {
        return incidents[tableIndex] != null;
    }

    public Election election() {
        return election;
    }

    public ConsolidationRule rule() {
        return rule;
    }
}
