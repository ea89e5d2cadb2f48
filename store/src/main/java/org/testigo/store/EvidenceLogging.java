package org.testigo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.testigo.ledger.LogEntry;

/**
 * Writes the transparency-log entry of each new piece of evidence, inside the transaction that stores
 * the evidence (the database refuses a commit that leaves evidence unlogged), at the log's tail
 * ({@link LogStore#lockTail}).
 */
final class EvidenceLogging {

    /** What the log records of a new evidence row. */
    record NewEvidence(long id, byte[] sha256, String channel, String submitter, String format, String mediaType, String table,
            String verdict, Instant receivedAt) {

        static NewEvidence of(long id, byte[] sha256, EvidenceDraft d) {
            return new NewEvidence(id, sha256, d.channel().name(), d.submitter(), d.format(), d.mediaType(), d.tally().table().value(),
                    d.verification().signature().name(), d.receivedAt());
        }

        byte[] entry() {
            return new LogEntry.EvidenceRecorded(id, sha256, channel, submitter, format, mediaType, table, verdict, receivedAt).bytes();
        }
    }

    private EvidenceLogging() {
    }

    /** Where an evidence row's entry is in the log, and the entry itself. */
    record Logged(long position, byte[] entry) {
    }

    /** Appends one entry per row, in evidence-id order; returns evidence id → its entry. */
    static Map<Long, Logged> append(Connection c, List<NewEvidence> rows) throws SQLException {
        Map<Long, Logged> positions = new HashMap<>();
        if (rows.isEmpty()) {
            return positions;
        }
        long next = LogStore.lockTail(c);
        List<NewEvidence> ordered = rows.stream().sorted(Comparator.comparingLong(NewEvidence::id)).toList();
        try (CopyRows copy = CopyRows.open(c, "copy log_entry (position, entry, evidence_id) from stdin (format csv)")) {
            for (NewEvidence row : ordered) {
                byte[] entry = row.entry();
                copy.number(next).bytes(entry).number(row.id());
                copy.endRow();
                positions.put(row.id(), new Logged(next++, entry));
            }
            copy.finish();
        }
        return positions;
    }

    /** The log entries of evidence already stored (a retry's first copy). */
    static Map<Long, Logged> positionsOf(Connection c, Collection<Long> evidenceIds) throws SQLException {
        Map<Long, Logged> positions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select evidence_id, position, entry from log_entry where evidence_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", evidenceIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    positions.put(rs.getLong(1), new Logged(rs.getLong(2), rs.getBytes(3)));
                }
            }
        }
        return positions;
    }
}
