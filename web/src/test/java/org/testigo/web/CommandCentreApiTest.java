package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.election.Counts;
import org.testigo.election.Geography;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;
import org.testigo.tally.ve2024.Ve2024Payload;
import org.testigo.views.Json;

/**
 * Assignments, their enforcement, incidents and the coverage board over real HTTP, on a synthetic election
 * of 12 tables whose state the test sets up table by table, so every number on the board is counted by hand.
 */
class CommandCentreApiTest {
    static LiveServer live;
    static String w1;
    static String w2;
    static String w1Id;
    static String w2Id;

    @BeforeAll
    static void start() {
        live = new LiveServer(12, 8);
        JsonNode a = live.post("/api/v1/tokens", Role.COORDINATOR, "{\"role\":\"witness\",\"name\":\"mesa A\"}").json();
        JsonNode b = live.post("/api/v1/tokens", Role.COORDINATOR, "{\"role\":\"witness\",\"name\":\"mesa B\"}").json();
        w1 = a.get("token").asText();
        w2 = b.get("token").asText();
        w1Id = a.get("submitter").asText();
        w2Id = b.get("submitter").asText();
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    static LiveServer.Answer as(String token, String method, String path, String contentType, String body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(live.uri(path)).header("Authorization", "Bearer " + token);
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        return live.send(r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String json(Object o) {
        return new String(Json.bytes(o), StandardCharsets.UTF_8);
    }

    static SyntheticTable t(int i) {
        return live.synth.table(i);
    }

    @Test
    void coordinatorsAssignTablesAndWitnessesSubmitOnlyForTheirsUntilFreeSubmissionIsOn() {
        String coord = live.tokens.get(Role.COORDINATOR);
        // Import: a header line, then table_id,witness (the pseudonymous id or the bare number).
        String csv = "table_id,witness\n" + t(0).table().id().value() + "," + w1Id + "\n" + t(1).table().id().value() + ","
                + w2Id.substring("witness-".length()) + "\n";
        LiveServer.Answer imported = as(coord, "POST", "/api/v1/assignments", "text/csv", csv);
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
        // A bad file is refused whole, naming the line.
        LiveServer.Answer bad = as(coord, "POST", "/api/v1/assignments", "text/csv", "table_id,witness\n999.99,witness-1\n");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("error").asText()).isEqualTo("IMPORT_REFUSED");
        assertThat(bad.json().at("/details/0/line").asInt()).isEqualTo(2);

        JsonNode me = as(w1, "GET", "/api/v1/me", null, null).json();
        assertThat(me.get("submitter").asText()).isEqualTo(w1Id);
        assertThat(me.get("tables")).extracting(n -> n.get("table").asText()).containsExactly(t(0).table().id().value());
        assertThat(me.get("free_submission").asBoolean()).as("assignments exist: held to them").isFalse();

        assertThat(as(w1, "POST", "/api/v1/submissions", "application/json", json(Map.of("payload", t(0).payload()))).status()).isEqualTo(201);
        LiveServer.Answer refused = as(w1, "POST", "/api/v1/submissions", "application/json", json(Map.of("payload", t(1).payload())));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("NOT_ASSIGNED");
        assertThat(refused.json().get("field").asText()).isEqualTo("table");
        assertThat(refused.json().get("message").asText()).contains(t(1).table().id().value());
        LiveServer.Answer incident = as(w1, "POST", "/api/v1/incidents", "application/json",
                json(Map.of("table", t(1).table().id().value(), "type", "violence")));
        assertThat(incident.status()).isEqualTo(403);
        // A volunteer is not a witness: not held to assignments.
        assertThat(live.submit(Role.VOLUNTEER, Map.of("payload", t(1).payload())).status()).isEqualTo(201);

        LiveServer.Answer on = as(coord, "PUT", "/api/v1/settings", "application/json", "{\"free_submission\": true}");
        assertThat(on.json().get("free_submission_setting").asText()).isEqualTo("on");
        assertThat(as(w1, "POST", "/api/v1/submissions", "application/json", json(Map.of("payload", t(1).payload()))).status()).isEqualTo(201);
        as(coord, "PUT", "/api/v1/settings", "application/json", "{\"free_submission\": false}");
        assertThat(as(w1, "POST", "/api/v1/submissions", "application/json", json(Map.of("payload", t(2).payload()))).status()).isEqualTo(403);

        LiveServer.Answer list = as(coord, "GET", "/api/v1/assignments?witness=" + w1Id, null, null);
        assertThat(list.json().get("items")).extracting(n -> n.get("table").asText()).containsExactly(t(0).table().id().value());
    }

    @Test
    void anIncidentIsLoggedEvidenceWhosePublicFaceHasNoFreeText() {
        String coord = live.tokens.get(Role.COORDINATOR);
        String table = t(5).table().id().value();
        String text = "El presidente de mesa, Juan Pérez (0414-1234567), no quiso entregar el acta";
        Map<String, Object> report = Map.of("table", table, "type", "acta-refused", "at", "2026-07-28T18:05:00Z", "text", text);
        LiveServer.Answer first = live.post("/api/v1/incidents", Role.VOLUNTEER, json(report));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.json().get("log_entry").asText()).contains("\"channel\":\"incident\"");
        LiveServer.Answer retry = live.post("/api/v1/incidents", Role.VOLUNTEER, json(report));
        assertThat(retry.status()).as("a retry from the phone's queue is the same evidence").isEqualTo(200);
        assertThat(retry.json().get("evidence")).isEqualTo(first.json().get("evidence"));

        long evidence = first.json().get("evidence").asLong();
        String publicTable = live.get("/api/v1/tables/" + table).text();
        String publicEvidence = live.get("/api/v1/evidence/" + evidence).text();
        JsonNode incidents = live.get("/api/v1/tables/" + table).json().get("incidents");
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).get("type").asText()).isEqualTo("acta-refused");
        assertThat(incidents.get(0).get("at").asText()).isEqualTo("2026-07-28T18:05:00Z");
        for (String leak : List.of("Juan", "0414", "presidente")) {
            assertThat(publicTable).doesNotContain(leak);
            assertThat(publicEvidence).doesNotContain(leak);
        }
        assertThat(live.get("/api/v1/tables/" + table).json().get("status").asText()).as("an incident is not an acta").isEqualTo("missing");
        JsonNode centre = as(coord, "GET", "/api/v1/incidents?table=" + table, null, null).json();
        assertThat(centre.at("/items/0/text").asText()).isEqualTo(text);

        Map<String, Object> wrongType = new LinkedHashMap<>(report);
        wrongType.put("type", "fraud");
        LiveServer.Answer refused = live.post("/api/v1/incidents", Role.VOLUNTEER, json(wrongType));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("type");
    }

    @Test
    void theCoverageBoardCountsWhatTheTestSetUpTableByTable() {
        // A fresh server: the state of each table is decided here.
        try (LiveServer s = new LiveServer(12, 21)) {
            String coord = s.tokens.get(Role.COORDINATOR);
            List<SyntheticTable> tables = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                tables.add(s.synth.table(i));
            }
            SyntheticTable confirmed = tables.get(0);
            SyntheticTable provisional = tables.get(4);
            SyntheticTable conflicted = tables.get(8);
            SyntheticTable troubled = tables.get(11);
            s.submit(Role.WITNESS, Map.of("payload", confirmed.payload()));
            s.submit(Role.VOLUNTEER, Map.of("payload", confirmed.payload()));
            s.submit(Role.WITNESS, Map.of("payload", provisional.payload()));
            int[] cards = conflicted.cards().toArray();
            cards[0] += 5;
            s.submit(Role.WITNESS, Map.of("payload", conflicted.payload()));
            s.submit(Role.VOLUNTEER, Map.of("payload", Ve2024Payload.format(conflicted.table().id(), Counts.of(cards), conflicted.nullVotes(), 0)));
            assertThat(s.post("/api/v1/incidents", Role.WITNESS, json(Map.of("table", troubled.table().id().value(), "type", "machine-failure")))
                    .status()).isEqualTo(201);
            long witness = s.deployment.tokens().authenticate(s.tokens.get(Role.WITNESS)).orElseThrow().tokenId();
            for (SyntheticTable t : List.of(confirmed, troubled)) {
                assertThat(as(s, coord, "/api/v1/assignments", json(Map.of("table", t.table().id().value(), "witness", "witness-" + witness)))
                        .status()).isEqualTo(201);
            }

            JsonNode board = getAs(s, coord, "/api/v1/coverage").json();
            JsonNode total = board.get("total");
            assertThat(total.get("tables").asInt()).isEqualTo(12);
            assertThat(total.get("with_witness").asInt()).isEqualTo(2);
            assertThat(total.get("received").asInt()).isEqualTo(3);
            assertThat(total.get("confirmed").asInt()).isEqualTo(1);
            assertThat(total.get("provisional").asInt()).isEqualTo(1);
            assertThat(total.get("conflicted").asInt()).isEqualTo(1);
            assertThat(total.get("missing").asInt()).isEqualTo(9);
            assertThat(total.get("trouble").asInt()).isEqualTo(1);
            // Each row counts the tables of its own region (found from the synthetic geography, not the board).
            Geography geo = s.synth.election().geography();
            Map<String, int[]> expected = new LinkedHashMap<>(); // region → {tables, confirmed, conflicted, trouble}
            for (SyntheticTable t : tables) {
                String region = geo.code(geo.path(geo.tableNode(t.index())).get(0));
                int[] e = expected.computeIfAbsent(region, k -> new int[4]);
                e[0]++;
                e[1] += t == confirmed ? 1 : 0;
                e[2] += t == conflicted ? 1 : 0;
                e[3] += t == troubled ? 1 : 0;
            }
            assertThat(board.get("level").asText()).isEqualTo(s.synth.election().levels().get(0));
            Map<String, int[]> got = new LinkedHashMap<>();
            board.get("rows").forEach(r -> got.put(r.get("code").asText(), new int[] {r.at("/tables/tables").asInt(),
                    r.at("/tables/confirmed").asInt(), r.at("/tables/conflicted").asInt(), r.at("/tables/trouble").asInt()}));
            assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((region, e) -> assertThat(got.get(region)).as(region).containsExactly(e));

            String missing = getAs(s, coord, "/api/v1/coverage/missing.csv").text();
            List<String> lines = missing.lines().toList();
            assertThat(lines.get(0)).isEqualTo("table_id,node,registered,witnesses,incidents");
            assertThat(lines).hasSize(1 + 9);
            assertThat(missing).doesNotContain(confirmed.table().id().value() + ",").doesNotContain(conflicted.table().id().value() + ",");
            assertThat(missing).contains(troubled.table().id().value() + ",");

            // Live: one more acta and the board moves (from a volunteer: the witness is held to their two tables now).
            assertThat(s.submit(Role.WITNESS, Map.of("payload", tables.get(1).payload())).status()).isEqualTo(403);
            assertThat(s.submit(Role.VOLUNTEER, Map.of("payload", tables.get(1).payload())).status()).isEqualTo(201);
            assertThat(getAs(s, coord, "/api/v1/coverage").json().at("/total/received").asInt()).isEqualTo(4);
            assertThat(getAs(s, coord, "/api/v1/coverage?level=nope").status()).isEqualTo(400);
            assertThat(getAs(s, coord, "/api/v1/coverage?node=nope").status()).isEqualTo(404);
        }
    }

    static LiveServer.Answer as(LiveServer s, String token, String path, String json) {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static LiveServer.Answer getAs(LiveServer s, String token, String path) {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }
}
