package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.analysis.quickcount.QuickCount;
import org.testigo.analysis.sample.Sample;
import org.testigo.analysis.sample.SampleDraw;
import org.testigo.election.Candidate;
import org.testigo.election.TableId;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;
import org.testigo.views.Json;

/** Check-ins and the quick count over real HTTP, on a synthetic election with a committed sample of 20 tables. */
class CheckInsApiTest {
    static LiveServer live;
    static Sample sample;
    static final List<SyntheticTable> sampled = new ArrayList<>();
    static SyntheticTable notSampled;

    @BeforeAll
    static void start() {
        live = new LiveServer(60, 11);
        sample = SampleDraw.draw(live.synth.election(), 20, null, "prueba de check-ins");
        live.deployment.commitSample(sample, QuickCount.DEFAULT_TURNOUT_TIMES);
        for (int i = 0; i < 60; i++) {
            SyntheticTable t = live.synth.table(i);
            if (sample.tableSet().contains(t.table().id())) {
                sampled.add(t);
            } else if (notSampled == null) {
                notSampled = t;
            }
        }
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    private static LiveServer.Answer checkIn(Object body) {
        return live.post("/api/v1/checkins", Role.WITNESS, new String(Json.bytes(body), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Map<String, Object> result(SyntheticTable t, int[] candidates) {
        Map<String, Object> votes = new LinkedHashMap<>();
        List<Candidate> ballot = live.synth.election().ballot().candidates();
        for (int i = 0; i < ballot.size(); i++) {
            votes.put(ballot.get(i).id(), candidates[i]);
        }
        return Map.of("table", t.table().id().value(), "kind", "result", "votes", votes, "null", t.nullVotes());
    }

    @Test
    void aTurnoutCheckInIsEvidenceInTheLogAndARetryGetsTheSameId() {
        SyntheticTable t = sampled.get(0);
        Map<String, Object> body = Map.of("table", t.table().id().value(), "kind", "turnout", "at", "10:00", "voters", 12);
        LiveServer.Answer first = checkIn(body);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        JsonNode r = first.json();
        assertThat(r.get("kind").asText()).isEqualTo("turnout");
        assertThat(r.get("log_entry").asText()).contains("\"channel\":\"checkin\"").contains("\"format\":\"checkin-v1\"");
        // The same check-in with its fields in another order and other spacing is the same bytes once stored.
        LiveServer.Answer again = live.post("/api/v1/checkins", Role.WITNESS,
                "{ \"voters\": 12, \"at\": \"10:00\", \"kind\": \"turnout\", \"table\": \"" + t.table().id().value() + "\" }");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("evidence")).isEqualTo(r.get("evidence"));
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        JsonNode evidence = live.get("/api/v1/evidence/" + r.get("evidence").asLong()).json();
        assertThat(evidence.get("channel").asText()).isEqualTo("checkin");
        assertThat(evidence.get("content").asText())
                .isEqualTo("{\"kind\":\"turnout\",\"table\":\"" + t.table().id().value() + "\",\"at\":\"10:00\",\"voters\":12}");
    }

    @Test
    void aPhonedResultIsNotAnActaButIsComparedWithTheActaThatFollows() {
        SyntheticTable agreeing = sampled.get(1);
        SyntheticTable differing = sampled.get(2);
        assertThat(checkIn(result(agreeing, agreeing.candidates().toArray())).status()).isEqualTo(201);
        int[] mistyped = differing.candidates().toArray();
        mistyped[0] = Math.max(0, mistyped[0] - 1);
        assertThat(checkIn(result(differing, mistyped)).status()).isEqualTo(201);
        // A check-in never makes a table received: the table waits for its acta.
        JsonNode table = live.get("/api/v1/tables/" + agreeing.table().id().value()).json();
        assertThat(table.get("status").asText()).isEqualTo("missing");

        assertThat(live.submit(Role.WITNESS, Map.of("payload", agreeing.payload())).status()).isEqualTo(201);
        assertThat(live.submit(Role.WITNESS, Map.of("payload", differing.payload())).status()).isEqualTo(201);
        JsonNode q = live.get("/api/v1/quickcount").json();
        Map<String, Boolean> agrees = new LinkedHashMap<>();
        q.get("comparisons").forEach(c -> agrees.put(c.get("table").asText(), c.get("agrees").asBoolean()));
        assertThat(agrees).containsEntry(agreeing.table().id().value(), true).containsEntry(differing.table().id().value(), false);
        assertThat(q.get("disagreements").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(q.at("/estimate/reported").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(q.at("/estimate/sampled").asInt()).isEqualTo(20);
        assertThat(q.at("/sample/commitment").asText()).isEqualTo(sample.commitment());
        assertThat(q.at("/sample/seed").isNull()).as("the seed stays secret until revealed").isTrue();
        assertThat(q.at("/estimate/release/en").asText()).startsWith("With ");
    }

    @Test
    void refusesATableOutsideTheSample() {
        LiveServer.Answer a = checkIn(Map.of("table", notSampled.table().id().value(), "kind", "turnout", "at", "14:00", "voters", 3));
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.json().get("error").asText()).isEqualTo("NOT_SAMPLED");
        assertThat(a.json().get("field").asText()).isEqualTo("table");
    }

    @Test
    void namesTheFieldOfEveryMistake() {
        String table = sampled.get(3).table().id().value();
        Map<Object, List<Object>> cases = new LinkedHashMap<>();
        cases.put(Map.of("table", table, "at", "10:00", "voters", 1), List.of(400, "FIELD_MISSING", "kind"));
        cases.put(Map.of("table", table, "kind", "vote"), List.of(400, "FIELD_INVALID", "kind"));
        cases.put(Map.of("table", table, "kind", "turnout", "at", "9:00", "voters", 1), List.of(400, "FIELD_INVALID", "at"));
        cases.put(Map.of("table", table, "kind", "turnout", "at", "11:00", "voters", 1), List.of(422, "UNKNOWN_TIME", "at"));
        cases.put(Map.of("table", table, "kind", "turnout", "at", "10:00", "voters", "12"), List.of(400, "FIELD_WRONG_TYPE", "voters"));
        cases.put(Map.of("table", table, "kind", "turnout", "at", "10:00", "voters", -1), List.of(400, "FIELD_OUT_OF_RANGE", "voters"));
        cases.put(Map.of("table", table, "kind", "turnout", "at", "10:00", "voters", 100_000), List.of(422, "OVER_REGISTERED", "voters"));
        cases.put(Map.of("table", table, "kind", "turnout", "at", "10:00", "voters", 1, "votes", 3), List.of(400, "UNKNOWN_FIELD", "votes"));
        cases.put(Map.of("table", "no such table!", "kind", "turnout", "at", "10:00", "voters", 1), List.of(400, "MALFORMED_TABLE_ID", "table"));
        cases.put(Map.of("table", "999999999.99", "kind", "turnout", "at", "10:00", "voters", 1), List.of(422, "UNKNOWN_TABLE", "table"));
        cases.put(Map.of("table", table, "kind", "result"), List.of(400, "FIELD_MISSING", "votes"));
        cases.put(Map.of("table", table, "kind", "result", "votes", Map.of("ZZ", 1)), List.of(422, "UNKNOWN_CANDIDATE", "votes.ZZ"));
        String first = live.synth.election().ballot().candidates().get(0).id();
        cases.put(Map.of("table", table, "kind", "result", "votes", Map.of(first, 1)), List.of(422, "CANDIDATE_MISSING",
                "votes." + live.synth.election().ballot().candidates().get(1).id()));
        cases.put(Map.of("table", table, "kind", "result", "votes", Map.of(first, 1.5)), List.of(400, "FIELD_WRONG_TYPE", "votes." + first));
        cases.forEach((body, expected) -> {
            LiveServer.Answer a = checkIn(body);
            assertThat(a.status()).as(body + " → " + a.text()).isEqualTo(expected.get(0));
            assertThat(a.json().get("error").asText()).as(body.toString()).isEqualTo(expected.get(1));
            assertThat(a.json().get("field").asText()).as(body.toString()).isEqualTo(expected.get(2));
        });
    }

    @Test
    void aCheckInNeedsAToken() {
        LiveServer.Answer a = live.send(HttpRequest.newBuilder(live.uri("/api/v1/checkins")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"turnout\"}")).build());
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().get("error").asText()).isEqualTo("TOKEN_MISSING");
    }

    @Test
    void withoutASampleCheckInsAreRefusedAndThereIsNoQuickCount() {
        try (LiveServer bare = new LiveServer(10, 3)) {
            TableId t = bare.synth.table(0).table().id();
            LiveServer.Answer a = bare.post("/api/v1/checkins", Role.WITNESS,
                    "{\"table\":\"" + t.value() + "\",\"kind\":\"turnout\",\"at\":\"10:00\",\"voters\":1}");
            assertThat(a.status()).isEqualTo(409);
            assertThat(a.json().get("error").asText()).isEqualTo("NO_SAMPLE");
            assertThat(bare.get("/api/v1/quickcount").status()).isEqualTo(404);
        }
    }
}
