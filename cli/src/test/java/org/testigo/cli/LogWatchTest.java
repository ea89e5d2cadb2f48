package org.testigo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.deployment.Deployment;
import org.testigo.intake.Submission;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.Cosignature;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.SignedNote;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.TestPostgres;
import org.testigo.store.WitnessStore;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.transparency.LogExport;
import org.testigo.transparency.TransparencyLog;
import org.testigo.views.Json;
import org.testigo.web.TestigoServer;

/**
 * `testigo log watch` and `testigo log cosign` against two deployments holding the same log key, each on
 * its own PostgreSQL database, their logs served over real HTTP: one honest and growing, one whose history
 * was rewritten (other evidence at an earlier position). The log is published as tlog-tiles files by
 * LogExport and served by a plain static file server (as a mirror would).
 */
class LogWatchTest {
    private static final NoteKey KEY = NoteKey.generate("testigo.test/watch");
    private final SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(60, 21));
    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** A deployment of the synthetic election on a fresh database, its log signed with {@link #KEY}. */
    private Deployment deployment(DatabaseConfig config) {
        Deployment d = Deployment.open(Database.open(config), Clock.systemUTC(), KEY);
        open.add(d);
        d.load(synth.election());
        return d;
    }

    private void submit(Deployment d, int... tables) {
        for (int t : tables) {
            d.requireRunning().intake().submit(new Submission(null, List.of(synth.table(t).payload()), Channel.QR, "witness-" + t)).join();
        }
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    /** Publishes the deployment's latest checkpoint and its tiles into {@code folder}; returns the checkpoint. */
    private static SignedNote publish(Deployment d, Path folder) throws IOException {
        TransparencyLog log = d.transparency().orElseThrow();
        SignedNote note = log.checkpoint();
        LogExport.write(log, note, folder);
        return note;
    }

    /** A static file server for {@code folder} under /log/; returns the base URL. */
    private String serve(Path folder) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/log/", exchange -> {
            String relative = exchange.getRequestURI().getPath().substring("/log/".length());
            Path file = folder.resolve(relative).normalize();
            byte[] body = file.startsWith(folder) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
        open.add(() -> server.stop(0));
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/log/";
    }

    private static long size(SignedNote note) {
        return Checkpoint.parse(note.text()).size();
    }

    @Test
    void detectsAHistoryRewriteAndARollbackBetweenTwoServersSharingTheLogKey() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("log.pub"), KEY.verifier().encoded() + "\n");
        Path state = dir.resolve("monitor/last-checkpoint");

        Deployment honest = deployment(TestPostgres.freshDatabase());
        Path honestFolder = Files.createDirectories(dir.resolve("honest"));
        String honestUrl = serve(honestFolder);
        submit(honest, range(0, 10));
        SignedNote first = publish(honest, honestFolder);

        Run look = run("log", "watch", honestUrl, "--key", keyFile.toString(), "--once", "--state", state.toString());
        assertThat(look.code()).as(look.err()).isZero();
        assertThat(look.out()).contains("FIRST_SEEN");
        assertThat(SignedNote.parse(Files.readAllBytes(state)).text()).isEqualTo(first.text());

        submit(honest, range(10, 30));
        SignedNote second = publish(honest, honestFolder);
        assertThat(size(second)).isGreaterThan(size(first));
        look = run("log", "watch", honestUrl, "--key", KEY.verifier().encoded(), "--once", "--state", state.toString());
        assertThat(look.code()).as(look.err()).isZero();
        assertThat(look.out()).contains("EXTENDED", "size " + size(first) + " → " + size(second));

        // The second server: same key, same election, but other evidence from position 5 on, and more of it.
        Deployment rewritten = deployment(TestPostgres.freshDatabase());
        Path rewrittenFolder = Files.createDirectories(dir.resolve("rewritten"));
        String rewrittenUrl = serve(rewrittenFolder);
        submit(rewritten, range(0, 5));
        submit(rewritten, range(40, 60));
        submit(rewritten, range(5, 30));
        SignedNote forked = publish(rewritten, rewrittenFolder);
        assertThat(size(forked)).isGreaterThan(size(second));
        look = run("log", "watch", rewrittenUrl, "--key", keyFile.toString(), "--once", "--state", state.toString());
        assertThat(look.code()).isEqualTo(LogWatchCommand.ALARM);
        assertThat(look.err()).contains("ALARM FORK", "history was rewritten", second.format(), forked.format());
        assertThat(SignedNote.parse(Files.readAllBytes(state)).text()).as("an alarm never becomes the new normal").isEqualTo(second.text());

        // The honest server restored from an old backup: it serves its first checkpoint again.
        Files.writeString(honestFolder.resolve("checkpoint"), first.format());
        look = run("log", "watch", honestUrl, "--key", keyFile.toString(), "--once", "--state", state.toString());
        assertThat(look.code()).isEqualTo(LogWatchCommand.ALARM);
        assertThat(look.err()).contains("ALARM ROLLBACK", "size " + size(second), "size " + size(first));

        look = run("log", "watch", "http://127.0.0.1:1/log/", "--key", keyFile.toString(), "--once", "--state", state.toString());
        assertThat(look.code()).isEqualTo(LogWatchCommand.UNREACHABLE);
        assertThat(look.err()).contains("warning SOURCE_UNREACHABLE");
        assertThat(SignedNote.parse(Files.readAllBytes(state)).text()).isEqualTo(second.text());
    }

    @Test
    void watchesAMirrorFolderTheSameWay() throws Exception {
        Deployment honest = deployment(TestPostgres.freshDatabase());
        Path mirror = dir.resolve("mirror");
        Path state = dir.resolve("state");
        submit(honest, range(0, 8));
        publish(honest, mirror);
        String key = KEY.verifier().encoded();
        assertThat(run("log", "watch", mirror.toString(), "--key", key, "--once", "--state", state.toString()).code()).isZero();
        submit(honest, range(8, 20));
        publish(honest, mirror);
        Run grew = run("log", "watch", mirror.toString(), "--key", key, "--once", "--state", state.toString());
        assertThat(grew.code()).isZero();
        assertThat(grew.out()).contains("EXTENDED");

        // The mirror's copy of a tile altered on the stick: not the tree that was signed.
        Path tile = mirror.resolve("tile/0/000.p/" + size(honest.transparency().orElseThrow().checkpoint()));
        byte[] bytes = Files.readAllBytes(tile);
        bytes[40] ^= 1;
        Files.write(tile, bytes);
        Run bad = run("log", "watch", mirror.toString(), "--key", key, "--once", "--state", state.toString());
        assertThat(bad.code()).isEqualTo(LogWatchCommand.ALARM);
        assertThat(bad.err()).contains("ALARM TILES_CONTRADICT_CHECKPOINT");

        Run wrongKey = run("log", "watch", mirror.toString(), "--key", NoteKey.generate(KEY.name()).verifier().encoded(), "--once");
        assertThat(wrongKey.code()).isEqualTo(LogWatchCommand.ALARM);
        assertThat(wrongKey.err()).contains("SIGNATURE_INVALID");

        Run badArgs = run("log", "watch", mirror.toString(), "--key", "no-such-file", "--once");
        assertThat(badArgs.code()).isEqualTo(2);
        assertThat(badArgs.err()).contains("--key is neither a verifier key");
    }

    @Test
    void aWitnessCosignsTheHonestLogPostsItAndRefusesTheRewrittenOne() throws Exception {
        DatabaseConfig.Server honestDb = TestPostgres.freshDatabase();
        Deployment honest = deployment(honestDb);
        TestigoServer server = TestigoServer.start(honest, "127.0.0.1", 0);
        open.add(server);
        Path honestFolder = Files.createDirectories(dir.resolve("honest"));
        String honestUrl = serve(honestFolder);
        submit(honest, range(0, 10));
        SignedNote checkpoint = publish(honest, honestFolder);

        Path witnessKey = dir.resolve("witness/key");
        Run keygen = run("witness", "keygen", "witness.test.example", witnessKey.toString());
        assertThat(keygen.code()).as(keygen.err()).isZero();
        NoteVerifier witness = NoteVerifier.parse(keygen.out().strip());
        assertThat(witness.name()).isEqualTo("witness.test.example");
        assertThat(run("witness", "keygen", "again", witnessKey.toString()).err()).contains("never replaced");

        String db = "postgresql://" + honestDb.user() + "@localhost:" + TestPostgres.port() + "/" + honestDb.database();
        Run posted = run("log", "cosign", honestUrl, "--log-key", KEY.verifier().encoded(), "--witness-key", witnessKey.toString(),
                "--post", "http://127.0.0.1:" + server.port() + "/");
        assertThat(posted.code()).as("not trusted yet: " + posted.err()).isEqualTo(LogCosignCommand.POST_FAILED);
        assertThat(posted.err()).contains("403", "WITNESS_UNTRUSTED");

        Run trust = run("witness", "trust", keygen.out().strip(), "--db", db);
        assertThat(trust.code()).as(trust.err()).isZero();
        posted = run("log", "cosign", honestUrl, "--log-key", KEY.verifier().encoded(), "--witness-key", witnessKey.toString(),
                "--post", "http://127.0.0.1:" + server.port() + "/");
        assertThat(posted.code()).as(posted.err()).isZero();
        SignedNote cosigned = SignedNote.parse(posted.out());
        assertThat(cosigned.text()).isEqualTo(checkpoint.text());
        assertThat(Cosignature.verifiedTime(cosigned, witness)).isNotNull();

        HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/log/cosignatures?size=" + size(checkpoint))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode list = Json.mapper().readTree(listed.body());
        assertThat(list.at("/cosignatures/0/name").asText()).isEqualTo("witness.test.example");
        SignedNote published = honest.transparency().orElseThrow().cosignedCheckpoint(new WitnessStore(honest.database()));
        assertThat(Cosignature.verifiedTime(published, witness)).isNotNull();

        // The witness now looks at a server that rewrote history under the same key: it must not cosign.
        Deployment rewritten = deployment(TestPostgres.freshDatabase());
        Path rewrittenFolder = Files.createDirectories(dir.resolve("rewritten"));
        submit(rewritten, range(30, 45));
        publish(rewritten, rewrittenFolder);
        Path state = witnessKey.resolveSibling("key.cosigned");
        String before = Files.readString(state);
        Run refused = run("log", "cosign", serve(rewrittenFolder), "--log-key", KEY.verifier().encoded(), "--witness-key", witnessKey.toString());
        assertThat(refused.code()).isEqualTo(LogWatchCommand.ALARM);
        assertThat(refused.err()).contains("ALARM FORK");
        assertThat(refused.out()).doesNotContain("\u2014 witness.test.example");
        assertThat(Files.readString(state)).isEqualTo(before);
    }
}
