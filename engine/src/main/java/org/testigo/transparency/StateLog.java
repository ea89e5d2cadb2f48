package org.testigo.transparency;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testigo.consolidation.Copy;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.consolidation.TableStatus;
import org.testigo.consolidation.Version;
import org.testigo.election.Geography;
import org.testigo.ledger.LogEntry;
import org.testigo.state.ElectionState;
import org.testigo.store.LogStore;

/**
 * Puts every change of a table's status into the transparency log: when a table was first counted,
 * confirmed, or found in conflict, and on which evidence. The change follows the evidence that caused it
 * (which is durable and logged first); entries are written in batches by one thread, so logging costs
 * intake one commit per batch, not one per submission.
 *
 * <p>A process can stop between storing evidence and logging the change it caused. So at start-up the
 * log is reconciled with the state rebuilt from evidence: a table whose current status is not the last
 * one the log recorded gets an entry saying so.
 */
public final class StateLog implements ElectionState.StatusListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateLog.class);
    private static final int BATCH = 5_000;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final LogStore store;
    private final Clock clock;
    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    public StateLog(LogStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.writer = Thread.ofPlatform().daemon().name("testigo-state-log").start(this::run);
    }

    /** Appends the changes the log has not recorded yet, then follows live changes. */
    public static StateLog attach(ElectionState state, LogStore store, Clock clock) {
        StateLog log = new StateLog(store, clock);
        log.reconcile(state);
        state.listen(log);
        return log;
    }

    @Override
    public void statusChanged(TableConsolidation before, TableConsolidation after) {
        enqueued.incrementAndGet();
        queue.add(entry(after, after.status() == TableStatus.CONFLICTED ? LogEntry.Change.CONFLICT_OPENED : LogEntry.Change.ACCEPTED,
                after.explanation()).bytes());
    }

    private LogEntry.StateChanged entry(TableConsolidation c, LogEntry.Change change, String detail) {
        List<Long> evidence = new ArrayList<>();
        for (Version v : c.versions()) {
            for (Copy copy : v.copies()) {
                evidence.add(copy.evidenceId());
            }
        }
        evidence.sort(null);
        return new LogEntry.StateChanged(change, c.table().value(), c.status().label(), evidence, detail == null ? "" : detail, clock.instant());
    }

    private void reconcile(ElectionState state) {
        Map<String, String> lastLogged = new HashMap<>();
        store.forEachNonEvidence(e -> {
            if (LogEntry.parse(e.entry()) instanceof LogEntry.StateChanged s) {
                lastLogged.put(s.table(), s.status());
            }
        });
        Geography geo = state.election().geography();
        List<byte[]> missing = new ArrayList<>();
        for (int t = 0; t < geo.tableCount(); t++) {
            TableConsolidation c = state.consolidation(t);
            String logged = lastLogged.getOrDefault(c.table().value(), TableStatus.MISSING.label());
            if (!logged.equals(c.status().label())) {
                LogEntry.Change change = c.status() == TableStatus.CONFLICTED ? LogEntry.Change.CONFLICT_OPENED : LogEntry.Change.ACCEPTED;
                missing.add(entry(c, change, "recorded at start-up from the stored evidence (was " + logged + ")").bytes());
            }
        }
        for (int from = 0; from < missing.size(); from += BATCH) {
            store.appendAtTail(missing.subList(from, Math.min(missing.size(), from + BATCH)));
        }
        if (!missing.isEmpty()) {
            LOG.info("Logged {} table status changes the transparency log had not recorded", missing.size());
        }
    }


    private void run() {
        List<byte[]> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                byte[] first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // Gather for a moment: a status change is not a receipt, and one commit for many changes
                // leaves the disk's flushes to the evidence writer, whose callers are waiting for them.
                long until = System.nanoTime() + GATHER_NANOS;
                while (batch.size() < BATCH && System.nanoTime() < until && !closed) {
                    if (queue.drainTo(batch, BATCH - batch.size()) == 0) {
                        Thread.sleep(5);
                    }
                }
                queue.drainTo(batch, BATCH - batch.size());
                store.appendAtTail(batch);
                synchronized (written) {
                    written.addAndGet(batch.size());
                    written.notifyAll();
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The entries stay in the batch and are retried; start-up reconciliation covers a process that dies.
                LOG.warn("Could not log {} status changes (will retry): {}", batch.size(), e.getMessage());
                sleepQuietly(1_000);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every change made so far is in the log (tests, orderly shutdown); false on timeout. */
    public boolean flush(Duration timeout) {
        long target = enqueued.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (written) {
            while (written.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    written.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
