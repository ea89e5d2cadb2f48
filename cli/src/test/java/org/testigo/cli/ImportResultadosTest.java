package org.testigo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.deployment.Deployment;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.testing.SharedData;
import org.testigo.views.ResultsView;

/**
 * `testigo election import-resultados` on the real published files, end to end into PostgreSQL, checked
 * against the published totals and against per-state sums computed here straight from the CSV text.
 */
class ImportResultadosTest {
    @TempDir
    Path data;

    /** Per state: [tables, valid, null, EG, NM, RE]. Computed with a plain split of each line. */
    private static Map<String, long[]> sums(Path csv, Charset charset, boolean hasRe) throws IOException {
        List<String> lines = Files.readAllLines(csv, charset);
        Map<String, long[]> byState = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            int o = hasRe ? 1 : 0;
            long[] s = byState.computeIfAbsent(String.format("%02d", Integer.parseInt(f[0])), k -> new long[6]);
            s[0]++;
            s[1] += Long.parseLong(f[8 + o]);
            s[2] += Long.parseLong(f[9 + o]);
            s[3] += Long.parseLong(f[10 + o]);
            s[4] += Long.parseLong(f[11 + o]);
            s[5] += hasRe ? Long.parseLong(f[8]) : 0;
        }
        return byState;
    }

    private ResultsView nation(Deployment d, String node) {
        var r = d.requireRunning();
        return ResultsView.of(r.state(), r.election().geography().nodeIndex(node).orElseThrow());
    }

    @Test
    void v2ImportsToThePublishedTotalsInEveryState() throws IOException {
        Path csv = SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V2.csv");
        assertThat(Main.run("election", "import-resultados", csv.toString(), "--data", data.toString())).isZero();
        Map<String, long[]> expected = sums(csv, StandardCharsets.ISO_8859_1, false);
        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC())) {
            ResultsView n = nation(d, "");
            assertThat(n.tables().received()).isEqualTo(25_073);
            assertThat(n.tables().confirmed()).isEqualTo(25_073);
            assertThat(n.tables().expected()).isEqualTo(30_026);
            assertThat(n.valid()).isEqualTo(10_887_262);
            assertThat(n.nullVotes()).isEqualTo(1_213);
            assertThat(votes(n, "EG")).isEqualTo(7_303_480);
            assertThat(votes(n, "NM")).isEqualTo(3_316_142);
            assertThat(d.evidence().count()).isEqualTo(25_073);
            assertThat(n.children()).hasSize(24);
            for (var state : n.children()) {
                long[] s = expected.get(state.code());
                ResultsView v = nation(d, state.code());
                assertThat(new long[] {v.tables().received(), v.valid(), v.nullVotes(), votes(v, "EG"), votes(v, "NM")})
                        .as("state %s", state.code()).containsExactly(s[0], s[1], s[2], s[3], s[4]);
            }
            // By the authority's own count (12,386,669 cast), 1,498,194 votes at most were left: the lead decides.
            assertThat(n.certainty().outstandingOfficial()).isEqualTo(12_386_669L - 10_887_262L - 1_213L);
            assertThat(n.certainty().certainByOfficialCount()).isTrue();
        }
        // Importing the same file again records nothing new.
        assertThat(Main.run("election", "import-resultados", csv.toString(), "--data", data.toString())).isZero();
        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC())) {
            assertThat(d.evidence().count()).isEqualTo(25_073);
        }
    }

    @Test
    void v1ImportsWithRegisteredVotersAndTheCertaintyOfTheBrief() throws IOException {
        Path csv = SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V1.csv");
        assertThat(Main.run("election", "import-resultados", csv.toString(), "--data", data.toString())).isZero();
        Map<String, long[]> expected = sums(csv, StandardCharsets.UTF_8, true);
        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC())) {
            ResultsView n = nation(d, "");
            assertThat(n.tables().received()).isEqualTo(24_532);
            assertThat(votes(n, "EG")).isEqualTo(7_156_462);
            assertThat(votes(n, "NM")).isEqualTo(3_241_461);
            var counted = d.requireRunning().state().totals(0);
            assertThat(counted.registeredCounted()).isEqualTo(17_745_239);
            // The brief: D = 3,915,001 against U = 1,726,402 by the bulletin's count of votes cast.
            assertThat(n.certainty().lead()).isEqualTo(3_915_001);
            assertThat(n.certainty().outstandingOfficial()).isEqualTo(1_726_402);
            // By registered voters: 21,620,705 − 17,745,239 = 3,875,466 < 3,915,001: certain on that bound too.
            assertThat(n.certainty().outstanding()).isEqualTo(3_875_466);
            assertThat(n.certainty().certain()).isTrue();
            for (var state : n.children()) {
                long[] s = expected.get(state.code());
                ResultsView v = nation(d, state.code());
                assertThat(new long[] {v.tables().received(), v.valid(), v.nullVotes(), votes(v, "EG"), votes(v, "NM"),
                        d.requireRunning().state().totals(d.requireRunning().election().geography().nodeIndex(state.code())
                                .orElseThrow()).registeredCounted()})
                        .as("state %s", state.code()).containsExactly(s[0], s[1], s[2], s[3], s[4], s[5]);
            }
        }
    }

    @Test
    void aStoreHoldingAnotherElectionRefusesAnImportWithAClearMessage() throws IOException {
        assertThat(Main.run("election", "synth", "--tables", "50", "--seed", "3", "--out", data.resolve("pkg").toString(),
                "--load", "--data", data.toString())).isZero();
        Path csv = SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V2.csv");
        assertThat(Main.run("election", "import-resultados", csv.toString(), "--data", data.toString())).isEqualTo(2);
    }

    private static long votes(ResultsView v, String id) {
        return v.candidates().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().votes();
    }
}
