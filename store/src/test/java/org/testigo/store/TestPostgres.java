package org.testigo.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM, started on first use in a temporary directory and stopped
 * (and deleted) when the JVM exits, handing out a fresh database per call so that test classes never
 * see each other's rows. Other modules' tests reuse it through this module's test-jar:
 *
 * <pre>{@code
 * try (Database db = TestPostgres.open()) { … }
 * }</pre>
 *
 * <p>These databases are disposable, so this server runs with fsync off; the embedded server that
 * {@link Database#open} starts for a data directory keeps PostgreSQL's durable defaults.
 *
 * <p>The server trusts local connections, except for {@link #PASSWORD_USER}, which must give
 * {@link #PASSWORD}: tests of authentication failures use it.
 */
public final class TestPostgres {
    public static final String PASSWORD_USER = "password_user";
    public static final String PASSWORD = "right-password";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database (named {@code t_<n>}) on the shared test server. */
    public static DatabaseConfig.Server freshDatabase() {
        String name = "t_" + DATABASES.incrementAndGet();
        try (Connection c = superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new DatabaseConfig.Server("localhost", port(), name, EmbeddedCluster.SUPERUSER, "", Map.of());
    }

    /** A fresh database, opened and migrated; close it when done. */
    public static Database open() {
        return Database.open(freshDatabase());
    }

    /** The test server's port. */
    public static int port() {
        return server().getPort();
    }

    /** The test server's {@code postgres} database as its superuser, for tests that set up roles. */
    public static DataSource superuser() {
        return server().getPostgresDatabase();
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // <tmp>/testigo-test-pg…/{data,postgres.log}: the library deletes data at exit, we delete the rest.
                Path dir = Files.createTempDirectory("testigo-test-pg");
                Path log = dir.resolve("postgres.log");
                dir.toFile().deleteOnExit();
                log.toFile().deleteOnExit();
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.resolve("data"))
                        .setCleanDataDirectory(true) // deleted by the library's shutdown hook
                        .setServerConfig("fsync", "off")
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("shared_buffers", "128MB")
                        .setLocaleConfig("locale", "C")
                        .setDataDirectoryCustomizer(TestPostgres::requirePasswordForPasswordUser)
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("create role " + PASSWORD_USER + " login superuser password '" + PASSWORD + "'");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL", e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot set up the test PostgreSQL", e);
            }
        }
        return server;
    }

    private static void requirePasswordForPasswordUser(java.io.File dataDir) {
        Path hba = dataDir.toPath().resolve("pg_hba.conf");
        try {
            String rules = "host all " + PASSWORD_USER + " 127.0.0.1/32 scram-sha-256\n"
                    + "host all " + PASSWORD_USER + " ::1/128 scram-sha-256\n";
            String existing = Files.readString(hba, StandardCharsets.UTF_8);
            Files.writeString(hba, rules + existing, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + hba, e);
        }
    }
}
