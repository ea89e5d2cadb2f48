package org.testigo.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.util.PSQLException;

/**
 * An open evidence-store database: a connection pool to PostgreSQL whose schema is up to date.
 *
 * <p>{@link #open} starts or joins the embedded PostgreSQL of a data directory, or connects to a
 * server, then applies the migrations in {@code db/migration}. Every problem a person can fix (a data
 * directory that cannot be written, a server that does not answer, a wrong password, a missing
 * database, a schema from a newer Testigo) is a {@link StoreException} whose message says so.
 */
public final class Database implements AutoCloseable {

    /** Every connection of this JVM carries it, so the embedded server can tell its other clients apart. */
    static final String APPLICATION_NAME = "testigo-" + ProcessHandle.current().pid();
    /** The database the embedded cluster keeps Testigo's tables in. */
    static final String EMBEDDED_DATABASE = "testigo";
    private static final int POOL_SIZE = 16;

    private final DatabaseConfig config;
    private final HikariDataSource pool;
    private final EmbeddedCluster cluster;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(DatabaseConfig config, HikariDataSource pool, EmbeddedCluster cluster, String description) {
        this.config = config;
        this.pool = pool;
        this.cluster = cluster;
        this.description = description;
    }

    /**
     * Opens the database and brings its schema up to date.
     *
     * @throws StoreException saying what to fix
     */
    public static Database open(DatabaseConfig config) {
        return switch (config) {
            case DatabaseConfig.Embedded embedded -> openEmbedded(embedded);
            case DatabaseConfig.Server server -> openServer(config, new Target(server.jdbcUrl(), server.host() + ":" + server.port(),
                    server.database(), server.user(), server.password(), server.parameters()), null);
        };
    }

    private static Database openEmbedded(DatabaseConfig.Embedded config) {
        EmbeddedCluster cluster = EmbeddedCluster.acquire(config.dataDir());
        try {
            createEmbeddedDatabase(cluster);
            Target target = new Target(cluster.jdbcUrl(EMBEDDED_DATABASE), "localhost:" + cluster.port(), EMBEDDED_DATABASE,
                    EmbeddedCluster.SUPERUSER, "", Map.of());
            return openServer(config, target, cluster);
        } catch (RuntimeException e) {
            cluster.release();
            throw e;
        }
    }

    private static void createEmbeddedDatabase(EmbeddedCluster cluster) {
        try (Connection c = EmbeddedCluster.connect(cluster.port(), "postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + EMBEDDED_DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + EMBEDDED_DATABASE);
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another process: fine
                throw new StoreException(StoreException.Reason.EMBEDDED_FAILED, "cannot create the database '" + EMBEDDED_DATABASE
                        + "' in the embedded PostgreSQL in " + cluster.clusterDir() + ": " + e.getMessage(), e);
            }
        }
    }

    private static Database openServer(DatabaseConfig config, Target target, EmbeddedCluster cluster) {
        String version = probe(target);
        HikariDataSource pool = pool(target);
        try {
            migrate(pool, target);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        String description = cluster == null
                ? "PostgreSQL " + version + " at " + target.where() + "/" + target.database()
                : "embedded PostgreSQL " + version + " in " + cluster.clusterDir() + " on port " + cluster.port()
                        + (cluster.sharedWithAnotherProcess() ? " (started by another process)" : "");
        return new Database(config, pool, cluster, description);
    }

    /** Connects once, outside the pool, to turn a failure into a message a person can act on. */
    private static String probe(Target target) {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.properties(10));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw explain(e, target);
        }
    }

    private static StoreException explain(SQLException e, Target target) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String user = target.user().isEmpty() ? "the default user" : "user '" + target.user() + "'";
        Throwable cause = e.getCause();
        if (state.equals("28P01")) {
            return new StoreException(StoreException.Reason.AUTHENTICATION_FAILED, "PostgreSQL at " + target.where()
                    + " refused the password of " + user + ": check the password in the database URL", e);
        }
        if (state.startsWith("28")) {
            return new StoreException(StoreException.Reason.AUTHENTICATION_FAILED, "PostgreSQL at " + target.where()
                    + " does not let " + user + " in: " + serverMessage(e), e);
        }
        if (state.equals("3D000")) {
            return new StoreException(StoreException.Reason.NO_SUCH_DATABASE, "PostgreSQL at " + target.where()
                    + " has no database '" + target.database() + "': create it (createdb " + target.database() + ") or fix the URL", e);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new StoreException(StoreException.Reason.UNREACHABLE, "cannot reach PostgreSQL at " + target.where()
                    + ": nothing accepts connections there (is the server running, and is the host and port right?)", e);
        }
        if (cause instanceof UnknownHostException) {
            return new StoreException(StoreException.Reason.UNREACHABLE, "cannot reach PostgreSQL at " + target.where()
                    + ": unknown host", e);
        }
        if (cause instanceof SocketTimeoutException) {
            return new StoreException(StoreException.Reason.UNREACHABLE, "cannot reach PostgreSQL at " + target.where()
                    + ": no answer within 10 seconds", e);
        }
        return new StoreException(StoreException.Reason.UNREACHABLE, "cannot connect to PostgreSQL at " + target.where() + ": "
                + serverMessage(e), e);
    }

    private static String serverMessage(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        return e.getMessage();
    }

    private static HikariDataSource pool(Target target) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("testigo-" + target.database());
        hc.setJdbcUrl(target.jdbcUrl());
        hc.setDataSourceProperties(target.properties(30));
        hc.setMaximumPoolSize(POOL_SIZE);
        hc.setMinimumIdle(2);
        hc.setConnectionTimeout(15_000);
        // Whatever the server's default, our commits wait for the WAL flush: an acknowledged
        // submission must survive a crash.
        hc.setConnectionInitSql("set synchronous_commit = on");
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw explain(sql, target);
            }
            throw new StoreException(StoreException.Reason.UNREACHABLE, "cannot open a connection pool to PostgreSQL at "
                    + target.where() + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource pool, Target target) {
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    // A database migrated by a newer Testigo must be refused, not half-understood.
                    .ignoreMigrationPatterns("")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException(StoreException.Reason.SCHEMA_MISMATCH, "cannot bring the schema of " + target.where() + "/"
                    + target.database() + " up to date: " + e.getMessage().strip(), e);
        }
    }

    /** Pooled connections; each commit is durable (synchronous_commit is on for every connection). */
    public DataSource dataSource() {
        requireOpen();
        return pool;
    }

    /** What this database is, for people: e.g. "embedded PostgreSQL 17.7 in /srv/testigo/postgres on port 54321". */
    public String describe() {
        return description;
    }

    public DatabaseConfig config() {
        return config;
    }

    /** A pooled connection; a failure to get one is a {@link StoreException} ({@link StoreException.Reason#UNAVAILABLE}). */
    Connection connection() {
        requireOpen();
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw unavailable("get a database connection", e);
        }
    }

    static StoreException unavailable(String doing, SQLException e) {
        return new StoreException(StoreException.Reason.UNAVAILABLE, "could not " + doing + ": " + e.getMessage(), e);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new StoreException(StoreException.Reason.CLOSED, "the database " + description + " is closed");
        }
    }

    /** Closes the pool; the embedded PostgreSQL stops when its last user in this process is gone (see {@link EmbeddedCluster}). */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        pool.close();
        if (cluster != null) {
            cluster.release();
        }
    }

    @Override
    public String toString() {
        return description;
    }

    /** Where to connect, whichever way the configuration said it. */
    private record Target(String jdbcUrl, String where, String database, String user, String password, Map<String, String> parameters) {
        Properties properties(int connectTimeoutSeconds) {
            Properties p = new Properties();
            parameters.forEach(p::setProperty);
            if (!user.isEmpty()) {
                p.setProperty("user", user);
            }
            if (!password.isEmpty()) {
                p.setProperty("password", password);
            }
            p.setProperty("ApplicationName", APPLICATION_NAME);
            p.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
            p.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
            return p;
        }
    }
}
