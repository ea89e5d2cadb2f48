package org.testigo.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL cluster of one data directory, shared by every process that opens it.
 *
 * <p>Whoever opens the directory first starts PostgreSQL (the zonky binaries, extracted once into
 * {@code <dataDir>/postgres-bin}); a second process opening it meanwhile finds the running postmaster
 * through {@code postmaster.pid} and connects to it instead of starting another. Within one JVM, opens
 * of the same directory share one instance and count references.
 *
 * <p>Who stops PostgreSQL: the process that holds the cluster's {@code epg-lock} file lock (the
 * embedding library takes it when it starts the server; the OS drops it when that process dies). When
 * the last user in that process closes, it stops PostgreSQL, unless other clients are still connected,
 * in which case it leaves the server running for them. A process that finds a postmaster whose owner
 * died (a {@code kill -9} of the Java process leaves PostgreSQL running) takes the lock over and becomes
 * the owner. A {@code postmaster.pid} left by a crashed PostgreSQL is left for PostgreSQL to handle (it
 * checks the pid and its shared memory, then replays its WAL), except when the pid now belongs to an
 * unrelated process, which PostgreSQL would take for a live server: that file is moved aside.
 */
final class EmbeddedCluster {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);

    static final String SUPERUSER = "postgres";
    static final String EXPECTED_MAJOR = "17";
    private static final String OWNER_LOCK = "epg-lock";
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(90);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    /**
     * Server settings. Durability stays at PostgreSQL's defaults, spelled out because the embedding
     * library turns it off unless told (it passes {@code -F}, i.e. fsync=off, and synchronous_commit=off):
     * a receipt must mean the evidence is on disk. What is tuned is safe for a crash.
     */
    static final Map<String, String> SETTINGS = settings();

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fsync", "on");
        s.put("synchronous_commit", "on");
        s.put("full_page_writes", "on");
        // A small machine (2 cores, a few GB) that also runs the JVM.
        s.put("shared_buffers", "256MB");
        s.put("max_connections", "64");
        s.put("work_mem", "16MB");
        s.put("maintenance_work_mem", "256MB");
        // Fewer checkpoints: fewer full-page images in the WAL during imports. Recovery after a crash
        // replays at most max_wal_size of WAL, which takes seconds.
        s.put("max_wal_size", "2GB");
        s.put("checkpoint_timeout", "15min");
        s.put("checkpoint_completion_target", "0.9");
        // Full-page images compressed: CPU is cheaper than the disk writes it saves.
        s.put("wal_compression", "on");
        // Only asynchronous commits wait on the WAL writer; ours are synchronous, so this only makes
        // background flushing of hint-bit and bulk-load WAL a little more eager.
        s.put("wal_writer_delay", "10ms");
        // commit_delay/commit_siblings are left off: group commit happens in EvidenceStore, whose one
        // writer commits a whole batch at once, so there are never sibling commits to wait for.
        // Our queries are short; JIT compilation would cost more than it saves.
        s.put("jit", "off");
        s.put("timezone", "UTC");
        s.put("listen_addresses", "localhost");
        return Map.copyOf(s);
    }

    private enum Ownership {
        /** This JVM started PostgreSQL (through the embedding library, which holds the lock). */
        STARTED,
        /** PostgreSQL's starter died; this JVM took its lock over. */
        ADOPTED,
        /** Another live process owns PostgreSQL; this JVM only connects. */
        SHARED
    }

    private static final Map<Path, EmbeddedCluster> OPEN = new HashMap<>();
    /** Servers this JVM started and left running for other clients; the JVM still holds their lock. */
    private static final Map<Path, EmbeddedPostgres> LEFT_RUNNING = new HashMap<>();

    private final Path dataDir;
    private final Path clusterDir;
    private final int port;
    private final long postmasterPid;
    private final String version;
    private Ownership ownership;
    private EmbeddedPostgres embedded;
    private FileChannel ownerChannel;
    private FileLock ownerLock;
    private int references = 1;
    private final Thread shutdownHook;

    private EmbeddedCluster(Path dataDir, int port, long postmasterPid, Ownership ownership, EmbeddedPostgres embedded,
            FileChannel ownerChannel, FileLock ownerLock) {
        this.dataDir = dataDir;
        this.clusterDir = dataDir.resolve("postgres");
        this.port = port;
        this.postmasterPid = postmasterPid;
        this.ownership = ownership;
        this.embedded = embedded;
        this.ownerChannel = ownerChannel;
        this.ownerLock = ownerLock;
        this.version = queryVersion();
        // The embedding library's own hook would stop PostgreSQL under other processes' feet; ours
        // applies the rules above when the JVM exits without closing.
        this.shutdownHook = new Thread(this::shutDownAtExit, "testigo-postgres-" + port + "-closer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Opens (starts, joins or adopts) the cluster of {@code dataDir}; release it with {@link #release()}. */
    static EmbeddedCluster acquire(Path dataDir) {
        synchronized (OPEN) {
            Path key = dataDir.toAbsolutePath().normalize();
            EmbeddedCluster open = OPEN.get(key);
            if (open != null) {
                if (Postmaster.read(open.clusterDir).map(p -> p.pid() == open.postmasterPid && p.isRunning()).orElse(false)) {
                    open.references++;
                    return open;
                }
                LOG.warn("the embedded PostgreSQL in {} (pid {}) is gone; starting it again", open.clusterDir, open.postmasterPid);
                OPEN.remove(key);
            }
            EmbeddedCluster cluster = open(key);
            OPEN.put(key, cluster);
            return cluster;
        }
    }

    int port() {
        return port;
    }

    Path clusterDir() {
        return clusterDir;
    }

    String version() {
        return version;
    }

    long postmasterPid() {
        return postmasterPid;
    }

    boolean sharedWithAnotherProcess() {
        return ownership == Ownership.SHARED;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Drops one reference; the last one applies the stop rules (see the class comment). */
    void release() {
        synchronized (OPEN) {
            if (--references > 0) {
                return;
            }
            OPEN.remove(dataDir);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is exiting; the hook is running or will.
            }
            shutDown();
        }
    }

    private void shutDownAtExit() {
        synchronized (OPEN) {
            if (OPEN.get(dataDir) == this) {
                OPEN.remove(dataDir);
                shutDown();
            }
        }
    }

    private void shutDown() {
        if (ownership == Ownership.SHARED && !adoptOwnerLock()) {
            LOG.info("left the embedded PostgreSQL in {} running: another process started it and still runs", clusterDir);
            return;
        }
        long others = otherClients();
        if (others > 0) {
            LOG.info("left the embedded PostgreSQL in {} running for {} other connection(s)", clusterDir, others);
            if (ownership == Ownership.STARTED) {
                LEFT_RUNNING.put(clusterDir, embedded);
            } else {
                releaseOwnerLock();
            }
            return;
        }
        if (ownership == Ownership.STARTED) {
            try {
                embedded.close(); // pg_ctl stop -m fast
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not stop the embedded PostgreSQL in {}: {}", clusterDir, e.toString());
            }
            // pg_ctl returns once postmaster.pid is gone, a moment before the process itself.
            waitForExit();
        } else {
            // PostgreSQL's "smart" shutdown (SIGTERM): no clients are left, so it stops at once.
            ProcessHandle.of(postmasterPid).ifPresent(ProcessHandle::destroy);
            waitForExit();
            releaseOwnerLock();
        }
    }

    private void waitForExit() {
        ProcessHandle.of(postmasterPid).ifPresent(h -> {
            try {
                h.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("the embedded PostgreSQL in {} (pid {}) is still stopping after {}s", clusterDir, postmasterPid, STOP_WAIT.toSeconds());
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("could not wait for the embedded PostgreSQL in {} to stop: {}", clusterDir, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Takes the owner's lock when its holder died; true when this JVM now owns the server. */
    private boolean adoptOwnerLock() {
        Optional<FileLock> lock = tryOwnerLock(clusterDir);
        if (lock.isEmpty()) {
            return false;
        }
        ownerLock = lock.get();
        ownerChannel = ownerLock.channel();
        ownership = Ownership.ADOPTED;
        return true;
    }

    private void releaseOwnerLock() {
        try {
            if (ownerChannel != null) {
                ownerChannel.close();
            }
        } catch (IOException e) {
            LOG.warn("could not release {}: {}", clusterDir.resolve(OWNER_LOCK), e.toString());
        }
        ownerChannel = null;
        ownerLock = null;
    }

    /** Client connections other than this JVM's, or 0 when the server no longer answers. */
    private long otherClients() {
        try (Connection c = connect(port, "postgres");
             PreparedStatement ps = c.prepareStatement("select count(*) from pg_stat_activity where backend_type = 'client backend'"
                     + " and pid <> pg_backend_pid() and coalesce(application_name, '') <> ?")) {
            ps.setString(1, Database.APPLICATION_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    private String queryVersion() {
        try (Connection c = connect(port, "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    // ---- opening ----

    private static EmbeddedCluster open(Path dataDir) {
        Path clusterDir = dataDir.resolve("postgres");
        prepare(dataDir, clusterDir);
        // One opener at a time per directory across processes, so that two processes starting at once
        // do not both start a server; within this JVM, OPEN's monitor already serializes.
        Path startLock = dataDir.resolve("postgres.startup.lock");
        try (FileChannel channel = FileChannel.open(startLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock(); // released when the channel closes
            try {
                return startOrAttach(dataDir, clusterDir);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.DATA_DIR_UNUSABLE,
                    "cannot lock " + startLock + ": " + e.getMessage(), e);
        }
    }

    private static void prepare(Path dataDir, Path clusterDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (FileAlreadyExistsException e) {
            throw unusable(dataDir, "it exists and is not a directory");
        } catch (IOException e) {
            throw unusable(dataDir, "it cannot be created (" + describe(e) + ")");
        }
        if (!Files.isDirectory(dataDir)) {
            throw unusable(dataDir, "it is not a directory");
        }
        try {
            Path probe = Files.createTempFile(dataDir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw unusable(dataDir, "it is not writable (" + describe(e) + ")");
        }
        if (Files.isDirectory(clusterDir)) {
            Path versionFile = clusterDir.resolve("PG_VERSION");
            if (Files.isRegularFile(versionFile)) {
                String major;
                try {
                    major = Files.readString(versionFile, StandardCharsets.US_ASCII).strip();
                } catch (IOException e) {
                    throw unusable(dataDir, "cannot read " + versionFile + " (" + describe(e) + ")");
                }
                if (!major.equals(EXPECTED_MAJOR)) {
                    throw unusable(dataDir, clusterDir + " was created by PostgreSQL " + major + " but this Testigo embeds PostgreSQL "
                            + EXPECTED_MAJOR + "; upgrade it with pg_upgrade, or point --db at a PostgreSQL " + major + " server");
                }
            } else if (hasEntriesOtherThan(clusterDir, OWNER_LOCK)) {
                throw unusable(dataDir, clusterDir + " exists but is not a PostgreSQL data directory (an interrupted first start?);"
                        + " move it away and open again");
            }
        } else if (Files.exists(clusterDir)) {
            throw unusable(dataDir, clusterDir + " exists and is not a directory");
        }
    }

    private static EmbeddedCluster startOrAttach(Path dataDir, Path clusterDir) {
        long deadline = System.nanoTime() + ATTACH_WAIT.toNanos();
        String problem = "";
        while (true) {
            Optional<Postmaster> found = Postmaster.read(clusterDir);
            if (found.isEmpty()) {
                return start(dataDir, clusterDir);
            }
            Postmaster postmaster = found.get();
            if (postmaster.isRunning()) {
                Optional<String> refused = postmaster.port() > 0 ? probe(postmaster.port(), clusterDir)
                        : Optional.of("it has not written its port yet");
                if (refused.isEmpty()) {
                    return attach(dataDir, clusterDir, postmaster);
                }
                problem = "PostgreSQL (pid " + postmaster.pid() + ") runs in " + clusterDir + " but " + refused.get();
            } else {
                Set<Long> leftovers = Postmaster.processesIn(clusterDir);
                if (leftovers.isEmpty()) {
                    if (postmaster.pidInUse()) {
                        // The pid now belongs to an unrelated process; PostgreSQL would refuse to start.
                        Path stale = clusterDir.resolve(Postmaster.PID_FILE + ".stale");
                        LOG.warn("{} names pid {}, which is not PostgreSQL any more; moving it to {}", clusterDir.resolve(Postmaster.PID_FILE),
                                postmaster.pid(), stale);
                        try {
                            Files.move(clusterDir.resolve(Postmaster.PID_FILE), stale, StandardCopyOption.REPLACE_EXISTING);
                        } catch (IOException e) {
                            throw unusable(dataDir, "cannot move the stale " + Postmaster.PID_FILE + " aside (" + describe(e) + ")");
                        }
                    } else {
                        LOG.warn("PostgreSQL in {} did not stop cleanly (pid {} is gone); it will recover from its WAL", clusterDir, postmaster.pid());
                    }
                    return start(dataDir, clusterDir);
                }
                problem = "processes " + leftovers + " of a PostgreSQL that crashed still run in " + clusterDir;
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException(StoreException.Reason.EMBEDDED_FAILED, problem + " (waited " + ATTACH_WAIT.toSeconds()
                        + "s); see " + logFile(dataDir));
            }
            sleep(200);
        }
    }

    private static EmbeddedCluster start(Path dataDir, Path clusterDir) {
        EmbeddedPostgres pg;
        File log = logFile(dataDir).toFile();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(clusterDir)
                    .setCleanDataDirectory(false)
                    // Beside the data, not in /tmp: tmp cleaners and noexec mounts would break a long-lived server.
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
                    .setRegisterShutdownHook(false)
                    // Crash recovery after a hard stop may take a while before connections are accepted.
                    .setPGStartupWait(Duration.ofMinutes(5))
                    // Byte-order collation: deterministic, and the same on every machine.
                    .setLocaleConfig("locale", "C")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log));
            SETTINGS.forEach(builder::setServerConfig);
            pg = builder.start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            String why = e.getMessage() != null && e.getMessage().contains("could not lock")
                    ? "another process that opened it is still running but its PostgreSQL stopped; stop that process first"
                    : describe(e);
            throw new StoreException(StoreException.Reason.EMBEDDED_FAILED, "could not start the embedded PostgreSQL in " + clusterDir
                    + ": " + why + tail(log.toPath()), e);
        }
        Postmaster postmaster = Postmaster.read(clusterDir).orElse(new Postmaster(-1, pg.getPort()));
        LOG.info("started the embedded PostgreSQL in {} on port {} (pid {})", clusterDir, pg.getPort(), postmaster.pid());
        return new EmbeddedCluster(dataDir, pg.getPort(), postmaster.pid(), Ownership.STARTED, pg, null, null);
    }

    private static EmbeddedCluster attach(Path dataDir, Path clusterDir, Postmaster postmaster) {
        EmbeddedPostgres left = LEFT_RUNNING.remove(clusterDir);
        if (left != null) {
            return new EmbeddedCluster(dataDir, postmaster.port(), postmaster.pid(), Ownership.STARTED, left, null, null);
        }
        Optional<FileLock> lock = tryOwnerLock(clusterDir);
        if (lock.isPresent()) {
            LOG.info("adopted the embedded PostgreSQL in {} (pid {}, port {}) whose starter is gone", clusterDir, postmaster.pid(), postmaster.port());
            return new EmbeddedCluster(dataDir, postmaster.port(), postmaster.pid(), Ownership.ADOPTED, null, lock.get().channel(), lock.get());
        }
        LOG.info("joined the embedded PostgreSQL in {} (pid {}, port {}) started by another process", clusterDir, postmaster.pid(), postmaster.port());
        return new EmbeddedCluster(dataDir, postmaster.port(), postmaster.pid(), Ownership.SHARED, null, null, null);
    }

    private static Optional<FileLock> tryOwnerLock(Path clusterDir) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(clusterDir.resolve(OWNER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(lock);
            }
        } catch (IOException | OverlappingFileLockException e) {
            // Held elsewhere, or by this JVM: not ours to take.
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing held through it.
            }
        }
        return Optional.empty();
    }

    /** Empty when a server answering on {@code port} serves {@code clusterDir}; otherwise why not. */
    private static Optional<String> probe(int port, Path clusterDir) {
        try (Connection c = connect(port, "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show data_directory")) {
            rs.next();
            Path served = Path.of(rs.getString(1));
            if (sameFile(served, clusterDir)) {
                return Optional.empty();
            }
            return Optional.of("port " + port + " is served by another cluster (" + served + ")");
        } catch (SQLException e) {
            return Optional.of("does not answer on port " + port + " (" + e.getMessage() + ")");
        }
    }

    static Connection connect(int port, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        p.setProperty("ApplicationName", Database.APPLICATION_NAME);
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "60");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, p);
    }

    // ---- small helpers ----

    static Path logFile(Path dataDir) {
        return dataDir.resolve("postgres.log");
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static boolean hasEntriesOtherThan(Path dir, String name) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> !p.getFileName().toString().equals(name));
        } catch (IOException e) {
            return true;
        }
    }

    /** The last lines of PostgreSQL's log, which usually say why it would not start. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return last.isEmpty() ? "" : "; the end of " + log + " reads:\n  " + String.join("\n  ", last);
        } catch (IOException | RuntimeException e) {
            return "; see " + log;
        }
    }

    private static StoreException unusable(Path dataDir, String why) {
        return new StoreException(StoreException.Reason.DATA_DIR_UNUSABLE, "cannot use data directory " + dataDir + ": " + why);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Reason.EMBEDDED_FAILED, "interrupted while waiting for the embedded PostgreSQL");
        }
    }
}
