package org.testigo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of a data directory: durable settings, reopening, sharing with a second
 * process, and what a crash leaves behind (a postmaster orphaned by {@code kill -9} of Java, a stale
 * {@code postmaster.pid}, a PostgreSQL killed outright). Other processes are real JVMs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a child that hangs must not hang the build
class EmbeddedDatabaseTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final java.util.Map<Process, BufferedReader> outputs = new java.util.HashMap<>();
    private final List<Long> postmastersToStop = new ArrayList<>();

    @AfterEach
    void stopLeftovers() throws Exception {
        for (Process p : children) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // A failed test may leave a server running in a directory about to be deleted.
        Postmaster.read(dir.resolve("postgres")).filter(Postmaster::isRunning).ifPresent(p -> postmastersToStop.add(p.pid()));
        for (long pid : postmastersToStop) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(60, TimeUnit.SECONDS).join());
        }
    }

    @Test
    void runsWithPostgresDurableDefaultsAndTheTunedSettings() throws SQLException {
        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            assertThat(setting(db, "fsync")).isEqualTo("on");
            assertThat(setting(db, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(db, "full_page_writes")).isEqualTo("on");
            assertThat(setting(db, "shared_buffers")).isEqualTo("256MB");
            assertThat(setting(db, "max_connections")).isEqualTo("64");
            assertThat(setting(db, "data_directory")).isEqualTo(dir.resolve("postgres").toString());
            int port = Postmaster.read(dir.resolve("postgres")).orElseThrow().port();
            assertThat(db.describe()).isEqualTo("embedded PostgreSQL 17.7 in " + dir.resolve("postgres") + " on port " + port);
        }
    }

    @Test
    void stopsPostgresOnCloseAndFindsItsDataOnReopening() {
        long postmaster;
        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            new TokenStore(db).create(Role.ADMIN, "kept");
            new ElectionStore(db).save(ElectionStoreTest.synthetic("kept", 1_000, 4));
            postmaster = Postmaster.read(dir.resolve("postgres")).orElseThrow().pid();
        }
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dir.resolve("postgres/postmaster.pid")).doesNotExist();

        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            assertThat(new TokenStore(db).list()).extracting(IssuedToken::name).containsExactly("kept");
            assertThat(new ElectionStore(db).load().orElseThrow().geography().tableCount()).isEqualTo(1_000);
        }
    }

    @Test
    void sharesOneServerBetweenTwoOpensInOneProcess() {
        try (Database first = Database.open(DatabaseConfig.embedded(dir))) {
            long postmaster = Postmaster.read(dir.resolve("postgres")).orElseThrow().pid();
            try (Database second = Database.open(DatabaseConfig.embedded(dir))) {
                assertThat(second.describe()).isEqualTo(first.describe());
                new TokenStore(first).create(Role.ADMIN, "from-first");
                assertThat(new TokenStore(second).list()).extracting(IssuedToken::name).containsExactly("from-first");
            }
            assertThat(Postmaster.read(dir.resolve("postgres")).orElseThrow().pid()).isEqualTo(postmaster);
            assertThat(new TokenStore(first).list()).hasSize(1);
        }
    }

    @Test
    void letsASecondProcessUseTheServerTheFirstOneStarted() throws Exception {
        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            Postmaster postmaster = Postmaster.read(dir.resolve("postgres")).orElseThrow();

            Process child = child("from-child", "once");
            List<String> out = readUntil(child, "CLOSED");
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(child.exitValue()).as(String.join("\n", out)).isZero();
            assertThat(out).contains("READY embedded PostgreSQL 17.7 in " + dir.resolve("postgres") + " on port " + postmaster.port()
                    + " (started by another process)");
            assertThat(Postmaster.read(dir.resolve("postgres"))).contains(postmaster);
            assertThat(postmaster.isRunning()).isTrue();
            assertThat(new TokenStore(db).list()).extracting(IssuedToken::name).containsExactly("from-child");
        }
    }

    @Test
    void keepsPostgresRunningWhenItsStarterClosesWhileAnotherProcessUsesIt() throws Exception {
        Process starter = child("from-the-starter", "hold");
        readUntil(starter, "READY");
        Postmaster postmaster = Postmaster.read(dir.resolve("postgres")).orElseThrow();
        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            assertThat(db.describe()).endsWith("(started by another process)");

            starter.outputWriter().write("close\n"); // the starter closes normally while we are connected
            starter.outputWriter().flush();
            assertThat(readUntil(starter, "CLOSED")).isNotEmpty();
            assertThat(starter.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(postmaster.isRunning()).as("left running for us").isTrue();
            assertThat(new TokenStore(db).list()).extracting(IssuedToken::name).containsExactly("from-the-starter");
        }
        assertThat(postmaster.isRunning()).as("stopped by the last one out").isFalse();
    }

    @Test
    void adoptsThePostgresThatAKilledProcessLeftRunning() throws Exception {
        Process child = child("before-the-kill", "hold");
        List<String> out = readUntil(child, "READY");
        assertThat(out.get(out.size() - 1)).startsWith("READY embedded PostgreSQL");
        Postmaster orphan = Postmaster.read(dir.resolve("postgres")).orElseThrow();

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(orphan.isRunning()).as("PostgreSQL outlives the killed JVM").isTrue();

        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            assertThat(db.describe()).isEqualTo("embedded PostgreSQL 17.7 in " + dir.resolve("postgres") + " on port " + orphan.port());
            assertThat(new TokenStore(db).list()).extracting(IssuedToken::name).containsExactly("before-the-kill");
        }
        assertThat(orphan.isRunning()).as("the adopter stops it on close").isFalse();
    }

    @Test
    void recoversWhenPostgresItselfWasKilled() throws Exception {
        Process child = child("committed-before-the-crash", "hold");
        readUntil(child, "READY");
        Postmaster crashed = Postmaster.read(dir.resolve("postgres")).orElseThrow();

        ProcessHandle.of(crashed.pid()).orElseThrow().destroyForcibly(); // kill -9 the postmaster
        child.destroyForcibly();
        child.waitFor(60, TimeUnit.SECONDS);
        waitForTheCrashedServerToDie(crashed);
        assertThat(dir.resolve("postgres/postmaster.pid")).as("a crash leaves the pid file").exists();

        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            assertThat(new TokenStore(db).list()).extracting(IssuedToken::name).containsExactly("committed-before-the-crash");
        }
        assertThat(Files.readString(dir.resolve("postgres.log"))).contains("database system was interrupted");
    }

    @Test
    void startsDespiteAPidFileNamingAnUnrelatedLiveProcess() throws Exception {
        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            new TokenStore(db).create(Role.ADMIN, "before");
        }
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        children.add(unrelated);
        // What PostgreSQL writes (see Postmaster), as a crash before a reboot would leave it: the pid is now someone else's.
        Files.writeString(dir.resolve("postgres/postmaster.pid"), unrelated.pid() + "\n" + dir.resolve("postgres") + "\n1700000000\n54321\n"
                + "/tmp\nlocalhost\n  1234567    42\nready   \n");

        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            assertThat(new TokenStore(db).list()).extracting(IssuedToken::name).containsExactly("before");
            assertThat(db.describe()).doesNotContain("54321");
        }
        assertThat(dir.resolve("postgres/postmaster.pid.stale")).exists();
        assertThat(unrelated.isAlive()).isTrue();
    }

    @Test
    void startsDespiteAPidFileNamingAProcessThatIsGone() throws Exception {
        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            new TokenStore(db).create(Role.ADMIN, "before");
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve("postgres/postmaster.pid"), gone.pid() + "\n" + dir.resolve("postgres") + "\n1700000000\n54321\n"
                + "/tmp\nlocalhost\n  1234567    42\nready   \n");

        try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
            assertThat(new TokenStore(db).list()).extracting(IssuedToken::name).containsExactly("before");
        }
    }

    @Test
    void saysWhenTheDataDirectoryCannotBeCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(file.resolve("data"))))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot use data directory " + file.resolve("data") + ": it cannot be created")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.DATA_DIR_UNUSABLE);
        assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(file)))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot use data directory " + file + ": it exists and is not a directory");
    }

    @Test
    void saysWhenTheDataDirectoryIsNotWritable() throws Exception {
        Path readOnly = Files.createDirectories(dir.resolve("read-only"));
        // Permissions do not stop root; the immutable attribute does (where chattr is available).
        readOnly.toFile().setWritable(false, false);
        boolean immutable = new ProcessBuilder("chattr", "+i", readOnly.toString()).start().waitFor() == 0;
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(canWrite(readOnly), "cannot make a directory read-only here");
            assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(readOnly)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot use data directory " + readOnly + ": it is not writable (")
                    .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.DATA_DIR_UNUSABLE);
        } finally {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", readOnly.toString()).start().waitFor();
            }
            readOnly.toFile().setWritable(true, false);
        }
    }

    private static boolean canWrite(Path directory) {
        try {
            Files.delete(Files.createTempFile(directory, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void refusesAPostgresFolderThatIsNotAPostgresCluster() throws IOException {
        Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(dir.resolve("postgres/notes.txt"), "mine");
        assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(dir)))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot use data directory " + dir + ": " + dir.resolve("postgres")
                        + " exists but is not a PostgreSQL data directory (an interrupted first start?); move it away and open again");
    }

    @Test
    void refusesAClusterOfAnotherPostgresVersion() throws IOException {
        Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(dir.resolve("postgres/PG_VERSION"), "15\n");
        assertThatThrownBy(() -> Database.open(DatabaseConfig.embedded(dir)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.resolve("postgres") + " was created by PostgreSQL 15 but this Testigo embeds PostgreSQL 17");
    }

    // ---- helpers ----

    private Process child(String tokenName, String mode) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                EmbeddedChild.class.getName(), dir.toString(), tokenName, mode)
                .redirectErrorStream(true).start();
        children.add(p);
        return p;
    }

    /** Lines of the child's output up to and including the first that starts with {@code marker}. */
    private List<String> readUntil(Process p, String marker) throws IOException {
        List<String> lines = new ArrayList<>();
        // One reader per child: a second one would miss what the first had buffered.
        BufferedReader r = outputs.computeIfAbsent(p, c -> new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8)));
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (String line; (line = r.readLine()) != null; ) {
            lines.add(line);
            if (line.startsWith(marker) || line.startsWith("FAILED")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        assertThat(lines).as("the child's output").anyMatch(l -> l.startsWith(marker));
        return lines;
    }

    /** Waits for the killed postmaster and for the backends it left (they notice its death and exit). */
    private void waitForTheCrashedServerToDie(Postmaster crashed) {
        ProcessHandle.of(crashed.pid()).ifPresent(h -> h.onExit().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
        for (long backend : Postmaster.processesIn(dir.resolve("postgres"))) {
            ProcessHandle.of(backend).ifPresent(h -> h.onExit().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
        }
    }

    private static String setting(Database db, String name) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
