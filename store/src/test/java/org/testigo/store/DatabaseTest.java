package org.testigo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Opening a server database: migrations, and the errors a person must be able to act on. */
class DatabaseTest {

    @Test
    void appliesTheMigrationsOnOpen() throws SQLException {
        try (Database db = TestPostgres.open(); Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = 'public'"
                    + " and table_name <> 'flyway_schema_history' order by table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).containsExactly("assignment", "blob", "deployment_setting", "desk_entry", "desk_lease", "desk_task", "election",
                    "evidence", "geo_node", "image_submission", "incident_note", "log_checkpoint", "log_cosignature", "log_entry", "log_witness",
                    "polling_table", "quick_count_sample", "token");
            List<String> applied = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select version, success from flyway_schema_history where version is not null"
                    + " order by installed_rank")) {
                while (rs.next()) {
                    assertThat(rs.getBoolean(2)).as("migration " + rs.getString(1)).isTrue();
                    applied.add(rs.getString(1));
                }
            }
            assertThat(applied).containsExactly("1", "2", "3", "4", "5", "6", "7", "10");
        }
    }

    @Test
    void refusesToMigrateADatabaseHoldingAnElectionOfSchemaVersion1() throws SQLException {
        DatabaseConfig.Server config = TestPostgres.freshDatabase();
        Flyway v1 = Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration").target("1").load();
        v1.migrate();
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement s = c.createStatement()) {
            s.execute("insert into election (id, name, manifest, fingerprint) values ('ve-2024', 'Elección', '{\"manifest\": 1}',"
                    + " sha256(''))");
        }

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("this database holds election 've-2024' saved by a Testigo of schema version 1")
                .hasMessageContaining("load the election package into a new database or data directory")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.SCHEMA_MISMATCH);
        // Refused, not half-done: still schema 1, the row as it was.
        assertThat(v1.info().current().getVersion().getVersion()).isEqualTo("1");
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, manifest::text from election")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ve-2024");
            assertThat(rs.getString(2)).isEqualTo("{\"manifest\": 1}");
        }
    }

    @Test
    void opensAnAlreadyMigratedDatabaseAgain() {
        DatabaseConfig.Server config = TestPostgres.freshDatabase();
        try (Database first = Database.open(config)) {
            new TokenStore(first).create(Role.ADMIN, "first");
        }
        try (Database again = Database.open(config)) {
            assertThat(new TokenStore(again).list()).extracting(IssuedToken::name).containsExactly("first");
        }
    }

    @Test
    void describesAServerByVersionAndAddress() {
        DatabaseConfig.Server config = TestPostgres.freshDatabase();
        try (Database db = Database.open(config)) {
            assertThat(db.describe()).isEqualTo("PostgreSQL 17.7 at localhost:" + TestPostgres.port() + "/" + config.database());
        }
    }

    @Test
    void saysNothingAnswersWhenThePortIsClosed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "postgresql://testigo:secret@127.0.0.1:" + port + "/evidence";
        assertThatThrownBy(() -> Database.open(DatabaseConfig.server(url)))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot reach PostgreSQL at 127.0.0.1:" + port
                        + ": nothing accepts connections there (is the server running, and is the host and port right?)")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.UNREACHABLE);
    }

    @Test
    void saysThePasswordIsWrong() {
        String url = "postgresql://" + TestPostgres.PASSWORD_USER + ":wrong@127.0.0.1:" + TestPostgres.port() + "/postgres";
        assertThatThrownBy(() -> Database.open(DatabaseConfig.server(url)))
                .isInstanceOf(StoreException.class)
                .hasMessage("PostgreSQL at 127.0.0.1:" + TestPostgres.port() + " refused the password of user '"
                        + TestPostgres.PASSWORD_USER + "': check the password in the database URL")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void connectsWithTheRightPassword() {
        DatabaseConfig.Server fresh = TestPostgres.freshDatabase();
        String url = "postgresql://" + TestPostgres.PASSWORD_USER + ":" + TestPostgres.PASSWORD + "@127.0.0.1:" + TestPostgres.port()
                + "/" + fresh.database();
        try (Database db = Database.open(DatabaseConfig.server(url))) {
            assertThat(new EvidenceStoreProbe(db).count()).isZero();
        }
    }

    @Test
    void saysTheDatabaseDoesNotExist() {
        DatabaseConfig.Server missing = new DatabaseConfig.Server("localhost", TestPostgres.port(), "no_such_db", "postgres", "", Map.of());
        assertThatThrownBy(() -> Database.open(missing))
                .isInstanceOf(StoreException.class)
                .hasMessage("PostgreSQL at localhost:" + TestPostgres.port()
                        + " has no database 'no_such_db': create it (createdb no_such_db) or fix the URL")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.NO_SUCH_DATABASE);
    }

    @Test
    void refusesADatabaseMigratedByANewerTestigo() throws SQLException {
        DatabaseConfig.Server config = TestPostgres.freshDatabase();
        try (Database db = Database.open(config); Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,"
                    + " execution_time, success) values (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', 0, true)");
        }
        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot bring the schema of localhost:" + TestPostgres.port() + "/" + config.database() + " up to date")
                .hasMessageContaining("99")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.SCHEMA_MISMATCH);
    }

    @Test
    void refusesUseAfterClose() {
        Database db = TestPostgres.open();
        db.close();
        assertThatThrownBy(db::dataSource).isInstanceOf(StoreException.class).hasMessageContaining("is closed");
    }

    /** The smallest use of a database: counting evidence. */
    private record EvidenceStoreProbe(Database db) {
        long count() {
            try (EvidenceStore store = new EvidenceStore(db)) {
                return store.count();
            }
        }
    }
}
