package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testigo.election.Card;
import org.testigo.intake.ActaPictures;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;
import org.testigo.views.Json;

/** The transcription desk as a front end drives it, over real HTTP: three volunteers, one disagreement, one agreement. */
class DeskApiTest {
    @Test
    void threeVolunteersTurnAnUnreadablePhotoIntoTheTablesResult() {
        try (LiveServer live = new LiveServer(10, 17)) {
            LiveServer.Answer photo = live.submitImage(Role.WITNESS, ActaPictures.withoutCode(3));
            assertThat(live.awaitImage(photo.json().get("id").asLong(), Role.WITNESS).get("status").asText()).isEqualTo("needs-transcription");
            String[] volunteers = new String[3];
            for (int i = 0; i < 3; i++) {
                volunteers[i] = live.post("/api/v1/tokens", Role.COORDINATOR, "{\"role\":\"volunteer\",\"name\":\"v" + i + "\"}").json()
                        .get("token").asText();
            }
            SyntheticTable t = live.synth.table(6);

            JsonNode task = get(live, volunteers[0], "/api/v1/desk/next").json();
            assertThat(task.get("kind").asText()).isEqualTo("image");
            assertThat(task.at("/images/0/web").asText()).isEqualTo("/api/v1/images/" + photo.json().get("id").asLong() + "/web");
            assertThat(task.at("/form/counts_field").asText()).isEqualTo("cards");
            assertThat(task.at("/form/boxes")).extracting(b -> b.get("id").asText())
                    .containsExactlyElementsOf(live.synth.election().ballot().cards().stream().map(Card::id).toList());
            assertThat(task.at("/form/table/fixed").asBoolean()).isFalse();
            String entries = task.at("/links/entries").asText();
            assertThat(get(live, volunteers[1], "/api/v1/desk/next").json().get("task")).isEqualTo(task.get("task"));
            assertThat(get(live, volunteers[2], "/api/v1/desk/next").status()).as("both slots taken").isEqualTo(204);

            LiveServer.Answer bad = post(live, volunteers[0], entries, Map.of("table", t.table().id().value(), "cards", Map.of("XX", 1)));
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().get("field").asText()).isEqualTo("cards.XX");
            assertThat(post(live, volunteers[0], entries, entry(live, t, 0)).json().get("outcome").asText()).isEqualTo("waiting");
            assertThat(post(live, volunteers[1], entries, entry(live, t, 2)).json().get("outcome").asText()).isEqualTo("another-opinion");
            assertThat(get(live, volunteers[2], "/api/v1/desk/next").json().get("task")).isEqualTo(task.get("task"));
            JsonNode done = post(live, volunteers[2], entries, entry(live, t, 0)).json();
            assertThat(done.get("status").asText()).isEqualTo("agreed");
            long evidence = done.get("evidence").asLong();
            assertThat(live.get("/api/v1/evidence/" + evidence).json().get("channel").asText()).isEqualTo("transcription");
            JsonNode table = live.get("/api/v1/tables/" + t.table().id().value()).json();
            assertThat(table.get("status").asText()).isEqualTo("provisional");
            assertThat(table.at("/accepted/valid").asLong()).isEqualTo(t.valid());
            assertThat(post(live, volunteers[0], entries, entry(live, t, 0)).status()).isEqualTo(409);

            JsonNode board = get(live, live.tokens.get(Role.COORDINATOR), "/api/v1/desk/volunteers").json();
            assertThat(board.get("items")).hasSize(3);
            board.get("items").forEach(v -> assertThat(v.get("flagged").asBoolean()).isFalse());
        }
    }

    static Map<String, Object> entry(LiveServer live, SyntheticTable t, int typo) {
        Map<String, Object> cards = new LinkedHashMap<>();
        List<Card> ballot = live.synth.election().ballot().cards();
        for (int i = 0; i < ballot.size(); i++) {
            cards.put(ballot.get(i).id(), t.cards().get(i) + (i == 1 ? typo : 0));
        }
        return Map.of("table", t.table().id().value(), "cards", cards, "null", t.nullVotes());
    }

    static LiveServer.Answer get(LiveServer live, String token, String path) {
        return live.send(HttpRequest.newBuilder(live.uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    static LiveServer.Answer post(LiveServer live, String token, String path, Object body) {
        return live.send(HttpRequest.newBuilder(live.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new String(Json.bytes(body), StandardCharsets.UTF_8))).build());
    }
}
