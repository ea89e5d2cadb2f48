package org.testigo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.transparency.LogExport;
import org.testigo.views.Json;
import org.testigo.web.TestigoServer;

/**
 * `testigo log watch` and `testigo log cosign` against two deployments holding the same log key, each on
 * its own PostgreSQL database, their logs served over real HTTP: one honest and growing, one whose history
 * was rewritten (other evidence at an earlier position), and one restored from an old backup. The servers
 * publish their logs through the real {@code /log/} routes; a mirror's copy (LogExport files behind a plain
 * static file server, or a folder) is watched the same way.
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
        SignedNote note = checkpoint(d);
        LogExport.write(d.transparency().orElseThrow(), note, folder);
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

    /** A real Testigo server for the deployment; returns its /log/ base URL. */
    private String serveLive(Deployment d) {
        TestigoServer server = TestigoServer.start(d, "127.0.0.1", 0);
        open.add(server::close);
        return "http://127.0.0.1:" + server.port() + "/log/";
    }

    /** Issues the deployment's checkpoint of everything logged so far (the server's signer does this every few seconds). */
    private static SignedNote checkpoint(Deployment d) {
        d.stateLog().orElseThrow().flush(java.time.Duration.ofSeconds(10));
        return d.transparency().orElseThrow().checkpoint();
    }

    private static long size(SignedNote note) {
        return Checkpoint.parse(note.text()).size();
    }

    @Test
    void detectsAHistoryRewriteAndARollbackBetweenTwoServersSharingTheLogKey() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("log.pub"), KEY.verifier().encoded() + "\n");
        Path state = dir.resolve("monitor/last-checkpoint");

        Deployment honest = deployment(TestPostgres.freshDatabase());
        String honestUrl = serveLive(honest);
        submit(honest, range(0, 10));
        SignedNote first = checkpoint(honest);

        InProcess.Run look = InProcess.run("log", "watch", honestUrl, "--key", keyFile.toString(), "--once", "--state", state.toString());
        assertThat(look.code()).as(look.err()).isZero();
        assertThat(look.out()).contains("FIRST_SEEN");
        assertThat(SignedNote.parse(Files.readAllBytes(state)).text()).isEqualTo(first.text());

        submit(honest, range(10, 30));
        SignedNote second = checkpoint(honest);
        assertThat(size(second)).isGreaterThan(size(first));
        look = InProcess.run("log", "watch", honestUrl, "--key", KEY.verifier().encoded(), "--once", "--state", state.toString());
        assertThat(look.code()).as(look.err()).isZero();
        assertThat(look.out()).contains("EXTENDED", "size " + size(first) + " → " + size(second));

        // The second server: same key, same election, but other evidence from position 5 on, and more of it.
        Deployment rewritten = deployment(TestPostgres.freshDatabase());
        String rewrittenUrl = serveLive(rewritten);
        submit(rewritten, range(0, 5));
        submit(rewritten, range(40, 60));
        submit(rewritten, range(5, 30));
        SignedNote forked = checkpoint(rewritten);
        assertThat(size(forked)).isGreaterThan(size(second));
        look = InProcess.run("log", "watch", rewrittenUrl, "--key", keyFile.toString(), "--once", "--state", state.toString());
        assertThat(look.code()).isEqualTo(LogWatchCommand.ALARM);
        assertThat(look.err()).contains("ALARM FORK", "history was rewritten", second.format(), forked.format());
        assertThat(SignedNote.parse(Files.readAllBytes(state)).text()).as("an alarm never becomes the new normal").isEqualTo(second.text());

        // The honest deployment restored from an old backup (same key, only its first ten actas): a smaller log.
        Deployment restored = deployment(TestPostgres.freshDatabase());
        String restoredUrl = serveLive(restored);
        submit(restored, range(0, 10));
        SignedNote old = checkpoint(restored);
        look = InProcess.run("log", "watch", restoredUrl, "--key", keyFile.toString(), "--once", "--state", state.toString());
        assertThat(look.code()).isEqualTo(LogWatchCommand.ALARM);
        assertThat(look.err()).contains("ALARM ROLLBACK", "size " + size(second), "size " + size(old));

        look = InProcess.run("log", "watch", "http://127.0.0.1:1/log/", "--key", keyFile.toString(), "--once", "--state", state.toString());
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
        assertThat(InProcess.run("log", "watch", mirror.toString(), "--key", key, "--once", "--state", state.toString()).code()).isZero();
        submit(honest, range(8, 20));
        SignedNote mirrored = publish(honest, mirror);
        InProcess.Run grew = InProcess.run("log", "watch", mirror.toString(), "--key", key, "--once", "--state", state.toString());
        assertThat(grew.code()).isZero();
        assertThat(grew.out()).contains("EXTENDED");

        // The mirror's copy of a tile altered on the stick: not the tree that was signed.
        Path tile = mirror.resolve("tile/0/000.p/" + size(mirrored));
        byte[] bytes = Files.readAllBytes(tile);
        bytes[40] ^= 1;
        Files.write(tile, bytes);
        InProcess.Run bad = InProcess.run("log", "watch", mirror.toString(), "--key", key, "--once", "--state", state.toString());
        assertThat(bad.code()).isEqualTo(LogWatchCommand.ALARM);
        assertThat(bad.err()).contains("ALARM TILES_CONTRADICT_CHECKPOINT");

        InProcess.Run wrongKey = InProcess.run("log", "watch", mirror.toString(), "--key", NoteKey.generate(KEY.name()).verifier().encoded(), "--once");
        assertThat(wrongKey.code()).isEqualTo(LogWatchCommand.ALARM);
        assertThat(wrongKey.err()).contains("SIGNATURE_INVALID");

        InProcess.Run badArgs = InProcess.run("log", "watch", mirror.toString(), "--key", "no-such-file", "--once");
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
        InProcess.Run keygen = InProcess.run("witness", "keygen", "witness.test.example", witnessKey.toString());
        assertThat(keygen.code()).as(keygen.err()).isZero();
        NoteVerifier witness = NoteVerifier.parse(keygen.out().strip());
        assertThat(witness.name()).isEqualTo("witness.test.example");
        assertThat(InProcess.run("witness", "keygen", "again", witnessKey.toString()).err()).contains("never replaced");

        String db = "postgresql://" + honestDb.user() + "@localhost:" + TestPostgres.port() + "/" + honestDb.database();
        InProcess.Run posted = InProcess.run("log", "cosign", honestUrl, "--log-key", KEY.verifier().encoded(), "--witness-key", witnessKey.toString(),
                "--post", "http://127.0.0.1:" + server.port() + "/");
        assertThat(posted.code()).as("not trusted yet: " + posted.err()).isEqualTo(LogCosignCommand.POST_FAILED);
        assertThat(posted.err()).contains("403", "WITNESS_UNTRUSTED");

        InProcess.Run trust = InProcess.run("witness", "trust", keygen.out().strip(), "--db", db);
        assertThat(trust.code()).as(trust.err()).isZero();
        posted = InProcess.run("log", "cosign", honestUrl, "--log-key", KEY.verifier().encoded(), "--witness-key", witnessKey.toString(),
                "--post", "http://127.0.0.1:" + server.port() + "/");
        assertThat(posted.code()).as(posted.err()).isZero();
        SignedNote cosigned = SignedNote.parse(posted.out());
        assertThat(cosigned.text()).isEqualTo(checkpoint.text());
        assertThat(Cosignature.verifiedTime(cosigned, witness)).isNotNull();

        HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/log/cosignatures?size=" + size(checkpoint))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode list = Json.mapper().readTree(listed.body());
        assertThat(list.at("/cosignatures/0/name").asText()).isEqualTo("witness.test.example");
        SignedNote published = honest.transparency().orElseThrow().published();
        assertThat(Cosignature.verifiedTime(published, witness)).isNotNull();

        // The witness now looks at a server that rewrote history under the same key: it must not cosign.
        Deployment rewritten = deployment(TestPostgres.freshDatabase());
        Path rewrittenFolder = Files.createDirectories(dir.resolve("rewritten"));
        submit(rewritten, range(30, 45));
        publish(rewritten, rewrittenFolder);
        Path state = witnessKey.resolveSibling("key.cosigned");
        String before = Files.readString(state);
        InProcess.Run refused = InProcess.run("log", "cosign", serve(rewrittenFolder), "--log-key", KEY.verifier().encoded(), "--witness-key", witnessKey.toString());
        assertThat(refused.code()).isEqualTo(LogWatchCommand.ALARM);
        assertThat(refused.err()).contains("ALARM FORK");
        assertThat(refused.out()).doesNotContain("\u2014 witness.test.example");
        assertThat(Files.readString(state)).isEqualTo(before);
    }
}
