package org.testigo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.deployment.Deployment;
import org.testigo.election.pkg.CsvReader;
import org.testigo.intake.ActaPictures;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;

/**
 * `testigo ingest` on a folder of 2,000 files, killed with SIGKILL (with its PostgreSQL) half-way, then
 * run again: every image is recorded exactly once and the second run's report covers every file.
 */
class IngestCrashTest {
    private static final int WITH_CODE = 1_800;
    private static final int WITHOUT_CODE = 150;
    private static final int NOT_IMAGES = 50;

    @TempDir
    Path data;
    @TempDir
    Path work;

    @Test
    void anIngestKilledHalfWayFinishesOnARerunWithEveryImageRecordedOnce() throws Exception {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(WITH_CODE, 91));
        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC())) {
            d.load(synth.election());
        }
        Path folder = work.resolve("actas");
        Map<String, String> expectedTable = new HashMap<>(); // file → table, for those with a code
        for (int i = 0; i < WITH_CODE; i++) {
            String name = "box-" + (i % 10) + "/acta-" + i + ".png";
            write(folder.resolve(name), ActaPictures.png(synth.table(i).payload()));
            expectedTable.put(name, synth.table(i).table().id().value());
        }
        for (int i = 0; i < WITHOUT_CODE; i++) {
            // Named like a JPEG, is a PNG: judged by content.
            write(folder.resolve("blank/sheet-" + i + ".jpg"), ActaPictures.withoutCode(i));
        }
        for (int i = 0; i < NOT_IMAGES; i++) {
            write(folder.resolve("misc/note-" + i + ".png"), ("not an image, number " + i).getBytes(StandardCharsets.UTF_8));
        }
        int files = WITH_CODE + WITHOUT_CODE + NOT_IMAGES;

        // First run: killed once about half the images are in.
        Process first = ingest(folder, work.resolve("first.csv"));
        // Watched over plain JDBC: opening the data folder as a Testigo would register this JVM as one of its users.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (received() < (WITH_CODE + WITHOUT_CODE) / 2) {
            assertThat(first.isAlive()).as("the first run ended before half-way").isTrue();
            assertThat(System.nanoTime()).as("half-way within 10 minutes").isLessThan(deadline);
            Thread.sleep(100);
        }
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid"), StandardCharsets.UTF_8).get(0).strip());
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
        ProcessHandle.of(postmaster).ifPresent(pg -> {
            pg.descendants().forEach(ProcessHandle::destroyForcibly);
            pg.destroyForcibly();
        });
        assertThat(Files.exists(work.resolve("first.csv"))).as("killed before its report").isFalse();

        // Second run: to the end.
        Path report = work.resolve("second.csv");
        Process second = ingest(folder, report);
        String output = output(second);
        assertThat(second.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains("files ·").contains("/s").contains("left");
        assertThat(output).contains("skipped misc/note-0.png");
        assertThat(output).contains(String.format(java.util.Locale.ROOT, "%,d decoded", WITH_CODE));

        List<List<String>> rows = new ArrayList<>();
        try (var in = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
            CsvReader csv = new CsvReader(in, false);
            for (var r = csv.next(); r != null; r = csv.next()) {
                rows.add(r.fields());
            }
        }
        assertThat(rows.get(0)).containsExactly("file", "sha256", "table", "status", "reason");
        List<List<String>> body = rows.subList(1, rows.size());
        assertThat(body).hasSize(files);
        assertThat(body.stream().map(r -> r.get(0)).distinct().count()).as("each file once").isEqualTo(files);
        Map<String, Long> byStatus = new HashMap<>();
        for (List<String> r : body) {
            byStatus.merge(r.get(3), 1L, Long::sum);
            String expected = expectedTable.get(r.get(0).replace('\\', '/'));
            if (expected != null) {
                assertThat(r.get(3)).as(r.toString()).isEqualTo("decoded");
                assertThat(r.get(2)).as(r.toString()).isEqualTo(expected);
                assertThat(r.get(1)).hasSize(64);
            }
        }
        assertThat(byStatus).containsOnly(Map.entry("decoded", (long) WITH_CODE), Map.entry("needs-transcription", (long) WITHOUT_CODE),
                Map.entry("skipped", (long) NOT_IMAGES));

        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC())) {
            assertThat(d.images().count()).as("one job per image").isEqualTo(WITH_CODE + WITHOUT_CODE);
            assertThat(d.evidence().count()).as("one piece of evidence per decoded image").isEqualTo(WITH_CODE);
            assertThat(d.requireRunning().state().totals(0).valid()).isEqualTo(synth.tables().mapToLong(t -> t.valid()).sum());
        }
    }

    /** Image jobs stored so far (0 while the first run is still starting its PostgreSQL). */
    private long received() {
        try {
            List<String> pid = Files.readAllLines(data.resolve("postgres/postmaster.pid"), StandardCharsets.UTF_8);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).strip() + "/testigo", "postgres", "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from image_submission")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (IOException | RuntimeException | SQLException notYet) {
            return 0;
        }
    }

    private Process ingest(Path folder, Path report) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.testigo.cli.Main", "ingest",
                folder.toString(), "--data", data.toString(), "--report", report.toString(), "--threads", "2")
                .redirectErrorStream(true).start();
    }

    private static String output(Process p) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
