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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import org.testigo.election.pkg.ElectionPackage;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.Role;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.views.Json;
import org.testigo.web.TestigoServer;

/** The commands as a coordinator types them, in-process, against a real database and server. */
class CommandsTest {
    @TempDir
    Path dir;


    @Test
    void synthWritesAPackageThatLoadsAndItsPayloadsSubmitOverHttp() throws Exception {
        Path pkg = dir.resolve("pkg");
        Path data = dir.resolve("data");
        assertThat(InProcess.run("election", "synth", "--tables", "300", "--seed", "8", "--out", pkg.toString()).code()).isZero();
        Election written = ElectionPackage.read(pkg);
        assertThat(written).isEqualTo(SyntheticElection.generate(SynthSpec.of(300, 8)).election());
        List<String> payloads = Files.readAllLines(pkg.resolve("payloads.txt"));
        assertThat(payloads).hasSize(300);

        InProcess.Run load = InProcess.run("election", "load", pkg.toString(), "--data", data.toString());
        assertThat(load.code()).as(load.err()).isZero();
        assertThat(load.out()).contains("300 tables");

        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC());
             TestigoServer server = TestigoServer.start(d, "127.0.0.1", 0)) {
            String token = d.tokens().create(Role.WITNESS, "cli test");
            Path some = dir.resolve("some.txt");
            Files.write(some, payloads.subList(0, 40));
            String url = "http://127.0.0.1:" + server.port();
            InProcess.Run first = InProcess.run("submit", "--server", url, "--token", token, some.toString());
            assertThat(first.code()).as(first.err()).isZero();
            List<String> lines = first.out().lines().toList();
            assertThat(lines).hasSize(40).allMatch(l -> l.startsWith("{\"status\":201"));
            InProcess.Run again = InProcess.run("submit", "--server", url, "--token", token, some.toString());
            assertThat(again.out().lines()).hasSize(40).allMatch(l -> l.startsWith("{\"status\":200"));

            Files.writeString(dir.resolve("bad.txt"), "not a payload\n");
            InProcess.Run bad = InProcess.run("submit", "--server", url, "--token", token, dir.resolve("bad.txt").toString());
            assertThat(bad.code()).isEqualTo(4);
            assertThat(bad.out()).contains("\"status\":422").contains("INVALID_PAYLOAD");

            // `totals --json` prints the very bytes the API serves.
            InProcess.Run totals = InProcess.run("totals", "--json", "--data", data.toString());
            assertThat(totals.code()).as(totals.err()).isZero();
            String api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/results"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(totals.out().strip()).isEqualTo(api);
            JsonNode nation = Json.mapper().readTree(api);
            assertThat(nation.at("/tables/received").asLong()).isEqualTo(40);
        }
    }

    @Test
    void mistakesGetOneClearLineAndExitCode2() throws Exception {
        Path pkg = dir.resolve("pkg");
        assertThat(InProcess.run("election", "synth", "--tables", "20", "--seed", "1", "--out", pkg.toString()).code()).isZero();
        Files.writeString(pkg.resolve("tables.csv"), Files.readString(pkg.resolve("tables.csv")).replaceFirst("\n([^,\n]+),([^,\n]+),\\d+\n",
                "\n$1,$2,-3\n"));
        InProcess.Run broken = InProcess.run("election", "load", pkg.toString(), "--data", dir.resolve("data").toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).contains("tables.csv line 2").contains("registered").doesNotContain("Exception");

        InProcess.Run role = InProcess.run("token", "create", "--role", "emperor", "--name", "x", "--data", dir.resolve("data").toString());
        assertThat(role.code()).isEqualTo(2);
        assertThat(role.err()).contains("witness, volunteer, coordinator, admin");

        InProcess.Run missing = InProcess.run("election", "import-resultados", dir.resolve("nope.csv").toString(), "--data", dir.resolve("data").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.csv");

        InProcess.Run server = InProcess.run("totals", "--db", "postgresql://nobody@127.0.0.1:1/none");
        assertThat(server.code()).isEqualTo(2);
        assertThat(server.err()).contains("127.0.0.1:1").doesNotContain("Exception");

        InProcess.Run noToken = InProcess.run("submit", "--server", "http://127.0.0.1:1", dir.resolve("x").toString());
        assertThat(noToken.code()).isEqualTo(2);
    }

    @Test
    void serveRefusesABundleFolderThatHoldsNoBundleBeforeOpeningAnything() throws Exception {
        InProcess.Run missing = InProcess.run("serve", "--bundle", dir.resolve("no-such-folder").toString(),
                "--db", "postgresql://nobody@127.0.0.1:1/none");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--bundle").contains("no-such-folder").contains("is not a folder").doesNotContain("Exception");

        Path empty = Files.createDirectories(dir.resolve("empty-bundle"));
        InProcess.Run nothing = InProcess.run("serve", "--bundle", empty.toString(), "--db", "postgresql://nobody@127.0.0.1:1/none");
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("holds no SHA256SUMS").doesNotContain("127.0.0.1:1");
    }
}
