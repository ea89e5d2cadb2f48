package org.testigo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.deployment.Deployment;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.Role;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.views.Json;

/**
 * Kills the server (and its PostgreSQL) with SIGKILL in the middle of a stream of submissions,
 * restarts it, and checks that every acknowledged submission is there, once.
 */
class CrashRecoveryTest {
    @TempDir
    Path data;

    @Test
    void everyAcknowledgedSubmissionSurvivesAKillAndNoneIsStoredTwice() throws Exception {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(2_000, 77));
        String token;
        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC())) {
            d.load(synth.election());
            token = d.tokens().create(Role.WITNESS, "crash test");
        }

        Map<String, Long> acknowledged = new ConcurrentHashMap<>(); // payload → evidence id
        List<String> payloads = new ArrayList<>();
        synth.forEachTable(t -> payloads.add(t.payload()));

        ServerProcess server = ServerProcess.serve(data);
        HttpSubmitter client = new HttpSubmitter(URI.create("http://127.0.0.1:" + server.port + "/"), token);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int w = 0; w < 8; w++) {
            pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < payloads.size(); ) {
                    HttpSubmitter.Answer a = client.submit(null, List.of(payloads.get(i)));
                    if (a.accepted()) {
                        acknowledged.put(payloads.get(i), Json.mapper().readTree(a.body()).get("evidence").asLong());
                    }
                }
                return null;
            });
        }
        while (acknowledged.size() < 600) {
            Thread.sleep(5);
        }
        Path cluster = data.resolve("postgres");
        long postmaster = Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).strip());
        server.kill();
        ProcessHandle.of(postmaster).ifPresent(pg -> {
            pg.descendants().forEach(ProcessHandle::destroyForcibly);
            pg.destroyForcibly();
        });
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        int ackedAtKill = acknowledged.size();
        assertThat(ackedAtKill).as("the kill came mid-stream").isLessThan(payloads.size());

        try (ServerProcess again = ServerProcess.serve(data)) {
            HttpSubmitter after = new HttpSubmitter(URI.create("http://127.0.0.1:" + again.port + "/"), token);
            // Every acknowledged submission is there under its evidence id, and a retry is recognised.
            for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
                HttpSubmitter.Answer retry = after.submit(null, List.of(e.getKey()));
                JsonNode r = Json.mapper().readTree(retry.body());
                assertThat(retry.status()).as(retry.body()).isEqualTo(200);
                assertThat(r.get("duplicate").asBoolean()).isTrue();
                assertThat(r.get("evidence").asLong()).isEqualTo(e.getValue());
            }
            // The witness now sends everything again; what was committed but not acknowledged is recognised too.
            for (String p : payloads) {
                assertThat(after.submit(null, List.of(p)).accepted()).isTrue();
            }
            JsonNode results = Json.mapper().readTree(get(again.port, "/api/v1/results"));
            assertThat(results.at("/tables/received").asLong()).isEqualTo(payloads.size());
            assertThat(results.at("/tables/provisional").asLong()).as("one copy per table: nothing stored twice")
                    .isEqualTo(payloads.size());
            for (int i = 0; i < payloads.size(); i += 97) {
                JsonNode table = Json.mapper().readTree(get(again.port, "/api/v1/tables/" + synth.table(i).table().id()));
                assertThat(table.at("/versions/0/copies")).hasSize(1);
            }
        }
        // And the store itself holds exactly one evidence row per payload.
        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC())) {
            assertThat(d.evidence().count()).isEqualTo(payloads.size());
        }
    }

    private static String get(int port, String path) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
