package org.testigo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Which witness token watches which table (schema version 10). A witness is named by their token's
 * number only: the pseudonymous id {@code witness-<n>} that evidence is recorded under.
 */
public final class AssignmentStore {
    /** One assignment. */
    public record Assignment(String table, long witness, Instant assignedAt) {
    }

    /** What {@link #add} did. */
    public enum Added { NEW, EXISTED, NOT_A_WITNESS }

    private final Database database;

    public AssignmentStore(Database database) {
        this.database = database;
    }

    /** Assigns a table to a witness token; refused when the token is not an active witness token. */
    public Added add(String table, long witness) {
        try (Connection c = database.connection()) {
            return add(c, table, witness);
        } catch (SQLException e) {
            throw Database.unavailable("assign table " + table, e);
        }
    }

    /**
     * Assigns every pair in one transaction: all or nothing. Returns how many were new.
     *
     * @throws IllegalArgumentException naming the first pair whose token is not an active witness token
     */
    public int addAll(List<Assignment> assignments) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                int added = 0;
                for (Assignment a : assignments) {
                    Added r = add(c, a.table(), a.witness());
                    if (r == Added.NOT_A_WITNESS) {
                        throw new IllegalArgumentException("token " + a.witness() + " is not an active witness token");
                    }
                    added += r == Added.NEW ? 1 : 0;
                }
                c.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Database.unavailable("import " + assignments.size() + " assignments", e);
        }
    }

    private static Added add(Connection c, String table, long witness) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from token where id = ? and role = 'witness' and revoked_at is null")) {
            ps.setLong(1, witness);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Added.NOT_A_WITNESS;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into assignment (table_id, witness) values (?, ?) on conflict do nothing")) {
            ps.setString(1, table);
            ps.setLong(2, witness);
            return ps.executeUpdate() == 1 ? Added.NEW : Added.EXISTED;
        }
    }

    /** Removes an assignment; true when there was one. */
    public boolean remove(String table, long witness) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("delete from assignment where table_id = ? and witness = ?")) {
            ps.setString(1, table);
            ps.setLong(2, witness);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Database.unavailable("remove an assignment", e);
        }
    }

    /** Every assignment, by table then witness. */
    public List<Assignment> all() {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select table_id, witness, assigned_at from assignment order by table_id, witness");
             ResultSet rs = ps.executeQuery()) {
            List<Assignment> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Assignment(rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
            }
            return out;
        } catch (SQLException e) {
            throw Database.unavailable("read the assignments", e);
        }
    }
}
