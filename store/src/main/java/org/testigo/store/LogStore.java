package org.testigo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The rows behind the transparency log: its entries in order, with the leaf hashes the database computed,
 * and the signed checkpoints. The store only keeps bytes; what an entry says and how the tree is hashed
 * belong to the ledger module.
 */
public final class LogStore {

    /** One stored leaf. */
    public record StoredEntry(long position, byte[] entry, byte[] leafHash) {
    }

    /** Receives leaves in position order. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(StoredEntry entry);
    }

    private final Database database;

    public LogStore(Database database) {
        this.database = database;
    }

    /** How many entries the log holds. */
    public long size() {
        try (Connection c = database.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(position) + 1, 0) from log_entry")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw Database.unavailable("read the log's size", e);
        }
    }

    /**
     * Appends entries at {@code firstPosition}, {@code firstPosition + 1}, … in one transaction. The caller
     * serialises appends and knows the log's size; the database refuses any gap or overlap.
     */
    public void append(long firstPosition, List<byte[]> entries) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            insert(c, firstPosition, entries);
            c.commit();
        } catch (SQLException e) {
            throw Database.unavailable("append to the transparency log", e);
        }
    }

    /**
     * Appends entries at the log's tail, whatever other processes appended meanwhile; returns the first
     * entry's position. One transaction, one durable commit.
     */
    public long appendAtTail(List<byte[]> entries) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            long first = lockTail(c);
            insert(c, first, entries);
            c.commit();
            return first;
        } catch (SQLException e) {
            throw Database.unavailable("append to the transparency log", e);
        }
    }

    /** An arbitrary constant naming "the log's tail" among PostgreSQL's advisory locks. */
    private static final long LOG_LOCK = 0x7465_7374_6967_6fL;

    /**
     * Takes the log's lock until the caller's transaction ends and returns the next free position: appends
     * from every process (the server, a CLI import) are serialised, so positions stay gap-free.
     */
    static long lockTail(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select pg_advisory_xact_lock(" + LOG_LOCK + ")");
            try (ResultSet rs = s.executeQuery("select coalesce(max(position) + 1, 0) from log_entry")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The same inside a transaction the caller owns (evidence and its log entry commit together). */
    static void insert(Connection c, long firstPosition, List<byte[]> entries) throws SQLException {
        // COPY: one stream for the whole batch, where a batched INSERT pays a statement per row.
        try (CopyRows copy = CopyRows.open(c, "copy log_entry (position, entry) from stdin (format csv)")) {
            long position = firstPosition;
            for (byte[] entry : entries) {
                copy.number(position++).bytes(entry);
                copy.endRow();
            }
            copy.finish();
        }
    }

    /** Every entry from {@code from} on, in order, streamed (a million entries never sit in memory). */
    public void forEachFrom(long from, EntryConsumer action) {
        stream("select position, entry, leaf_hash from log_entry where position >= ? order by position", from, action);
    }

    /** The entries that record no evidence (status changes), in order: start-up reads these, not the evidence. */
    public void forEachNonEvidence(EntryConsumer action) {
        stream("select position, entry, leaf_hash from log_entry where evidence_id is null and position >= ? order by position", 0, action);
    }

    private void stream(String sql, long from, EntryConsumer action) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(5_000);
                ps.setLong(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        action.accept(new StoredEntry(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)));
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw Database.unavailable("read the transparency log", e);
        }
    }

    /** Entries in [from, to), in order (an entry bundle's worth). */
    public List<StoredEntry> range(long from, long to) {
        List<StoredEntry> out = new java.util.ArrayList<>();
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select position, entry, leaf_hash from log_entry where position >= ? and position < ? order by position")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEntry(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)));
                }
            }
        } catch (SQLException e) {
            throw Database.unavailable("read the transparency log", e);
        }
        return out;
    }

    /** The leaf hashes from {@code from} on, in order, streamed: what rebuilding the tree needs. */
    public void forEachLeafHashFrom(long from, java.util.function.ObjLongConsumer<byte[]> action) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select position, leaf_hash from log_entry where position >= ? order by position")) {
                ps.setFetchSize(20_000);
                ps.setLong(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        action.accept(rs.getBytes(2), rs.getLong(1));
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw Database.unavailable("read the transparency log", e);
        }
    }

    /** The position of the entry that records evidence {@code evidenceId}. */
    public Optional<Long> positionOf(long evidenceId) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select position from log_entry where evidence_id = ?")) {
            ps.setLong(1, evidenceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Database.unavailable("find a log entry", e);
        }
    }

    /** Keeps a signed checkpoint; the same size twice keeps the first (checkpoints are never replaced). */
    public void saveCheckpoint(long size, String note) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("insert into log_checkpoint (size, note) values (?, ?) on conflict (size) do nothing")) {
            ps.setLong(1, size);
            ps.setString(2, note);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Database.unavailable("keep a checkpoint", e);
        }
    }

    /** The checkpoint of the largest size, as published. */
    public Optional<String> latestCheckpoint() {
        return checkpoint("select note from log_checkpoint order by size desc limit 1", -1);
    }

    /** The checkpoint issued at exactly {@code size}, as published. */
    public Optional<String> checkpointAt(long size) {
        return checkpoint("select note from log_checkpoint where size = ?", size);
    }

    private Optional<String> checkpoint(String sql, long size) {
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (size >= 0) {
                ps.setLong(1, size);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Database.unavailable("read a checkpoint", e);
        }
    }
}
