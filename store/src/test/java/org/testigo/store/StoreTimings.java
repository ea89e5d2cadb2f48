package org.testigo.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.testigo.election.Counts;
import org.testigo.election.Election;
import org.testigo.election.TableId;
import org.testigo.tally.Check;
import org.testigo.tally.Tally;
import org.testigo.tally.Verdict;
import org.testigo.tally.Verification;

/**
 * Timings for people, not a test: how fast the store is on this machine, with the embedded
 * PostgreSQL at its durable settings (fsync on, synchronous_commit on) in a fresh data directory.
 *
 * <p>Workloads: {@code append} — N concurrent callers (default 16), each sending one QR-sized
 * submission at a time and waiting for its durable acknowledgement, like HTTP clients, for a fixed
 * number of seconds; {@code bulk} — one appendBulk of M drafts, then again (idempotent re-run);
 * {@code election} — save and load an election of T tables.
 *
 * <p>Run (after {@code mvn -pl store -am test-compile}, with the test class path in CP):
 * {@code java -cp "$CP" org.testigo.store.StoreTimings [append CALLERS SECONDS] [bulk M] [election T]}
 */
public final class StoreTimings {
    private StoreTimings() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("testigo-timings");
        long t0 = System.nanoTime();
        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            System.out.printf("opened %s in %.1f s%n", db.describe(), (System.nanoTime() - t0) / 1e9);
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "append" -> appendThroughput(db, Integer.parseInt(args[++i]), Integer.parseInt(args[++i]));
                    case "bulk" -> bulk(db, Integer.parseInt(args[++i]));
                    case "election" -> election(db, Integer.parseInt(args[++i]));
                    default -> throw new IllegalArgumentException("unknown workload " + args[i]);
                }
            }
        }
    }

    static EvidenceDraft draft(long n, String submitter) {
        int[] cards = new int[38];
        for (int i = 0; i < cards.length; i++) {
            cards[i] = (int) ((n * 31 + i * 7) % 200);
        }
        String payload = String.format("%09d.01.1.0001!", n % 1_000_000_000L) + java.util.Arrays.toString(cards).replaceAll("[\\[\\] ]", "") + "!0!0";
        Tally tally = new Tally("ve-2024", new TableId(String.format("%09d.01", n % 1_000_000_000L)), null, Counts.of(cards[0], cards[1]),
                Counts.of(cards), 3, 0, Map.of("voters", 400L));
        Verification v = Verification.notVerifiable("the acta's HMAC key is the council's", List.of(Check.pass("sum", "valid = 402")));
        return new EvidenceDraft(Channel.QR, submitter, "ve-2024", "text/plain; charset=utf-8", payload.getBytes(StandardCharsets.UTF_8),
                tally, v, Instant.now());
    }

    private static void appendThroughput(Database db, int callers, int seconds) throws Exception {
        try (EvidenceStore store = new EvidenceStore(db)) {
            // Warm up: connections, prepared statements, JIT.
            for (int i = 0; i < 2_000; i++) {
                store.append(draft(900_000_000L + i, "warm-up")).join();
            }
            AtomicLong done = new AtomicLong();
            AtomicLong counter = new AtomicLong();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            CountDownLatch finished = new CountDownLatch(callers);
            long start = System.nanoTime();
            for (int c = 0; c < callers; c++) {
                String submitter = "witness-" + c;
                Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < deadline) {
                        store.append(draft(counter.incrementAndGet(), submitter)).join();
                        done.incrementAndGet();
                    }
                    finished.countDown();
                });
            }
            finished.await();
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("append: %d callers, %d durable appends in %.1f s = %.0f/s%n", callers, done.get(), elapsed, done.get() / elapsed);
        }
    }

    private static void bulk(Database db, int m) {
        List<EvidenceDraft> drafts = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            drafts.add(draft(10_000_000L + i, "import-" + (i % 7)));
        }
        try (EvidenceStore store = new EvidenceStore(db)) {
            long t = System.nanoTime();
            BulkAppended first = store.appendBulk(drafts);
            System.out.printf("bulk: %s in %.1f s%n", first, (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            BulkAppended again = store.appendBulk(drafts);
            System.out.printf("bulk again: %s in %.1f s%n", again, (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            AtomicLong n = new AtomicLong();
            store.forEach(e -> n.incrementAndGet());
            System.out.printf("forEach: %d rows in %.1f s%n", n.get(), (System.nanoTime() - t) / 1e9);
        }
    }

    private static void election(Database db, int tables) {
        Election e = ElectionStoreTest.synthetic("timing", tables, 10);
        ElectionStore store = new ElectionStore(db);
        long t = System.nanoTime();
        ElectionStore.Saved saved = store.save(e);
        System.out.printf("election: %s %d tables in %.1f s%n", saved, tables, (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        Election loaded = store.load().orElseThrow();
        System.out.printf("election: loaded %d tables in %.1f s%n", loaded.geography().tableCount(), (System.nanoTime() - t) / 1e9);
    }
}
