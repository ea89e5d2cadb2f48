package org.testigo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.deployment.Deployment;
import org.testigo.election.Candidate;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.Role;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;
import org.testigo.web.TestigoServer;

/** The quick count as a coordinator runs it: draw and commit, check-ins over HTTP, the estimate, the reveal and the check. */
class QuickCountCommandsTest {
    @TempDir
    Path dir;

    @Test
    void drawCheckInRevealAndCheckTheSample() throws Exception {
        Path pkg = dir.resolve("pkg");
        Path data = dir.resolve("data");
        assertThat(InProcess.run("election", "synth", "--tables", "200", "--seed", "4", "--out", pkg.toString()).code()).isZero();
        assertThat(InProcess.run("election", "load", pkg.toString(), "--data", data.toString()).code()).isZero();

        String seed = "una semilla larga y secreta 2024";
        InProcess.Run draw = InProcess.run("sample", "draw", "--size", "30", "--seed", seed, "--data", data.toString());
        assertThat(draw.code()).as(draw.err()).isZero();
        List<String> lines = draw.out().lines().toList();
        String commitment = lines.get(lines.size() - 1);
        assertThat(commitment).matches("[0-9a-f]{64}");
        InProcess.Run other = InProcess.run("sample", "draw", "--size", "31", "--seed", seed, "--data", data.toString());
        assertThat(other.code()).as("a committed sample never changes").isEqualTo(2);
        assertThat(other.err()).contains("a different quick-count sample is committed already");

        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(200, 4));
        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC());
             TestigoServer server = TestigoServer.start(d, "127.0.0.1", 0)) {
            String token = d.tokens().create(Role.WITNESS, "cli quick count");
            String url = "http://127.0.0.1:" + server.port();
            var sampled = d.quickCount().orElseThrow().sample().tableSet();
            SyntheticTable t = java.util.stream.IntStream.range(0, 200).mapToObj(synth::table)
                    .filter(x -> sampled.contains(x.table().id())).findFirst().orElseThrow();
            List<Candidate> ballot = synth.election().ballot().candidates();
            String votes = java.util.stream.IntStream.range(0, ballot.size())
                    .mapToObj(i -> ballot.get(i).id() + "=" + t.candidates().get(i)).collect(Collectors.joining(","));
            InProcess.Run result = InProcess.run("checkin", "result", "--server", url, "--token", token, "--table", t.table().id().value(),
                    "--votes", votes, "--null", Integer.toString(t.nullVotes()));
            assertThat(result.code()).as(result.out() + result.err()).isZero();
            InProcess.Run turnout = InProcess.run("checkin", "turnout", "--server", url, "--token", token, "--table", t.table().id().value(),
                    "--at", "12:00", "--voters", "3");
            assertThat(turnout.code()).isEqualTo(4);
            assertThat(turnout.out()).contains("UNKNOWN_TIME");
        }

        InProcess.Run quick = InProcess.run("quickcount", "--data", data.toString());
        assertThat(quick.code()).as(quick.err()).isZero();
        assertThat(quick.out()).contains("Reported: 1 of 30 sampled tables").contains("With 1 of 30 sampled tables in");
        InProcess.Run json = InProcess.run("quickcount", "--json", "--data", data.toString());
        assertThat(json.out()).contains("\"commitment\":\"" + commitment + "\"").contains("\"seed\":null");

        Path revealed = dir.resolve("sample.txt");
        InProcess.Run reveal = InProcess.run("sample", "reveal", "--out", revealed.toString(), "--data", data.toString());
        assertThat(reveal.code()).as(reveal.err()).isZero();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(revealed))))
                .as("sha256sum of the revealed file is the commitment").isEqualTo(commitment);
        assertThat(InProcess.run("quickcount", "--json", "--data", data.toString()).out()).contains("\"seed\":\"" + seed + "\"");

        InProcess.Run check = InProcess.run("sample", "check", "--seed", seed, "--commitment", commitment, "--file", revealed.toString(),
                "--data", data.toString());
        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("OK: the sample matches the published commitment.");
        InProcess.Run wrongSeed = InProcess.run("sample", "check", "--seed", seed + "!", "--commitment", commitment, "--size", "30",
                "--data", data.toString());
        assertThat(wrongSeed.code()).isEqualTo(3);
        assertThat(wrongSeed.out()).contains("MISMATCH");
    }
}
