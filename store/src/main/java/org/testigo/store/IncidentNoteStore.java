package org.testigo.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The private free text of incident reports (schema version 10). The incident is evidence whose content
 * names the text only by a salted SHA-256 ({@link #commit}), so the public log proves the text existed
 * and never changed, while the text itself, which may name people, stays with the command centre.
 */
public final class IncidentNoteStore {
    private final Database database;
    private final SecureRandom random = new SecureRandom();

    public IncidentNoteStore(Database database) {
        this.database = database;
    }

    /** Keeps a text under a fresh salt; returns its commitment, SHA-256(salt ‖ UTF-8 text), as lowercase hex. */
    public String commit(String text) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] salted = new byte[salt.length + bytes.length];
        System.arraycopy(salt, 0, salted, 0, salt.length);
        System.arraycopy(bytes, 0, salted, salt.length, bytes.length);
        byte[] commitment = EvidenceRows.sha256(salted);
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("insert into incident_note (commitment, salt, text) values (?, ?, ?)")) {
            ps.setBytes(1, commitment);
            ps.setBytes(2, salt);
            ps.setString(3, text);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Database.unavailable("keep an incident's text", e);
        }
        return EvidenceRows.HEX.formatHex(commitment);
    }

    /** The text a commitment names, if this deployment holds it. */
    public Optional<String> text(String commitmentHex) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select text from incident_note where commitment = ?")) {
            ps.setBytes(1, EvidenceRows.HEX.parseHex(commitmentHex));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Database.unavailable("read an incident's text", e);
        }
    }
}
