package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testigo.election.Card;
import org.testigo.election.Counts;
import org.testigo.intake.ActaPictures;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.tally.ve2024.Ve2024Payload;

/** "Verify my acta" over real HTTP, anonymous, against a live server with a synthetic election. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyApiTest {
    private LiveServer live;

    @BeforeAll
    void start() {
        live = new LiveServer(30, 44);
        for (int i = 0; i < 10; i++) {
            assertThat(live.submit(Role.WITNESS, Map.of("payload", live.synth.table(i).payload())).status()).isEqualTo(201);
        }
    }

    @AfterAll
    void stop() {
        live.close();
    }

    private LiveServer.Answer json(String path, String body) {
        return live.send(HttpRequest.newBuilder(live.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The form as a client that asks for JSON (the site's form routes answer a browser with a page). */
    private LiveServer.Answer form(String path, Multipart form) {
        return live.send(HttpRequest.newBuilder(live.uri(path)).header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
    }

    private static String quoted(String s) {
        return new String(org.testigo.views.Json.bytes(s), StandardCharsets.UTF_8);
    }

    /** Table {@code t}'s acta with {@code delta} more votes on card {@code card}. */
    private static String changed(SyntheticTable t, int card, int delta) {
        int[] cards = t.cards().toArray();
        cards[card] += delta;
        return Ve2024Payload.format(t.table().id(), Counts.of(cards), t.nullVotes(), 0);
    }

    @Test
    void aMatchingQrTextIsAMatchAndRecordsNothing() {
        SyntheticTable t = live.synth.table(1);
        long evidence = live.deployment.evidence().count();
        LiveServer.Answer a = json("/api/v1/verify", "{\"qr\": " + quoted(t.payload()) + "}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.header("Cache-Control")).contains("no-store");
        JsonNode r = a.json();
        assertThat(r.get("outcome").asText()).isEqualTo("match");
        assertThat(r.get("source").asText()).isEqualTo("qr");
        assertThat(r.get("table").asText()).isEqualTo(t.table().id().value());
        assertThat(r.get("evidence_id").isNull()).isTrue();
        assertThat(r.get("differences")).isEmpty();
        assertThat(live.deployment.evidence().count()).isEqualTo(evidence);
    }

    @Test
    void oneVoteFewerIsAMismatchRecordedOnceThatLeavesTheTableAlone() {
        SyntheticTable t = live.synth.table(2);
        int card = 0;
        while (t.cards().get(card) == 0) {
            card++;
        }
        Card c = Ve2024Ballot.BALLOT.cards().get(card);
        int candidate = Ve2024Ballot.BALLOT.candidates().stream().map(x -> x.id()).toList().indexOf(c.candidate());
        String forged = changed(t, card, -1);
        long evidence = live.deployment.evidence().count();

        LiveServer.Answer a = form("/api/v1/verify", Multipart.form().text("qr", forged + "\r\n"));

        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonNode r = a.json();
        assertThat(r.get("outcome").asText()).isEqualTo("mismatch");
        assertThat(r.get("differences")).hasSize(2);
        JsonNode d = r.get("differences").get(0);
        assertThat(d.get("field").asText()).isEqualTo("candidate");
        assertThat(d.get("id").asText()).isEqualTo(c.candidate());
        assertThat(d.get("published").asLong()).isEqualTo(t.candidates().get(candidate));
        assertThat(d.get("acta").asLong()).isEqualTo(t.candidates().get(candidate) - 1);
        JsonNode cardDiff = r.get("differences").get(1);
        assertThat(cardDiff.get("field").asText()).isEqualTo("card");
        assertThat(cardDiff.get("id").asText()).isEqualTo(c.id());
        long id = r.get("evidence_id").asLong();
        assertThat(id).isPositive();
        assertThat(r.get("duplicate").asBoolean()).isFalse();
        assertThat(live.deployment.evidence().count()).isEqualTo(evidence + 1);

        JsonNode again = form("/api/v1/verify", Multipart.form().text("qr", forged)).json();
        assertThat(again.get("evidence_id").asLong()).isEqualTo(id);
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(live.deployment.evidence().count()).isEqualTo(evidence + 1);

        JsonNode table = live.get("/api/v1/tables/" + t.table().id().value()).json();
        assertThat(table.get("status").asText()).isEqualTo("provisional");
        assertThat(table.get("versions")).hasSize(1);
        JsonNode published = live.get("/api/v1/evidence/" + id).json();
        assertThat(published.get("channel").asText()).isEqualTo("citizen");
        assertThat(published.get("submitter").asText()).isEqualTo("citizen");
        assertThat(published.get("content").asText()).isEqualTo(forged);

        assertThat(live.get("/api/v1/reviews").status()).isEqualTo(401);
        assertThat(live.get("/api/v1/reviews", Role.WITNESS).status()).isEqualTo(403);
        JsonNode reviews = live.get("/api/v1/reviews?channel=citizen", Role.VOLUNTEER).json();
        assertThat(reviews.get("items")).anySatisfy(item -> {
            assertThat(item.get("evidence_id").asLong()).isEqualTo(id);
            assertThat(item.get("outcome_now").asText()).isEqualTo("mismatch");
            assertThat(item.get("differences")).hasSize(2);
        });
        assertThat(live.get("/api/v1/reviews?channel=qr", Role.ADMIN).status()).isEqualTo(400);
    }

    @Test
    void aPhotoSentThroughTheSiteFormIsCheckedLikeText() {
        SyntheticTable t = live.synth.table(3);
        LiveServer.Answer a = form("/verify", Multipart.form().text("qr", "").image(ActaPictures.png(t.payload())));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonNode r = a.json();
        assertThat(r.get("outcome").asText()).isEqualTo("match");
        assertThat(r.get("source").asText()).isEqualTo("image");
        assertThat(r.get("payloads").get(0).asText()).isEqualTo(t.payload());

        JsonNode english = form("/en/verify", Multipart.form().image(ActaPictures.png(changed(t, 1, 2)))).json();
        assertThat(english.get("outcome").asText()).isEqualTo("mismatch");
        long image = english.get("image_id").asLong();
        assertThat(live.get("/api/v1/images/" + image + "/web", Role.COORDINATOR).status()).isEqualTo(200);
        assertThat(live.get("/api/v1/images/" + image + "/web").status()).as("never public").isEqualTo(401);
    }

    @Test
    void aSheetWithoutACodeIsUnreadable() {
        JsonNode r = form("/api/v1/verify", Multipart.form().image(ActaPictures.withoutCode(9))).json();
        assertThat(r.get("outcome").asText()).isEqualTo("unreadable");
        assertThat(r.get("problems").get(0).get("code").asText()).isEqualTo("NO_QR_CODE");
        assertThat(r.get("evidence_id").isNull()).isTrue();
    }

    @Test
    void garbageQrTextIsInvalidWithTheDecodersMessage() {
        LiveServer.Answer a = json("/api/v1/verify", "{\"qr\": \"<script>alert(1)</script>\"}");
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonNode r = a.json();
        assertThat(r.get("outcome").asText()).isEqualTo("invalid");
        JsonNode p = r.get("problems").get(0);
        assertThat(p.get("code").asText()).isEqualTo("BAD_CHARACTER");
        assertThat(p.get("message").asText()).startsWith("character 1 of the payload is");
        assertThat(a.header("Content-Type")).as("served as data, never as a page").startsWith("application/json");
    }

    @Test
    void badRequestsGetACleanRefusal() {
        assertThat(form("/api/v1/verify", Multipart.form().text("qr", "  ")).json().get("error").asText()).isEqualTo("NOTHING_TO_VERIFY");
        LiveServer.Answer none = form("/api/v1/verify", Multipart.form().part(new Multipart.Part("image", "", "application/octet-stream",
                new byte[0])));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("error").asText()).isEqualTo("NOTHING_TO_VERIFY");
        LiveServer.Answer both = form("/api/v1/verify", Multipart.form().text("qr", live.synth.table(0).payload())
                .image(ActaPictures.png(live.synth.table(0).payload())));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("error").asText()).isEqualTo("QR_AND_IMAGE");
        LiveServer.Answer pdf = form("/api/v1/verify", Multipart.form().image("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));
        assertThat(pdf.status()).isEqualTo(415);
        assertThat(pdf.json().get("error").asText()).isEqualTo("NOT_AN_IMAGE");
        LiveServer.Answer bomb = form("/api/v1/verify", Multipart.form().image(ActaPictures.pngBomb(30_000)));
        assertThat(bomb.status()).isEqualTo(422);
        LiveServer.Answer unknown = json("/api/v1/verify", "{\"qr\": \"x\", \"national_id\": \"V123\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("national_id");
        LiveServer.Answer plain = live.send(HttpRequest.newBuilder(live.uri("/api/v1/verify")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(plain.status()).isEqualTo(415);
        assertThat(live.get("/api/v1/verify").status()).isEqualTo(405);
        // Expect: 100-continue, as a careful client sends a large body: the server refuses from the declared
        // length before any byte of it travels (without it, a refusal that closes the connection can race
        // the client still writing, which then reads no answer at all).
        Multipart huge = Multipart.form().image(new byte[(int) org.testigo.scan.ImageLimits.DEFAULT.maxBytes() + (2 << 20)]);
        LiveServer.Answer tooLarge = live.send(HttpRequest.newBuilder(live.uri("/api/v1/verify")).expectContinue(true)
                .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge.bytes())).build());
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    void aCitizenIsHeldToTheDefaultVerifyBudgetOnEveryVerifyRoute() throws Exception {
        try (TestigoServer defaults = TestigoServer.start(live.deployment, "127.0.0.1", 0)) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            int[] statuses = new int[4];
            String[] paths = {"/api/v1/verify", "/verify", "/en/verify", "/api/v1/verify"};
            for (int i = 0; i < statuses.length; i++) {
                var request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + defaults.port() + paths[i]))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                statuses[i] = response.statusCode();
                if (i == 3) {
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                }
            }
            // A burst of 3 shared by the three routes: the fourth request is refused before any work.
            assertThat(statuses).containsExactly(400, 400, 400, 429);
        }
    }
}
