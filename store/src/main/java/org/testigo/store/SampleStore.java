package org.testigo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The quick-count sample the deployment committed to (schema version 7): its document, kept as drawn,
 * and the turnout times. The store keeps bytes; what they mean belongs to the analysis module.
 */
public final class SampleStore {

    /**
     * @param document the committed sample document, exactly
     * @param commitment its SHA-256 in lowercase hex, as the database computed it
     * @param turnoutTimes HH:MM times separated by commas
     * @param revealedAt when the seed and list were published, or null
     */
    public record StoredSample(byte[] document, String commitment, String turnoutTimes, Instant drawnAt, Instant revealedAt) {
        public StoredSample {
            document = document.clone();
        }

        @Override
        public byte[] document() {
            return document.clone();
        }
    }

    /** What {@link #commit} did. */
    public enum Committed { NEW, UNCHANGED }

    private final Database database;

    public SampleStore(Database database) {
        this.database = database;
    }

    /**
     * Keeps a sample. The same document again changes nothing; another one is refused, since a
     * committed sample must never change.
     *
     * @throws IllegalStateException when a different sample (or other turnout times) is committed already
     */
    public Committed commit(byte[] document, String turnoutTimes) {
        Optional<StoredSample> before = load();
        if (before.isPresent()) {
            if (Arrays.equals(before.get().document(), document) && before.get().turnoutTimes().equals(turnoutTimes)) {
                return Committed.UNCHANGED;
            }
            throw new IllegalStateException("a different quick-count sample is committed already (commitment "
                    + before.get().commitment() + "); a committed sample never changes");
        }
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("insert into quick_count_sample (document, turnout_times) values (?, ?)")) {
            ps.setBytes(1, document);
            ps.setString(2, turnoutTimes);
            ps.executeUpdate();
            return Committed.NEW;
        } catch (SQLException e) {
            throw Database.unavailable("commit the quick-count sample", e);
        }
    }

    public Optional<StoredSample> load() {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement(
                     "select document, commitment, turnout_times, drawn_at, revealed_at from quick_count_sample where id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Timestamp revealed = rs.getTimestamp(5);
            return Optional.of(new StoredSample(rs.getBytes(1), HexFormat.of().formatHex(rs.getBytes(2)), rs.getString(3),
                    rs.getTimestamp(4).toInstant(), revealed == null ? null : revealed.toInstant()));
        } catch (SQLException e) {
            throw Database.unavailable("read the quick-count sample", e);
        }
    }

    /** Marks the sample as published; returns when it was (the first time, if it was already). */
    public Instant reveal(Instant at) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement(
                     "update quick_count_sample set revealed_at = coalesce(revealed_at, ?) where id = 1 returning revealed_at")) {
            ps.setTimestamp(1, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no quick-count sample has been drawn");
                }
                return rs.getTimestamp(1).toInstant();
            }
        } catch (SQLException e) {
            throw Database.unavailable("reveal the quick-count sample", e);
        }
    }
}
