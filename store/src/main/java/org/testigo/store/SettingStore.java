package org.testigo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Deployment settings changed at run time (schema version 10), by name. */
public final class SettingStore {
    private final Database database;

    public SettingStore(Database database) {
        this.database = database;
    }

    public Optional<String> get(String name) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select value from deployment_setting where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Database.unavailable("read setting " + name, e);
        }
    }

    /** @param by the pseudonymous id of who changed it */
    public void put(String name, String value, String by) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("insert into deployment_setting (name, value, updated_by) values (?, ?, ?)"
                     + " on conflict (name) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.setString(3, by);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Database.unavailable("change setting " + name, e);
        }
    }
}
