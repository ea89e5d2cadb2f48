package org.testigo.intake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testigo.store.ImageStore;
import org.testigo.store.StoreException;

/**
 * A fixed number of decoding threads fed from the database: the jobs in status {@code decoding} are the
 * queue. In memory it holds at most a few ids per thread (the ones being decoded and the next few);
 * everything else waits in the database, so a burst of photos costs rows, not heap, and a restart
 * finds the queue where the last process left it.
 *
 * <p>A new job is handed over directly when there is room, and otherwise picked up on the next refill;
 * idle threads also look at the database every second, so jobs another process queued (the server and
 * {@code testigo ingest} on one database) are not left waiting.
 */
final class DecodingPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecodingPool.class);
    private static final long IDLE_POLL_MILLIS = 1_000;

    private final ImageStore images;
    private final LongConsumer job;
    private final int capacity;
    private final List<Thread> threads = new ArrayList<>();
    /** Ids handed to this pool and not yet done: never taken twice. */
    private final Set<Long> taken = ConcurrentHashMap.newKeySet();
    private final Deque<Long> ready = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private volatile boolean closed;
    private boolean refillWanted = true;

    DecodingPool(ImageStore images, int threadCount, LongConsumer job) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("a decoding pool needs at least one thread (got " + threadCount + ")");
        }
        this.images = images;
        this.job = job;
        this.capacity = 2 * threadCount;
        for (int i = 0; i < threadCount; i++) {
            threads.add(Thread.ofPlatform().name("testigo-decoder-" + i).daemon(true).start(this::run));
        }
    }

    int threads() {
        return threads.size();
    }

    /** A job was just stored: take it now if there is room, else it waits in the database. */
    void offer(long id) {
        lock.lock();
        try {
            if (ready.size() < capacity && taken.add(id)) {
                ready.add(id);
            } else {
                refillWanted = true;
            }
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            Long id;
            try {
                id = next();
            } catch (InterruptedException e) {
                return;
            } catch (StoreException e) {
                LOG.warn("cannot read the image queue, retrying in a second: {}", e.getMessage());
                sleepQuietly(IDLE_POLL_MILLIS);
                continue;
            }
            if (id == null) {
                continue;
            }
            try {
                job.accept(id);
            } catch (StoreException e) {
                // The database is away: the job stays 'decoding' and is taken again later.
                LOG.warn("image submission {} could not be recorded, it stays queued: {}", id, e.getMessage());
                sleepQuietly(IDLE_POLL_MILLIS);
            } catch (RuntimeException e) {
                LOG.error("decoding image submission {} failed", id, e);
            } finally {
                taken.remove(id);
            }
        }
    }

    private Long next() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                Long id = ready.poll();
                if (id != null) {
                    return id;
                }
                if (refillWanted) {
                    List<Long> found = images.decoding(List.copyOf(taken), capacity);
                    // A full refill means more may be waiting: look again as soon as these are taken.
                    refillWanted = found.size() == capacity;
                    for (Long f : found) {
                        if (taken.add(f)) {
                            ready.add(f);
                        }
                    }
                    if (!ready.isEmpty()) {
                        work.signalAll();
                        continue;
                    }
                }
                if (!work.await(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    refillWanted = true;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking jobs and waits for those being decoded; what is queued stays in the database. */
    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : threads) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
