package org.testigo.site;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.testigo.analysis.audit.Audit;
import org.testigo.analysis.audit.AuditReport;
import org.testigo.state.ElectionState;
import org.testigo.views.AuditReports;

/**
 * The audit the site shows: the last one computed, refreshed in the background when the state has moved.
 * An audit of a large election takes seconds and results arrive every few hundred milliseconds, so a page
 * never waits for one, except the very first (there is nothing to show before it); and refreshes are
 * spaced (at least {@code spacing}, and three times the last audit's duration) so that auditing never
 * takes more than a fraction of a core from intake and serving. The page says how many tables the audit
 * it shows covers. {@link #generation()} moves when a new audit is ready, so cached pages are rendered again.
 */
final class LatestAudit {
    static final Duration DEFAULT_SPACING = Duration.ofSeconds(10);

    /** The audit of {@code state} as it was at {@code version}. */
    record Snapshot(ElectionState state, long version, AuditReport report) {
    }

    private final Duration spacing;
    private volatile Snapshot last;
    private volatile long generation;
    private AuditReports reports;
    private CompletableFuture<Void> refreshing = CompletableFuture.completedFuture(null);
    private long lastEnded;
    private long lastDuration;
    private ScheduledExecutorService background;

    LatestAudit(Duration spacing) {
        this.spacing = spacing;
    }

    /** Moves each time a new audit is ready. */
    long generation() {
        return generation;
    }

    /** The audit to show for {@code state}; empty while no tally is accepted. */
    Optional<AuditReport> report(ElectionState state) {
        if (state.totals(0).tables().counted() == 0) {
            return Optional.empty();
        }
        Snapshot s = last;
        if (s == null || s.state != state) {
            return Optional.of(computeNow(state).report);
        }
        if (s.version != state.version()) {
            refreshLater(state);
        }
        return Optional.of(s.report);
    }

    /** The refresh under way or scheduled, if any (done when none is): for tests, which never sleep. */
    synchronized CompletableFuture<Void> refreshing() {
        return refreshing;
    }

    private synchronized Snapshot computeNow(ElectionState state) {
        Snapshot s = last;
        if (s != null && s.state == state) {
            return s; // another caller computed it while this one waited
        }
        return compute(state);
    }

    /** Under this object's lock, or on the background thread with no other computation running. */
    private Snapshot compute(ElectionState state) {
        AuditReports r;
        synchronized (this) {
            if (reports == null || reports.state() != state) {
                reports = new AuditReports(state, Audit.DEFAULT_RANKED);
            }
            r = reports;
        }
        long started = System.nanoTime();
        long version = state.version(); // read first: a state that moves during the audit is audited again later
        AuditReport report = r.current();
        Snapshot s = new Snapshot(state, version, report);
        synchronized (this) {
            lastEnded = System.nanoTime();
            lastDuration = lastEnded - started;
            last = s;
            generation++;
        }
        return s;
    }

    private synchronized void refreshLater(ElectionState state) {
        if (!refreshing.isDone()) {
            return;
        }
        long gap = Math.max(spacing.toNanos(), 3 * lastDuration);
        long delay = Math.max(0, lastEnded + gap - System.nanoTime());
        if (background == null) {
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "site-audit");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        refreshing = done;
        background.schedule(() -> {
            try {
                Snapshot s = last;
                if (s == null || s.state != state || s.version != state.version()) {
                    compute(state);
                }
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e); // the page keeps the last audit; the next request tries again
            }
        }, delay, TimeUnit.NANOSECONDS);
    }
}
