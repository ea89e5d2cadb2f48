package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.roll.RollFile;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticRoll;

/**
 * Find my table over real HTTP, then the promise that matters most: the ids people looked up are
 * nowhere afterwards, not in anything logged (at any level) or printed, not in the database.
 */
class FindMyTableTest {
    @TempDir
    Path dir;

    private LiveServer live;
    private SyntheticRoll roll;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<String> logged = new ArrayList<>();
    private PrintStream out;
    private PrintStream err;
    private Level rootLevel;
    private Handler[] consoleHandlers;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
                        + " " + (r.getThrown() == null ? "" : r.getThrown().toString()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        out = System.out;
        err = System.err;
        System.setOut(new PrintStream(new Tee(out, printed), true));
        System.setErr(new PrintStream(new Tee(err, printed), true));
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        consoleHandlers = root.getHandlers(); // every level is captured, not printed
        for (Handler h : consoleHandlers) {
            root.removeHandler(h);
        }
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
        for (Handler h : consoleHandlers) {
            root.addHandler(h);
        }
        System.setOut(out);
        System.setErr(err);
    }

    private void serveWithRoll() throws Exception {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(12, 31));
        roll = SyntheticRoll.of(synth);
        roll.write(synth, dir);
        DatabaseConfig.Server db = TestPostgres.freshDatabase();
        live = new LiveServer(synth, db);
        live.deployment.attachRoll(RollFile.compile(dir, synth.election()).orElseThrow());
    }

    private LiveServer.Answer json(String body) {
        return live.send(HttpRequest.newBuilder(live.uri("/api/v1/lookup")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private LiveServer.Answer form(String path, String body) {
        return live.send(HttpRequest.newBuilder(live.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }


    @Test
    void findsTablesAndForgetsWhoAsked() throws Exception {
        serveWithRoll();
        long voter = roll.voters() / 2;
        String id = Long.toString(roll.nationalId(voter));
        String table = live.tableOfVoter(voter);
        long other = roll.voters() - 1;
        String otherId = Long.toString(roll.nationalId(other));
        String unknown = "Q7Z4K9W2";

        LiveServer.Answer hit = json("{\"national_id\": \"" + id + "\"}");
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.json().get("table").asText()).isEqualTo(table);
        assertThat(hit.json().get("page").asText()).isEqualTo("table/" + table + ".html");
        assertThat(hit.header("Cache-Control")).isEqualTo("no-store");

        LiveServer.Answer miss = json("{\"national_id\": \"" + unknown + "\"}");
        assertThat(miss.status()).isEqualTo(404);
        assertThat(miss.json().get("error").asText()).isEqualTo("UNKNOWN_VOTER");
        assertThat(miss.text()).doesNotContain(unknown);

        LiveServer.Answer bad = json("{\"national_id\": \"" + unknown + "/1\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("MALFORMED_NATIONAL_ID");
        assertThat(bad.text()).doesNotContain(unknown);

        LiveServer.Answer broken = json("{\"national_id\": " + unknown + "}");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.text()).doesNotContain(unknown);

        String dotted = id.length() > 3 ? id.substring(0, id.length() - 3) + "." + id.substring(id.length() - 3) : id;
        LiveServer.Answer found = form("/find", "national_id=" + java.net.URLEncoder.encode(" " + dotted + " ", StandardCharsets.UTF_8));
        assertThat(found.status()).isEqualTo(303);
        assertThat(found.header("Location")).isEqualTo("table/" + table + ".html");

        LiveServer.Answer english = form("/find", "lang=en&national_id=" + otherId);
        assertThat(english.header("Location")).isEqualTo("en/table/" + live.tableOfVoter(other) + ".html");
        assertThat(form("/en/find", "national_id=" + otherId).header("Location")).isEqualTo("table/" + live.tableOfVoter(other) + ".html");
        assertThat(form("/find", "national_id=" + unknown).header("Location")).isEqualTo("find.html?e=unknown");
        assertThat(form("/find", "national_id=%25%25" + unknown).header("Location")).isEqualTo("find.html?e=malformed");
        assertThat(form("/find", "lang=en").header("Location")).isEqualTo("en/find.html?e=malformed");

        List<String> looked = List.of(id, otherId, unknown);
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain(looked);
        synchronized (logged) {
            assertThat(logged).as("logged at any level").isNotEmpty().noneMatch(line -> looked.stream().anyMatch(line::contains));
        }
        assertThat(databaseText()).doesNotContain(looked);
        assertThat(pgDump()).doesNotContain(looked);
        assertThat(postgresLogs()).doesNotContain(looked);
    }

    @Test
    void saysWhenThereIsNoRoll() {
        live = new LiveServer(4, 5);
        LiveServer.Answer a = json("{\"national_id\": \"123\"}");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("error").asText()).isEqualTo("NO_ROLL");
        assertThat(form("/find", "national_id=123").header("Location")).isEqualTo("find.html?e=noroll");
        assertThat(live.get("/find").status()).isEqualTo(405);
    }

    /** Every row of every table of the deployment's database, as text. */
    private String databaseText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = live.deployment.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables"
                    + " where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            assertThat(tables).isNotEmpty();
            for (String t : tables) {
                try (ResultSet r = s.executeQuery("select t::text from " + t + " t")) {
                    while (r.next()) {
                        all.append(r.getString(1)).append('\n');
                    }
                }
            }
            try (ResultSet r = s.executeQuery("select coalesce(query, '') from pg_stat_activity")) {
                while (r.next()) {
                    all.append(r.getString(1)).append('\n');
                }
            }
        }
        return all.toString();
    }

    /** What the test PostgreSQL server logged (its log sits beside its data directory in the temporary folder). */
    private static String postgresLogs() throws java.io.IOException {
        StringBuilder all = new StringBuilder();
        try (var dirs = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "testigo-test-pg*")) {
            for (Path d : dirs) {
                Path log = d.resolve("postgres.log");
                if (Files.isReadable(log)) {
                    all.append(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
                }
            }
        }
        return all.toString();
    }

    /**
     * The database as pg_dump writes it, when an installed pg_dump can read the server (Debian's 15 refuses
     * the embedded 17 with "version mismatch"; the scan of every row above is then the check).
     */
    private String pgDump() throws Exception {
        DatabaseConfig.Server db = (DatabaseConfig.Server) live.deployment.database().config();
        Path dump = dir.resolve("dump.sql");
        Process p;
        try {
            p = new ProcessBuilder("pg_dump", "-h", db.host(), "-p", Integer.toString(db.port()), "-U", db.user(), "-d", db.database(),
                    "-f", dump.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return ""; // no pg_dump on this machine
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            return output.contains("version mismatch") ? "" : fail(output);
        }
        String text = Files.readString(dump);
        assertThat(text).contains("CREATE TABLE");
        return text;
    }

    private static String fail(String output) {
        throw new AssertionError("pg_dump failed: " + output);
    }

    /** Copies what is printed to the console and keeps it. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            synchronized (b) {
                b.write(bytes, off, len);
            }
        }
    }
}
