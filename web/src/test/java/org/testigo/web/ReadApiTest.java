package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;

class ReadApiTest {
    static LiveServer live;
    static long received;
    static long valid;
    static long nulls;
    static long[] candidates = new long[10];

    @BeforeAll
    static void start() {
        live = new LiveServer(30, 9);
        // Every other table is sent; the expected sums are computed here from the generator's truth.
        for (int i = 0; i < live.synth.tableCount(); i += 2) {
            SyntheticTable t = live.synth.table(i);
            assertThat(live.submit(Role.WITNESS, Map.of("payload", t.payload())).status()).isEqualTo(201);
            count(t);
        }
    }

    /** Keeps the expectations of every test true whichever order they run in. */
    private static void count(SyntheticTable t) {
        received++;
        valid += t.valid();
        nulls += t.nullVotes();
        for (int c = 0; c < 10; c++) {
            candidates[c] += t.candidates().get(c);
        }
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void nationalResultsCarryTablesVotesAndCandidates() {
        JsonNode r = live.get("/api/v1/results").json();
        assertThat(r.at("/tables/expected").asLong()).isEqualTo(30);
        assertThat(r.at("/tables/received").asLong()).isEqualTo(received);
        assertThat(r.at("/tables/confirmed").asLong()).isZero();
        assertThat(r.at("/tables/conflicted").asLong()).isZero();
        assertThat(r.get("valid").asLong()).isEqualTo(valid);
        assertThat(r.get("null").asLong()).isEqualTo(nulls);
        assertThat(r.get("candidates")).hasSize(10);
        for (int c = 0; c < 10; c++) {
            assertThat(r.get("candidates").get(c).get("votes").asLong()).isEqualTo(candidates[c]);
            assertThat(r.get("candidates").get(c).get("id").asText()).isNotBlank();
            assertThat(r.get("candidates").get(c).get("name").asText()).isNotBlank();
        }
        assertThat(r.get("certainty").get("statement").asText()).isNotBlank();
        assertThat(r.get("children")).isNotEmpty();
    }

    @Test
    void everyStateAddsUpToTheNation() {
        JsonNode nation = live.get("/api/v1/results").json();
        long sum = 0;
        long receivedInStates = 0;
        for (JsonNode child : nation.get("children")) {
            JsonNode state = live.get("/api/v1/results/" + child.get("code").asText()).json();
            assertThat(state.get("node").asText()).isEqualTo(child.get("code").asText());
            assertThat(state.get("path")).hasSize(1);
            sum += state.get("valid").asLong();
            receivedInStates += state.at("/tables/received").asLong();
        }
        assertThat(sum).isEqualTo(valid);
        assertThat(receivedInStates).isEqualTo(received);
    }

    @Test
    void readsCarryAnEtagAndAnswer304WhenUnchanged() {
        LiveServer.Answer first = live.get("/api/v1/results");
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"");
        assertThat(first.header("Cache-Control")).contains("max-age");
        LiveServer.Answer again = live.send(HttpRequest.newBuilder(live.uri("/api/v1/results"))
                .header("If-None-Match", etag).GET().build());
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.raw().body()).isEmpty();
    }

    @Test
    void theEtagChangesWhenANewActaArrives() {
        String before = live.get("/api/v1/results").header("ETag");
        live.submit(Role.COORDINATOR, Map.of("payload", live.synth.table(29).payload()));
        String after = live.get("/api/v1/results").header("ETag");
        assertThat(after).isNotEqualTo(before);
        count(live.synth.table(29));
    }

    @Test
    void theElectionDescribesTheBallot() {
        JsonNode e = live.get("/api/v1/election").json();
        assertThat(e.get("tally_format").asText()).isEqualTo("ve-2024");
        assertThat(e.at("/ballot/candidates")).hasSize(10);
        assertThat(e.at("/ballot/cards")).hasSize(38);
        assertThat(e.get("tables_expected").asLong()).isEqualTo(30);
    }

    @Test
    void aMissingTableIsShownAsMissing() {
        JsonNode t = live.get("/api/v1/tables/" + live.synth.table(1).table().id().value()).json();
        assertThat(t.get("status").asText()).isEqualTo("missing");
        assertThat(t.get("accepted").isNull()).isTrue();
        assertThat(t.get("path")).hasSize(4);
    }
}
