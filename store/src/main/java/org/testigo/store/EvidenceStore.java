package org.testigo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.testigo.election.TableId;

/**
 * The append-only evidence log: every submission, stored once under the SHA-256 of its content.
 *
 * <p>Writes: {@link #append} for live submissions (durable group commit, see {@link EvidenceWriter})
 * and {@link #appendBulk} for imports (COPY). Both are idempotent: the same channel, submitter and
 * content is the same evidence, stored once and answered with its first copy.
 *
 * <p>Reads: by id, by table, or all of it in id order as a stream (to rebuild state at start-up).
 *
 * <p>Close the store (which writes what is queued) before closing its {@link Database}.
 */
public final class EvidenceStore implements AutoCloseable {
    private static final int FETCH_SIZE = 5_000;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Database database;
    private final EvidenceWriter writer;

    public EvidenceStore(Database database) {
        this.database = database;
        this.writer = new EvidenceWriter(database);
    }

    /**
     * Stores a submission durably. The future completes once the transaction holding it has committed
     * (and PostgreSQL has flushed it to disk), with the stored evidence and whether it was a duplicate;
     * a retry (same channel, submitter and content) gets the first copy, its id and its receivedAt,
     * with {@code duplicate} true, also when both copies arrive in the same batch. It fails with a
     * {@link StoreException} when the database cannot be written or the store is closed.
     *
     * <p>Blocks only when tens of thousands of drafts are already waiting (back-pressure).
     */
    public CompletableFuture<Appended> append(EvidenceDraft draft) {
        if (draft == null) {
            throw new IllegalArgumentException("draft is required");
        }
        return writer.append(draft);
    }

    /**
     * Imports many drafts in one transaction, through COPY into a staging table; returns how many were
     * new. Idempotent: importing the same drafts again adds nothing. Evidence ids follow list order.
     *
     * @throws StoreException when the database cannot be written (nothing is then imported)
     */
    public BulkAppended appendBulk(List<EvidenceDraft> drafts) {
        if (drafts.isEmpty()) {
            return new BulkAppended(0, 0);
        }
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                long added = EvidenceImport.run(c, drafts);
                c.commit();
                return new BulkAppended(added, drafts.size() - added);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Database.unavailable("import " + drafts.size() + " pieces of evidence", e);
        }
    }

    /**
     * Passes every piece of evidence to {@code action}, in id order, reading it in steps of a few
     * thousand rows (a million rows never sit in memory). Sees the evidence committed when it starts.
     */
    public void forEach(Consumer<StoredEvidence> action) {
        forEachAfter(0, action);
    }

    /** Like {@link #forEach}, for the evidence whose id is greater than {@code afterId}. */
    public void forEachAfter(long afterId, Consumer<StoredEvidence> action) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false); // pgjdbc only fetches in steps inside a transaction
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement("select " + EvidenceRows.COLUMNS + " from evidence where id > ? order by id")) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setLong(1, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        action.accept(EvidenceRows.read(rs));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Database.unavailable("read the evidence", e);
        }
    }

    public Optional<StoredEvidence> byId(long id) {
        List<StoredEvidence> found = query("select " + EvidenceRows.COLUMNS + " from evidence where id = ?", ps -> ps.setLong(1, id));
        return found.stream().findFirst();
    }

    /** Every piece of evidence about one table, in id order. */
    public List<StoredEvidence> forTable(TableId table) {
        return query("select " + EvidenceRows.COLUMNS + " from evidence where table_id = ? order by id", ps -> ps.setString(1, table.value()));
    }

    /** Up to {@code limit} pieces of evidence of one channel with an id above {@code afterId}, in id order (a page). */
    public List<StoredEvidence> byChannel(Channel channel, long afterId, int limit) {
        return query("select " + EvidenceRows.COLUMNS + " from evidence where channel = ? and id > ? order by id limit ?", ps -> {
            ps.setString(1, channel.name());
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
        });
    }

    /** How many pieces of evidence are stored. */
    public long count() {
        try (Connection c = database.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from evidence")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw Database.unavailable("count the evidence", e);
        }
    }

    /** The bytes stored under a SHA-256 (lowercase hex), if any. */
    public Optional<byte[]> content(String sha256Hex) {
        return blob(sha256Hex).map(Blob::bytes);
    }

    /** The bytes stored under a SHA-256 (lowercase hex) with their media type, if any. */
    public Optional<Blob> blob(String sha256Hex) {
        if (sha256Hex == null || !SHA256_HEX.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("a SHA-256 is 64 lowercase hex digits (got " + sha256Hex + ")");
        }
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select media_type, bytes from blob where sha256 = ?")) {
            ps.setBytes(1, EvidenceRows.HEX.parseHex(sha256Hex));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                byte[] bytes = rs.getBytes(2);
                if (bytes == null) {
                    throw new IllegalStateException("blob " + sha256Hex + " lives outside the database, which this version cannot read");
                }
                return Optional.of(new Blob(sha256Hex, rs.getString(1), bytes));
            }
        } catch (SQLException e) {
            throw Database.unavailable("read blob " + sha256Hex, e);
        }
    }

    /** The group-commit writer, for tests in this package. */
    EvidenceWriter writer() {
        return writer;
    }

    /** Writes what is queued, then stops accepting appends. */
    @Override
    public void close() {
        writer.close();
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<StoredEvidence> query(String sql, Binder binder) {
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<StoredEvidence> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(EvidenceRows.read(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw Database.unavailable("read the evidence", e);
        }
    }
}
