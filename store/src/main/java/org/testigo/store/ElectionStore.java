package org.testigo.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.election.pkg.ElectionPackage;
import org.testigo.election.pkg.PackageException;

/**
 * The one election a database counts: saved once from its package, loaded at every start.
 *
 * <p>The geography goes into {@code geo_node} and {@code polling_table} with COPY (a million tables
 * load in seconds); the rest of the election is kept as the package itself says it: the text of its
 * {@code election.json} and {@code official.csv} ({@link ElectionPackage#describe}), read back with the
 * package's own reader. So the store holds only elections an election package can carry, and what it
 * holds can always be written out as one.
 */
public final class ElectionStore {

    /** What {@link #save} did. */
    public enum Saved {
        /** The database held no election; now it holds this one. */
        CREATED,
        /** The database already held exactly this election. */
        UNCHANGED,
        /** The database held an earlier version of this election (same id), now replaced. */
        REFRESHED
    }

    private static final int FETCH_SIZE = 10_000;

    private final Database database;

    public ElectionStore(Database database) {
        this.database = database;
    }

    /**
     * Saves the election in one transaction. Evidence already stored is untouched: it refers to tables
     * by id, and a refreshed package keeps its table ids.
     *
     * @throws DatabaseHoldsAnotherElection when the database holds an election with another id
     * @throws StoreException when the database cannot be used
     * @throws IllegalArgumentException when the election holds something an election package cannot
     *     carry ({@link ElectionPackage#describe}); nothing is written then
     */
    public Saved save(Election election) {
        ElectionPackage.Description description = ElectionPackage.describe(election);
        byte[] fingerprint = fingerprint(description, election.geography());
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                Saved saved = save(c, election, description, fingerprint);
                c.commit();
                return saved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Database.unavailable("save election " + election.id(), e);
        }
    }

    private Saved save(Connection c, Election election, ElectionPackage.Description description, byte[] fingerprint)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            // Two processes saving at once take turns, so only one of them loads the geography.
            s.execute("lock table election in exclusive mode");
        }
        Saved saved;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, name, fingerprint from election")) {
            if (rs.next()) {
                if (!rs.getString(1).equals(election.id())) {
                    throw new DatabaseHoldsAnotherElection(rs.getString(1), rs.getString(2), election.id());
                }
                if (Arrays.equals(rs.getBytes(3), fingerprint)) {
                    return Saved.UNCHANGED;
                }
                saved = Saved.REFRESHED;
            } else {
                saved = Saved.CREATED;
            }
        }
        if (saved == Saved.REFRESHED) {
            try (PreparedStatement ps = c.prepareStatement(
                    "update election set name = ?, manifest = ?, official = ?, fingerprint = ?, loaded_at = now(), geometry = null")) {
                ps.setString(1, election.name());
                ps.setString(2, description.manifest());
                ps.setString(3, description.official());
                ps.setBytes(4, fingerprint);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into election (id, name, manifest, official, fingerprint) values (?, ?, ?, ?, ?)")) {
                ps.setString(1, election.id());
                ps.setString(2, election.name());
                ps.setString(3, description.manifest());
                ps.setString(4, description.official());
                ps.setBytes(5, fingerprint);
                ps.executeUpdate();
            }
        }
        copyGeography(c, election.geography());
        return saved;
    }

    /**
     * Replaces the geography: without its constraints, COPY, then the constraints back, checked once
     * over the whole tables (see the schema). All inside the caller's transaction, so a geography the
     * constraints refuse leaves the previous one in place.
     */
    private static void copyGeography(Connection c, Geography geography) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("truncate polling_table, geo_node");
            s.execute("alter table polling_table drop constraint polling_table_node_fk,"
                    + " drop constraint polling_table_pk, drop constraint polling_table_position_unique");
            s.execute("alter table geo_node drop constraint geo_node_parent_fk,"
                    + " drop constraint geo_node_pk, drop constraint geo_node_position_unique");
        }
        copyRows(c, geography);
        try (Statement s = c.createStatement()) {
            s.execute("alter table geo_node add constraint geo_node_pk primary key (code),"
                    + " add constraint geo_node_position_unique unique (position),"
                    + " add constraint geo_node_parent_fk foreign key (parent) references geo_node (code)");
            s.execute("alter table polling_table add constraint polling_table_pk primary key (table_id),"
                    + " add constraint polling_table_position_unique unique (position),"
                    + " add constraint polling_table_node_fk foreign key (node) references geo_node (code)");
        }
    }

    private static void copyRows(Connection c, Geography geography) throws SQLException {
        try (CopyRows rows = CopyRows.open(c, "copy geo_node (code, parent, level, name, position) from stdin (format csv)")) {
            List<GeoNode> nodes = geography.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                GeoNode n = nodes.get(i);
                rows.text(n.code()).nullableText(n.parent().equals(GeoNode.NATION) ? null : n.parent()).number(n.level())
                        .text(n.name()).number(i);
                rows.endRow();
            }
            rows.finish();
        }
        try (CopyRows rows = CopyRows.open(c, "copy polling_table (table_id, node, registered, position) from stdin (format csv)")) {
            List<PollingTable> tables = geography.tables();
            for (int i = 0; i < tables.size(); i++) {
                PollingTable t = tables.get(i);
                rows.text(t.id().value()).text(t.node())
                        .nullableNumber(t.registered() == PollingTable.UNKNOWN ? null : (long) t.registered()).number(i);
                rows.endRow();
            }
            rows.finish();
        }
    }

    /**
     * The election the database holds, rebuilt in full (geography in its original order, tables,
     * ballot, official bulletins, format options), or empty when none was saved.
     */
    public Optional<Election> load() {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false); // one snapshot, and cursors that fetch in steps
            c.setReadOnly(true);
            try {
                Optional<Election> election = load(c);
                c.commit();
                return election;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Database.unavailable("load the election", e);
        }
    }

    private static Optional<Election> load(Connection c) throws SQLException {
        ElectionPackage.Description description;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select manifest, official from election")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            description = new ElectionPackage.Description(rs.getString(1), rs.getString(2));
        }
        List<GeoNode> nodes = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = s.executeQuery("select code, parent, level, name from geo_node order by position")) {
                while (rs.next()) {
                    String parent = rs.getString(2);
                    nodes.add(new GeoNode(rs.getString(1), parent == null ? GeoNode.NATION : parent, rs.getInt(3), rs.getString(4)));
                }
            }
        }
        List<PollingTable> tables = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = s.executeQuery("select table_id, node, registered from polling_table order by position")) {
                while (rs.next()) {
                    int registered = rs.getInt(3);
                    boolean unknown = rs.wasNull(); // wasNull speaks of the last column read: ask before reading others
                    tables.add(new PollingTable(new TableId(rs.getString(1)), rs.getString(2), unknown ? PollingTable.UNKNOWN : registered));
                }
            }
        }
        try {
            return Optional.of(ElectionPackage.read(description, nodes, tables));
        } catch (PackageException e) {
            // save() wrote it with the package's writer: only a bug or a hand-edited row gets here.
            throw new IllegalStateException("the election stored in " + c.getCatalog() + " does not read back: " + e.getMessage(), e);
        }
    }

    /**
     * Keeps the shapes of the stored election's places (the package's {@code geometry.geojson}), replacing
     * any kept before.
     *
     * @throws IllegalStateException when the database holds no election, or another one than {@code election}
     * @throws IllegalArgumentException when a shape names a place the election does not have
     */
    public void saveGeometry(Election election, org.testigo.election.Geometry geometry) {
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            org.testigo.election.pkg.GeometryFile.write(geometry, election.geography(), text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a StringWriter cannot fail", e);
        }
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement("update election set geometry = ? where id = ?")) {
            ps.setString(1, text.toString());
            ps.setString(2, election.id());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("the database holds no election " + election.id() + " to keep the shapes of");
            }
        } catch (SQLException e) {
            throw Database.unavailable("save the geometry of election " + election.id(), e);
        }
    }

    /** The shapes kept for the stored election (read back with the package's reader), or empty when it has none. */
    public Optional<org.testigo.election.Geometry> loadGeometry(Election election) {
        String text;
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement("select geometry from election where id = ?")) {
            ps.setString(1, election.id());
            try (ResultSet rs = ps.executeQuery()) {
                text = rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw Database.unavailable("load the geometry of election " + election.id(), e);
        }
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(org.testigo.election.pkg.GeometryFile.read(text.getBytes(StandardCharsets.UTF_8), election.geography()));
        } catch (PackageException e) {
            // saveGeometry wrote it with the package's writer: only a bug or a hand-edited row gets here.
            throw new IllegalStateException("the geometry stored for " + election.id() + " does not read back: " + e.getMessage(), e);
        }
    }

    /**
     * SHA-256 over the description ({@code election.json}, {@code official.csv}) and every node and
     * table in order, each field length-prefixed.
     */
    static byte[] fingerprint(ElectionPackage.Description description, Geography geography) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        ByteBuffer len = ByteBuffer.allocate(4);
        field(d, len, description.manifest());
        field(d, len, description.official());
        for (GeoNode n : geography.nodes()) {
            field(d, len, n.code());
            field(d, len, n.parent());
            field(d, len, Integer.toString(n.level()));
            field(d, len, n.name());
        }
        field(d, len, "tables");
        for (PollingTable t : geography.tables()) {
            field(d, len, t.id().value());
            field(d, len, t.node());
            field(d, len, Integer.toString(t.registered()));
        }
        return d.digest();
    }

    private static void field(MessageDigest d, ByteBuffer len, String s) {
        field(d, len, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest d, ByteBuffer len, byte[] bytes) {
        len.clear();
        len.putInt(bytes.length);
        d.update(len.array());
        d.update(bytes);
    }
}
