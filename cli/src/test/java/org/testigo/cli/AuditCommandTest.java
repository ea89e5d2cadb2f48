package org.testigo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.deployment.Deployment;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.Role;
import org.testigo.views.Json;
import org.testigo.web.TestigoServer;

/** `testigo audit` over a deployment fed a synthetic election with planted ballot stuffing. */
class AuditCommandTest {
    @TempDir
    Path dir;

    @Test
    void auditsTheAcceptedTalliesAndRanksThePlantedTablesFirst() throws Exception {
        Path pkg = dir.resolve("pkg");
        Path data = dir.resolve("data");
        InProcess.Run synth = InProcess.run("election", "synth", "--tables", "2000", "--seed", "8", "--stuff", "0.02",
                "--out", pkg.toString());
        assertThat(synth.code()).as(synth.err()).isZero();
        assertThat(synth.out()).contains("Planted ballot stuffing for NM");
        List<String> planted = Files.readAllLines(pkg.resolve("planted.txt"));
        assertThat(planted).hasSizeBetween(20, 60);
        assertThat(InProcess.run("election", "load", pkg.toString(), "--data", data.toString()).code()).isZero();

        InProcess.Run none = InProcess.run("audit", "--data", data.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("nothing to audit");

        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC());
             TestigoServer server = TestigoServer.start(d, "127.0.0.1", 0)) {
            String token = d.tokens().create(Role.WITNESS, "audit test");
            String url = "http://127.0.0.1:" + server.port();
            InProcess.Run submit = InProcess.run("submit", "--server", url, "--token", token, pkg.resolve("payloads.txt").toString());
            assertThat(submit.code()).as(submit.err()).isZero();

            Path html = dir.resolve("audit.html");
            InProcess.Run audit = InProcess.run("audit", "--json", "--html", html.toString(), "--data", data.toString());
            assertThat(audit.code()).as(audit.err()).isZero();
            String api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/audit")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            // The API ranks 100 tables, as the CLI does by default: the same document.
            assertThat(audit.out().strip()).isEqualTo(api);
            JsonNode report = Json.mapper().readTree(api);
            assertThat(report.at("/tables").asLong()).isEqualTo(2000);
            Set<String> truth = new HashSet<>(planted);
            int hits = 0;
            for (int i = 0; i < planted.size(); i++) {
                hits += truth.contains(report.at("/ranked/" + i + "/table").asText()) ? 1 : 0;
            }
            assertThat((double) hits / planted.size()).isGreaterThanOrEqualTo(0.8);
            String page = Files.readString(html);
            assertThat(page).startsWith("<!doctype html>").contains("<svg").doesNotContain("<script").doesNotContain("http://")
                    .doesNotContain("https://");
        }
    }
}
