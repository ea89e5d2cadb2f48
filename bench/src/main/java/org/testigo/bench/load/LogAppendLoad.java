package org.testigo.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.testigo.ledger.LogEntry;
import org.testigo.ledger.MerkleTree;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.LogStore;

/**
 * Durable transparency-log appends per second on the embedded PostgreSQL: entries shaped like the real
 * ones (~330 bytes of canonical JSON), appended at the tail in committed batches (as the state-change
 * writer and the evidence writer's group commits do), each batch then added to the in-memory tree.
 * Usage: {@code LogAppendLoad DATA_DIR ENTRIES BATCH}.
 */
public final class LogAppendLoad {
    private LogAppendLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LogAppendLoad DATA_DIR ENTRIES BATCH");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        int batchSize = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        byte[] sha = HexFormat.of().parseHex("ab".repeat(32));
        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            LogStore log = new LogStore(db);
            MerkleTree tree = new MerkleTree();
            long start = System.nanoTime();
            long done = 0;
            while (done < total) {
                List<byte[]> batch = new ArrayList<>(batchSize);
                for (int i = 0; i < batchSize && done + i < total; i++) {
                    batch.add(new LogEntry.EvidenceRecorded(done + i + 1, sha, "qr", "witness-" + (i % 997), "ve-2024",
                            "text/plain; charset=utf-8", "010101001." + (done + i), "NOT_VERIFIABLE", Instant.now()).bytes());
                }
                log.appendAtTail(batch);
                batch.forEach(tree::append);
                done += batch.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%d entries in batches of %d: %.2f s, %.0f appends/s durable; log size %d, tree size %d%n", total,
                    batchSize, seconds, total / seconds, log.size(), tree.size());
        }
    }
}
