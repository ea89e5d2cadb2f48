package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.intake.ActaPictures;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.ImageStore;
import org.testigo.store.Role;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;

/** Photos of actas over real HTTP, decoded on the server's pool, into the results. */
class ImageSubmissionsTest {
    static LiveServer live;

    @BeforeAll
    static void start() {
        live = new LiveServer(40, 31);
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void aPhotoWithAValidCodeIsAnsweredAtOnceThenDecodedAndCounted() {
        SyntheticTable t = live.synth.table(0);
        LiveServer.Answer a = live.submitImage(Role.WITNESS, ActaPictures.png(t.payload()));
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        JsonNode receipt = a.json();
        assertThat(receipt.get("status").asText()).isEqualTo("decoding");
        assertThat(receipt.get("duplicate").asBoolean()).isFalse();
        long id = receipt.get("id").asLong();
        assertThat(a.header("Location")).isEqualTo("/api/v1/images/" + id);
        assertThat(receipt.at("/links/self").asText()).isEqualTo("/api/v1/images/" + id);

        JsonNode s = live.awaitImage(id, Role.WITNESS);
        assertThat(s.get("status").asText()).isEqualTo("decoded");
        assertThat(s.get("table").asText()).isEqualTo(t.table().id().value());
        assertThat(s.get("payloads")).hasSize(1);
        assertThat(s.at("/payloads/0").asText()).isEqualTo(t.payload());
        long evidence = s.get("evidence").asLong();
        long logIndex = s.get("log_index").asLong();
        assertThat(s.at("/links/inclusion_proof").asText()).isEqualTo("/api/v1/proofs/inclusion?index=" + logIndex);
        assertThat(new org.testigo.store.LogStore(live.deployment.database()).positionOf(evidence)).contains(logIndex);
        JsonNode e = live.get("/api/v1/evidence/" + evidence).json();
        assertThat(e.get("channel").asText()).isEqualTo("image");
        assertThat(e.get("content").isNull()).as("the original image is sealed: never published").isTrue();

        JsonNode table = live.get("/api/v1/tables/" + t.table().id().value()).json();
        assertThat(table.get("status").asText()).isEqualTo("provisional");
        assertThat(table.at("/accepted/valid").asLong()).isEqualTo(t.valid());
        JsonNode results = live.get("/api/v1/results").json();
        assertThat(results.at("/tables/received").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aPhotoWithoutACodeNeedsTranscriptionAndTheCommandCentreSeesIt() {
        LiveServer.Answer a = live.submitImage(Role.WITNESS, ActaPictures.withoutCode(7));
        long id = a.json().get("id").asLong();
        JsonNode s = live.awaitImage(id, Role.WITNESS);
        assertThat(s.get("status").asText()).isEqualTo("needs-transcription");
        assertThat(s.get("reason_code").asText()).isEqualTo("no-qr-code");

        JsonNode list = live.get("/api/v1/transcriptions", Role.VOLUNTEER).json();
        List<Long> ids = new ArrayList<>();
        list.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        assertThat(ids).contains(id);
        JsonNode item = null;
        for (JsonNode i : list.get("items")) {
            if (i.get("id").asLong() == id) {
                item = i;
            }
        }
        assertThat(item.get("problem").asText()).isNotBlank();
        String thumbnail = item.at("/links/thumbnail").asText();
        LiveServer.Answer image = live.get(thumbnail, Role.VOLUNTEER);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(image.raw().body()).startsWith((byte) 0xff, (byte) 0xd8);
        assertThat(image.header("Cache-Control")).startsWith("private");

        assertThat(live.get("/api/v1/transcriptions", Role.WITNESS).status()).isEqualTo(403);
        assertThat(live.get(thumbnail, Role.WITNESS).status()).isEqualTo(403);
        assertThat(live.get("/api/v1/transcriptions").status()).isEqualTo(401);
    }

    @Test
    void aTruncatedJpegIsReceivedThenRejectedWithTheReason() {
        LiveServer.Answer a = live.submitImage(Role.WITNESS, ActaPictures.truncatedJpeg(live.synth.table(1).payload(), 0.4));
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        JsonNode s = live.awaitImage(a.json().get("id").asLong(), Role.WITNESS);
        assertThat(s.get("status").asText()).isEqualTo("rejected");
        assertThat(s.get("reason_code").asText()).isEqualTo("truncated");
        assertThat(s.get("reason").asText()).isNotBlank();
        assertThat(s.get("evidence").isNull()).isTrue();
    }

    @Test
    void hostileFilesGetAClientErrorAtOnceAndNothingIsStored() {
        long before = live.deployment.images().count();
        record Hostile(byte[] bytes, int status, String error) {
        }
        for (Hostile h : List.of(new Hostile(new byte[0], 400, "IMAGE_EMPTY"),
                new Hostile(ActaPictures.pngBomb(30_000), 422, "IMAGE_TOO_MANY_PIXELS"),
                new Hostile("<html>not an acta</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8), 415, "NOT_AN_IMAGE"))) {
            BadInputCorpusTest.assertRefusal(live.submitImage(Role.WITNESS, h.bytes()), h.status(), h.error());
        }
        assertThat(live.deployment.images().count()).isEqualTo(before);
    }

    @Test
    void theSamePhotoSentAgainReturnsTheSameSubmission() {
        byte[] photo = ActaPictures.png(live.synth.table(2).payload());
        LiveServer.Answer first = live.submitImage(Role.WITNESS, photo);
        long id = first.json().get("id").asLong();
        live.awaitImage(id, Role.WITNESS);
        LiveServer.Answer again = live.submitImage(Role.WITNESS, photo);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(id);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("status").asText()).isEqualTo("decoded");
    }

    @Test
    void qrTextSentWithThePhotoIsCountedAtOnce() {
        SyntheticTable t = live.synth.table(3);
        LiveServer.Answer a = live.submitImage(Role.WITNESS, ActaPictures.png(t.payload()), t.payload());
        assertThat(a.status()).isEqualTo(202);
        assertThat(a.json().at("/text/table").asText()).isEqualTo(t.table().id().value());
        assertThat(a.json().at("/text/status").asText()).isEqualTo("provisional");
        JsonNode s = live.awaitImage(a.json().get("id").asLong(), Role.WITNESS);
        assertThat(s.get("status").asText()).isEqualTo("decoded");
        assertThat(s.get("text_evidence").asLong()).isEqualTo(a.json().at("/text/evidence").asLong());
    }

    @Test
    void aWitnessCannotFollowAnotherWitnesssPhoto() {
        long id = live.submitImage(Role.WITNESS, ActaPictures.withoutCode(8)).json().get("id").asLong();
        String otherWitness = live.deployment.tokens().create(Role.WITNESS, "another witness");
        LiveServer.Answer a = live.send(java.net.http.HttpRequest.newBuilder(live.uri("/api/v1/images/" + id))
                .header("Authorization", "Bearer " + otherWitness).GET().build());
        BadInputCorpusTest.assertRefusal(a, 404, "UNKNOWN_IMAGE");
        assertThat(live.get("/api/v1/images/" + id, Role.COORDINATOR).status()).isEqualTo(200);
    }

    @Test
    void photosLeftDecodingByAStoppedServerAreDecodedByTheNextOne() {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(10, 41));
        DatabaseConfig.Server config = TestPostgres.freshDatabase();
        List<Long> ids = new ArrayList<>();
        // Received and durable, never decoded: what a kill right after the 202 leaves behind.
        try (Database db = Database.open(config)) {
            try (var d = org.testigo.deployment.Deployment.open(db, java.time.Clock.systemUTC())) {
                d.load(synth.election());
                ImageStore images = d.images();
                for (int i = 0; i < 3; i++) {
                    ids.add(images.receive("witness-1", "image/png", ActaPictures.png(synth.table(i).payload()), null, null,
                            Instant.now()).submission().id());
                }
            }
        }
        try (LiveServer again = new LiveServer(synth, config)) {
            for (int i = 0; i < ids.size(); i++) {
                JsonNode s = again.awaitImage(ids.get(i), Role.COORDINATOR);
                assertThat(s.get("status").asText()).isEqualTo("decoded");
                assertThat(s.get("table").asText()).isEqualTo(synth.table(i).table().id().value());
            }
            assertThat(again.get("/api/v1/results").json().at("/tables/received").asLong()).isEqualTo(3);
        }
    }
}
