package org.testigo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable group commit: callers queue drafts, one writer thread stores whatever is waiting in a single
 * transaction, and completes the callers' futures only after that transaction has committed (with
 * synchronous_commit on, i.e. after PostgreSQL flushed its WAL to disk).
 *
 * <p>Why: a commit costs one WAL flush (an fsync, from a tenth of a millisecond to several on the
 * disks we met), whatever it holds. One transaction per submission caps intake at the disk's flush
 * rate; one transaction per batch divides that cost by the batch size. Batches grow with the load:
 * submissions queue while the previous batch is written, and the writer waits up to {@link #LINGER}
 * for as many as the last batch held (see {@link #gather}).
 *
 * <p>A batch is one statement: blobs and evidence rows sent as arrays and unnested
 * ({@code INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING RETURNING}); drafts the database
 * already held, or that repeat an earlier draft of the same batch, are then looked up to answer with
 * the first copy. A batch the database refuses for its data is retried draft by draft, so one bad
 * draft fails alone.
 *
 * <p>Measured with {@code StoreTimings} (16 callers each waiting for its acknowledgement, 2 cores,
 * embedded PostgreSQL with fsync on): about 7,500 durable appends/s where an fsync took ~0.1 ms, and
 * about 3,400/s with 2 ms added to every commit to mimic a slow disk.
 */
final class EvidenceWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceWriter.class);
    static final int MAX_BATCH = 1_000;
    private static final int QUEUE_CAPACITY = 20_000;
    static final Duration LINGER = Duration.ofMillis(1);

    /**
     * Blobs (parameters 1-3) and evidence rows (4-19) in one statement: the foreign key from evidence
     * to blob is checked at the end of the statement, when the new blobs are there.
     */
    private static final String INSERT = """
            with new_blob as (
                insert into blob (sha256, media_type, size, bytes)
                select b.sha, b.media_type, length(b.bytes), b.bytes
                from unnest(?::bytea[], ?::text[], ?::bytea[]) as b(sha, media_type, bytes)
                on conflict (sha256) do nothing
            )
            insert into evidence (content_sha256, channel, submitter, format, received_at, tally_format, table_id, acta_id,
                                  candidates, cards, null_votes, blank_votes, counters, verdict, reason, checks)
            select d.sha, d.channel, d.submitter, d.format, d.received_at::timestamptz, d.tally_format, d.table_id, d.acta_id,
                   d.candidates::integer[], d.cards::integer[], d.null_votes, d.blank_votes, d.counters::jsonb,
                   d.verdict, d.reason, d.checks::jsonb
            from unnest(?::bytea[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::integer[], ?::integer[], ?::text[], ?::text[], ?::text[], ?::text[])
                 with ordinality as d(sha, channel, submitter, format, received_at, tally_format, table_id, acta_id,
                                      candidates, cards, null_votes, blank_votes, counters, verdict, reason, checks, ord)
            order by d.ord
            on conflict (channel, submitter, content_sha256) do nothing
            returning id, channel, submitter, encode(content_sha256, 'hex')""";

    private static final String FIND_EXISTING = "select " + EvidenceRows.COLUMNS + " from evidence e"
            + " join unnest(?::text[], ?::text[], ?::bytea[]) as k(k_channel, k_submitter, k_sha)"
            + " on e.channel = k.k_channel and e.submitter = k.k_submitter and e.content_sha256 = k.k_sha";

    /** A draft waiting to be written, with its hash computed by the caller's thread. */
    private record Pending(EvidenceDraft draft, byte[] sha, String shaHex, CompletableFuture<Appended> future) {
        Key key() {
            return new Key(draft.channel().name(), draft.submitter(), shaHex);
        }
    }

    /** What makes two submissions the same evidence. */
    private record Key(String channel, String submitter, String shaHex) {
    }

    private final Database database;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private int lastBatchSize = 1; // the writer thread's own
    // Completing a future runs the caller's continuations; they must not run on (and slow) the writer.
    private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    EvidenceWriter(Database database) {
        this.database = database;
        this.writer = Thread.ofPlatform().name("testigo-evidence-writer").daemon(true).start(this::run);
    }

    /** Queues a draft; blocks while {@value #QUEUE_CAPACITY} drafts are already waiting (back-pressure). */
    CompletableFuture<Appended> append(EvidenceDraft draft) {
        CompletableFuture<Appended> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(closedException());
            return future;
        }
        byte[] sha = EvidenceRows.sha256(draft.contentBytes());
        Pending pending = new Pending(draft, sha, EvidenceRows.HEX.formatHex(sha), future);
        try {
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.completeExceptionally(new StoreException(StoreException.Reason.CLOSED, "interrupted while queueing evidence"));
            return future;
        }
        // Closed meanwhile: if the writer will not see it, nobody else will answer it.
        if (closed && queue.remove(pending)) {
            future.completeExceptionally(closedException());
        }
        return future;
    }

    private void run() {
        while (!(closed && queue.isEmpty())) {
            // A new list per batch: the futures of the last one may still be completing.
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                gather(batch);
                write(batch);
            } catch (InterruptedException e) {
                // Nobody interrupts the writer; close() lets it drain the queue and finish.
            } catch (RuntimeException | Error e) {
                LOG.error("the evidence writer failed on a batch of {}", batch.size(), e);
                fail(batch, new StoreException(StoreException.Reason.UNAVAILABLE, "could not store evidence: " + e, e));
            }
        }
    }

    /**
     * Waits a little for more drafts: until the batch is as large as the last one, or {@link #LINGER}
     * has passed. Callers answered by the last batch usually come back within a fraction of a
     * millisecond; waiting for them lets one WAL flush serve them all again. The target follows the
     * load: a batch that could not fill up in time lowers the next one's.
     */
    private void gather(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + LINGER.toNanos();
        int target = Math.min(lastBatchSize, MAX_BATCH);
        while (batch.size() < target) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            Pending next = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
            queue.drainTo(batch, MAX_BATCH - batch.size());
        }
        lastBatchSize = batch.size();
    }

    private void write(List<Pending> batch) {
        try {
            Map<Pending, Appended> answers = writeInOneTransaction(batch);
            completions.execute(() -> batch.forEach(p -> p.future().complete(answers.get(p))));
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            boolean refusedData = state.startsWith("22") || state.startsWith("23");
            if (refusedData && batch.size() > 1) {
                // One draft the database refuses must not sink the others: write them one by one.
                for (Pending p : batch) {
                    write(List.of(p));
                }
            } else if (refusedData) {
                fail(batch, new StoreException(StoreException.Reason.UNAVAILABLE, "the database refused evidence "
                        + batch.get(0).draft() + ": " + e.getMessage(), e));
            } else {
                fail(batch, Database.unavailable("store evidence", e));
            }
        } catch (StoreException e) {
            fail(batch, e);
        }
    }

    /**
     * Writes {@code drafts} as one batch on the calling thread, bypassing the queue; answers in order.
     * For tests that need a batch of known content (e.g. a draft and its repeat together).
     */
    List<Appended> writeAsOneBatch(List<EvidenceDraft> drafts) throws SQLException {
        List<Pending> batch = new ArrayList<>();
        for (EvidenceDraft d : drafts) {
            byte[] sha = EvidenceRows.sha256(d.contentBytes());
            batch.add(new Pending(d, sha, EvidenceRows.HEX.formatHex(sha), new CompletableFuture<>()));
        }
        Map<Pending, Appended> answers = writeInOneTransaction(batch);
        return batch.stream().map(answers::get).toList();
    }

    private Map<Pending, Appended> writeInOneTransaction(List<Pending> batch) throws SQLException {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                Map<Key, Long> inserted = insert(c, batch);
                Map<Pending, Long> fresh = new HashMap<>();
                List<EvidenceLogging.NewEvidence> logged = new ArrayList<>();
                List<Pending> repeats = new ArrayList<>();
                for (Pending p : batch) {
                    Long id = inserted.remove(p.key()); // removed: a later draft with the same key is a repeat
                    if (id != null) {
                        fresh.put(p, id);
                        logged.add(EvidenceLogging.NewEvidence.of(id, p.sha(), p.draft()));
                    } else {
                        repeats.add(p);
                    }
                }
                Map<Long, EvidenceLogging.Logged> positions = EvidenceLogging.append(c, logged);
                Map<Pending, Appended> answers = new HashMap<>();
                fresh.forEach((p, id) -> answers.put(p, new Appended(EvidenceRows.stored(id, p.shaHex(), p.draft()), false,
                        positions.get(id).position(), positions.get(id).entry())));
                if (!repeats.isEmpty()) {
                    Map<Key, StoredEvidence> originals = findExisting(c, repeats);
                    Map<Long, EvidenceLogging.Logged> earlier = EvidenceLogging.positionsOf(c,
                            originals.values().stream().map(StoredEvidence::id).toList());
                    for (Pending p : repeats) {
                        StoredEvidence original = originals.get(p.key());
                        if (original == null) {
                            throw new IllegalStateException("evidence " + p.key() + " was neither inserted nor found");
                        }
                        EvidenceLogging.Logged first = earlier.get(original.id());
                        answers.put(p, new Appended(original, true, first.position(), first.entry()));
                    }
                }
                c.commit();
                return answers;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static Map<Key, Long> insert(Connection c, List<Pending> batch) throws SQLException {
        Map<String, Pending> blobs = new LinkedHashMap<>();
        for (Pending p : batch) {
            blobs.putIfAbsent(p.shaHex(), p);
        }
        byte[][] blobSha = new byte[blobs.size()][];
        String[] blobType = new String[blobs.size()];
        byte[][] blobBytes = new byte[blobs.size()][];
        int b = 0;
        for (Pending p : blobs.values()) {
            blobSha[b] = p.sha();
            blobType[b] = p.draft().mediaType();
            blobBytes[b] = p.draft().contentBytes();
            b++;
        }
        int n = batch.size();
        byte[][] sha = new byte[n][];
        String[] channel = new String[n];
        String[] submitter = new String[n];
        String[] format = new String[n];
        String[] receivedAt = new String[n];
        String[] tallyFormat = new String[n];
        String[] tableId = new String[n];
        String[] actaId = new String[n];
        String[] candidates = new String[n];
        String[] cards = new String[n];
        Integer[] nullVotes = new Integer[n];
        Integer[] blankVotes = new Integer[n];
        String[] counters = new String[n];
        String[] verdict = new String[n];
        String[] reason = new String[n];
        String[] checks = new String[n];
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            EvidenceDraft d = p.draft();
            sha[i] = p.sha();
            channel[i] = d.channel().name();
            submitter[i] = d.submitter();
            format[i] = d.format();
            receivedAt[i] = d.receivedAt().toString();
            tallyFormat[i] = d.tally().format();
            tableId[i] = d.tally().table().value();
            actaId[i] = d.tally().actaId();
            candidates[i] = EvidenceRows.arrayLiteral(d.tally().candidates());
            cards[i] = EvidenceRows.arrayLiteral(d.tally().cards());
            nullVotes[i] = d.tally().nullVotes();
            blankVotes[i] = d.tally().blankVotes();
            counters[i] = EvidenceRows.countersJson(d.tally().counters());
            verdict[i] = d.verification().signature().name();
            reason[i] = d.verification().reason();
            checks[i] = EvidenceRows.checksJson(d.verification().checks());
        }
        Map<Key, Long> inserted = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setArray(1, c.createArrayOf("bytea", blobSha));
            ps.setArray(2, c.createArrayOf("text", blobType));
            ps.setArray(3, c.createArrayOf("bytea", blobBytes));
            Object[][] columns = {sha, channel, submitter, format, receivedAt, tallyFormat, tableId, actaId, candidates, cards,
                nullVotes, blankVotes, counters, verdict, reason, checks};
            for (int i = 0; i < columns.length; i++) {
                String type = columns[i] instanceof byte[][] ? "bytea" : columns[i] instanceof Integer[] ? "integer" : "text";
                ps.setArray(4 + i, c.createArrayOf(type, columns[i]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.put(new Key(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getLong(1));
                }
            }
        }
        return inserted;
    }

    private static Map<Key, StoredEvidence> findExisting(Connection c, List<Pending> repeats) throws SQLException {
        int n = repeats.size();
        String[] channel = new String[n];
        String[] submitter = new String[n];
        byte[][] sha = new byte[n][];
        for (int i = 0; i < n; i++) {
            channel[i] = repeats.get(i).draft().channel().name();
            submitter[i] = repeats.get(i).draft().submitter();
            sha[i] = repeats.get(i).sha();
        }
        Map<Key, StoredEvidence> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(FIND_EXISTING)) {
            ps.setArray(1, c.createArrayOf("text", channel));
            ps.setArray(2, c.createArrayOf("text", submitter));
            ps.setArray(3, c.createArrayOf("bytea", sha));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredEvidence e = EvidenceRows.read(rs);
                    found.put(new Key(e.channel().name(), e.submitter(), e.sha256Hex()), e);
                }
            }
        }
        return found;
    }

    private void fail(List<Pending> batch, StoreException e) {
        List<Pending> copy = List.copyOf(batch);
        completions.execute(() -> copy.forEach(p -> p.future().completeExceptionally(e)));
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is broken; the pool will discard it.
        }
    }

    private StoreException closedException() {
        return new StoreException(StoreException.Reason.CLOSED, "the evidence store is closed");
    }

    /** Writes every draft queued so far, then stops; drafts queued after that fail with {@link StoreException.Reason#CLOSED}. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.future().completeExceptionally(closedException()));
        completions.close();
    }
}
