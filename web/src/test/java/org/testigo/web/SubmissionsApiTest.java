package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;

class SubmissionsApiTest {
    static LiveServer live;

    @BeforeAll
    static void start() {
        live = new LiveServer(40, 5);
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void aWitnessSubmissionIsAcknowledgedWithAReceipt() {
        SyntheticTable t = live.synth.table(0);
        LiveServer.Answer a = live.submit(Role.WITNESS, Map.of("format", "ve-2024", "payload", t.payload()));
        assertThat(a.status()).isEqualTo(201);
        JsonNode r = a.json();
        assertThat(r.get("evidence").asLong()).isPositive();
        assertThat(r.get("table").asText()).isEqualTo(t.table().id().value());
        assertThat(r.get("status").asText()).isEqualTo("provisional");
        assertThat(r.get("received_at").asText()).isNotBlank();
        assertThat(r.get("duplicate").asBoolean()).isFalse();
        assertThat(r.get("sha256").asText()).hasSize(64);
        assertThat(a.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void theSameSubmissionSentAgainGetsTheSameEvidenceId() {
        SyntheticTable t = live.synth.table(1);
        LiveServer.Answer first = live.submit(Role.WITNESS, Map.of("payload", t.payload()));
        LiveServer.Answer again = live.submit(Role.WITNESS, Map.of("payload", t.payload()));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("evidence")).isEqualTo(first.json().get("evidence"));
        assertThat(again.json().get("received_at")).isEqualTo(first.json().get("received_at"));
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
    }

    @Test
    void anotherWitnessConfirmsTheTableAndTheResultsShowIt() {
        SyntheticTable t = live.synth.table(2);
        live.submit(Role.WITNESS, Map.of("payload", t.payload()));
        LiveServer.Answer second = live.submit(Role.VOLUNTEER, Map.of("payload", List.of(t.payload())));
        assertThat(second.json().get("status").asText()).isEqualTo("confirmed");
        JsonNode table = live.get("/api/v1/tables/" + t.table().id().value()).json();
        assertThat(table.get("status").asText()).isEqualTo("confirmed");
        assertThat(table.get("basis").asText()).isEqualTo("agreeing-copies");
        assertThat(table.at("/accepted/cards")).hasSize(38);
        assertThat(table.at("/accepted/valid").asLong()).isEqualTo(t.valid());
        assertThat(table.at("/versions/0/copies")).hasSize(2);
        assertThat(table.at("/versions/0/copies/0/submitter").asText()).as("a pseudonym, not the token's name")
                .matches("(witness|volunteer)-\\d+");
    }

    @Test
    void evidenceIsPublishedWithItsContentAndHash() {
        SyntheticTable t = live.synth.table(3);
        JsonNode receipt = live.submit(Role.WITNESS, Map.of("payload", t.payload())).json();
        LiveServer.Answer e = live.get("/api/v1/evidence/" + receipt.get("evidence").asLong());
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.json().get("content").asText()).isEqualTo(t.payload());
        assertThat(e.json().get("sha256").asText()).isEqualTo(receipt.get("sha256").asText());
        assertThat(e.json().get("channel").asText()).isEqualTo("qr");
    }

    @Test
    void coordinatorsHandOutWitnessTokensButNotAdminOnes() {
        LiveServer.Answer ok = live.post("/api/v1/tokens", Role.COORDINATOR, "{\"role\":\"witness\",\"name\":\"mesa 7\"}");
        assertThat(ok.status()).isEqualTo(201);
        String token = ok.json().get("token").asText();
        LiveServer.Answer withNew = live.send(HttpRequest.newBuilder(live.uri("/api/v1/submissions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":\"" + live.synth.table(4).payload() + "\"}"))
                .build());
        assertThat(withNew.status()).isEqualTo(201);
        LiveServer.Answer denied = live.post("/api/v1/tokens", Role.COORDINATOR, "{\"role\":\"admin\",\"name\":\"x\"}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(live.post("/api/v1/tokens", Role.ADMIN, "{\"role\":\"coordinator\",\"name\":\"x\"}").status())
                .isEqualTo(201);
    }
}
