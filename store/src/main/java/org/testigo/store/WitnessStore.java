package org.testigo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The witnesses the deployment trusts and the cosignatures they sent. The store keeps text; checking a
 * cosignature belongs to the ledger and the transparency log.
 */
public final class WitnessStore {

    /** A trusted witness: its name and its verifier key as published. */
    public record TrustedWitness(String name, String verifierKey, Instant addedAt) {
    }

    /** A kept cosignature of the checkpoint of {@code size}. */
    public record StoredCosignature(long size, String witness, String signatureLine, Instant cosignedAt, Instant receivedAt) {
    }

    private final Database database;

    public WitnessStore(Database database) {
        this.database = database;
    }

    /** Trusts a witness; returns false when it was trusted already. */
    public boolean trust(String name, String verifierKey) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("insert into log_witness (verifier_key, name) values (?, ?) on conflict do nothing")) {
            ps.setString(1, verifierKey);
            ps.setString(2, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Database.unavailable("trust a witness", e);
        }
    }

    public List<TrustedWitness> trusted() {
        List<TrustedWitness> out = new ArrayList<>();
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select name, verifier_key, added_at from log_witness order by added_at, verifier_key");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TrustedWitness(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
            }
        } catch (SQLException e) {
            throw Database.unavailable("read the trusted witnesses", e);
        }
        return out;
    }

    /** Keeps a cosignature; returns false when this witness's cosignature of that size was kept already. */
    public boolean save(long size, String witness, String signatureLine, Instant cosignedAt) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("insert into log_cosignature (size, witness, signature_line, cosigned_at) values (?, ?, ?, ?)"
                     + " on conflict (size, witness) do nothing")) {
            ps.setLong(1, size);
            ps.setString(2, witness);
            ps.setString(3, signatureLine);
            ps.setTimestamp(4, Timestamp.from(cosignedAt));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Database.unavailable("keep a cosignature", e);
        }
    }

    /** The cosignatures kept for the checkpoint of {@code size}, in the order they arrived. */
    public List<StoredCosignature> cosignatures(long size) {
        List<StoredCosignature> out = new ArrayList<>();
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select size, witness, signature_line, cosigned_at, received_at from log_cosignature"
                     + " where size = ? order by received_at, witness")) {
            ps.setLong(1, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredCosignature(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw Database.unavailable("read cosignatures", e);
        }
        return out;
    }
}
