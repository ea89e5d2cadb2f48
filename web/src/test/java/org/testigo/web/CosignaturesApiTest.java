package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.deployment.Deployment;
import org.testigo.intake.Submission;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.Cosignature;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.NoteSignature;
import org.testigo.ledger.SignedNote;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.TestPostgres;
import org.testigo.store.WitnessStore;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.transparency.Cosignatures;
import org.testigo.views.Json;

/** Witnesses post cosignatures to a real server (real HTTP, real PostgreSQL) that trusts one of them. */
class CosignaturesApiTest {
    static final NoteKey LOG_KEY = NoteKey.generate("testigo.test/cosign");
    static final NoteKey TRUSTED = NoteKey.generate("witness.trusted.example");
    static final NoteKey STRANGER = NoteKey.generate("witness.stranger.example");
    static Deployment deployment;
    static TestigoServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(20, 9));
        deployment = Deployment.open(Database.open(TestPostgres.freshDatabase()), Clock.systemUTC(), LOG_KEY);
        deployment.load(synth.election());
        for (int i = 0; i < 12; i++) {
            deployment.requireRunning().intake().submit(new Submission(null, List.of(synth.table(i).payload()), Channel.QR, "w")).join();
        }
        // The status changes those submissions caused reach the log from a background batch: wait for them, or the
        // "latest" checkpoint could grow between a test's reading it and asking the server for it.
        assertThat(deployment.stateLog().orElseThrow().flush(java.time.Duration.ofSeconds(30))).isTrue();
        Cosignatures.trust(new WitnessStore(deployment.database()), TRUSTED.verifier());
        server = TestigoServer.start(deployment, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        deployment.close();
    }

    record Answer(int status, String body) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(body);
        }
    }

    static Answer post(String body, String contentType) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/log/cosignatures"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    static Answer post(SignedNote note) throws Exception {
        return post(note.format(), "text/plain; charset=utf-8");
    }

    static Answer get(String query) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/log/cosignatures" + query))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    static SignedNote latest() {
        return deployment.transparency().orElseThrow().checkpoint();
    }

    static SignedNote cosigned(SignedNote note, NoteKey witness, Instant time) {
        return note.with(Cosignature.sign(witness, Checkpoint.parse(note.text()), time));
    }

    @Test
    void aTrustedWitnessesCosignatureIsKeptListedAndPublishedWithTheCheckpoint() throws Exception {
        SignedNote note = latest();
        long size = Checkpoint.parse(note.text()).size();
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Answer first = post(cosigned(note, TRUSTED, time));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(post(cosigned(note, TRUSTED, time)).status()).as("the same again is no news").isEqualTo(200);

        JsonNode list = get("?size=" + size).json();
        assertThat(list.get("size").asLong()).isEqualTo(size);
        assertThat(list.get("cosignatures")).hasSize(1);
        JsonNode c = list.get("cosignatures").get(0);
        assertThat(c.get("name").asText()).isEqualTo("witness.trusted.example");
        assertThat(c.get("key_id").asText()).isEqualTo(TRUSTED.verifier().asCosigner().keyIdHex());
        assertThat(Instant.parse(c.get("cosigned_at").asText())).isEqualTo(time);
        assertThat(get("").json().get("cosignatures")).as("the latest checkpoint, by default").hasSize(1);

        SignedNote published = deployment.transparency().orElseThrow().published();
        assertThat(published.isSignedBy(LOG_KEY.verifier())).isTrue();
        assertThat(Cosignature.verifiedTime(published, TRUSTED.verifier())).isEqualTo(time);
    }

    @Test
    void aCosignatureByAWitnessNotTrustedIsForbidden() throws Exception {
        Answer a = post(cosigned(latest(), STRANGER, Instant.now()));
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.json().get("error").asText()).isEqualTo("WITNESS_UNTRUSTED");
        assertThat(a.json().get("message").asText()).contains("witness.stranger.example+" + STRANGER.verifier().asCosigner().keyIdHex());
    }

    @Test
    void aCheckpointTheLogNeverIssuedIsNotCosigned() throws Exception {
        Checkpoint real = Checkpoint.parse(latest().text());
        // Signed with the log's own key, but never issued: the server keeps what it issued, not what its key can sign.
        SignedNote neverIssued = new Checkpoint(real.origin(), real.size() + 100, real.rootHash()).sign(LOG_KEY);
        Answer a = post(cosigned(neverIssued, TRUSTED, Instant.now()));
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("error").asText()).isEqualTo("CHECKPOINT_NOT_ISSUED");
        byte[] otherRoot = real.rootHash();
        otherRoot[0] ^= 1;
        Answer sameSize = post(cosigned(new Checkpoint(real.origin(), real.size(), otherRoot).sign(LOG_KEY), TRUSTED, Instant.now()));
        assertThat(sameSize.status()).isEqualTo(404);
        assertThat(sameSize.json().get("message").asText()).contains("another root");
    }

    @Test
    void malformedOrForgedCosignaturesAreRefusedPrecisely() throws Exception {
        Answer garbage = post("not a note", "text/plain");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("error").asText()).isEqualTo("NOTE_MALFORMED");

        assertThat(post(latest().format(), "application/json").status()).isEqualTo(415);

        Answer bare = post(latest());
        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.json().get("error").asText()).isEqualTo("NO_COSIGNATURE");

        // The trusted witness's cosignature with one bit of the signature flipped.
        NoteSignature good = Cosignature.sign(TRUSTED, Checkpoint.parse(latest().text()), Instant.now());
        byte[] value = good.value();
        value[value.length - 1] ^= 1;
        Answer forged = post(latest().with(new NoteSignature(good.name(), value)));
        assertThat(forged.status()).isEqualTo(422);
        assertThat(forged.json().get("error").asText()).isEqualTo("COSIGNATURE_INVALID");

        // A plain note signature by the witness's key is not a cosignature.
        Answer plain = post(latest().with(TRUSTED.signNote(latest().text())));
        assertThat(plain.status()).isEqualTo(422);
        assertThat(plain.json().get("message").asText()).contains("not a cosignature/v1");

        Answer future = post(cosigned(latest(), TRUSTED, Instant.now().plus(1, ChronoUnit.DAYS)));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().get("error").asText()).isEqualTo("COSIGNATURE_TIME_INVALID");

        String otherLog = "other.log\n1\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";
        Answer wrongLog = post(new SignedNote(otherLog, List.of(NoteKey.generate("other.log").signNote(otherLog))).format(), "text/plain");
        assertThat(wrongLog.status()).isEqualTo(422);
        assertThat(wrongLog.json().get("error").asText()).isEqualTo("WRONG_LOG");

        assertThat(get("?size=abc").status()).isEqualTo(400);
        assertThat(get("?size=123456").status()).isEqualTo(404);
        assertThat(new String(get("?size=abc").body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).contains("QUERY_INVALID");
    }
}
