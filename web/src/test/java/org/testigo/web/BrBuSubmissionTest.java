package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.testigo.deployment.Deployment;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.store.Role;
import org.testigo.store.TestPostgres;
import org.testigo.tally.brbu.BoletimDeUrna;
import org.testigo.tally.brbu.BrBuReader;
import org.testigo.tally.brbu.BrBuReading;
import org.testigo.tally.brbu.BuCargo;
import org.testigo.tally.brbu.BuVote;
import org.testigo.testing.SharedData;
import org.testigo.views.Json;

/**
 * A Brazilian election over HTTP: the TSE's signed 2018 simulated BU of seven QR codes, sent in a
 * shuffled order, is accepted and confirmed by its signature; one changed digit is refused naming the
 * code whose hash no longer matches.
 */
class BrBuSubmissionTest {
    private static final String VECTOR = "s03113-0103100030072";

    private static List<String> codes() throws IOException {
        Map<String, List<String>> sets = Json.mapper().readValue(
                SharedData.file("formats/br_bu_qr_vrqr1.5_2018_simulado_ac.json").toFile(), new TypeReference<>() {
                });
        return sets.get(VECTOR);
    }

    /** An election of one table, counting the BU's Presidente (CARG 1) race, built from the BU itself. */
    private static Election electionFor(BoletimDeUrna bu) {
        BuCargo president = bu.cargos(1).get(0);
        List<Candidate> candidates = new ArrayList<>();
        for (BuVote v : president.allVotes()) {
            candidates.add(new Candidate(v.number(), "Candidato " + v.number()));
        }
        Geography geo = new Geography("Brasil", List.of(new GeoNode("AC", "", 0, "Acre")),
                List.of(new PollingTable(bu.tableId(), "AC", bu.header().count("APTO").orElseThrow())));
        return new Election("br-sim-2018", "Eleições 2018 (simulado), Acre", "2018-10-07", "br-bu", Map.of("cargo", "1"),
                List.of("uf"), new Ballot(candidates, List.of(), true), geo, 1, -1, List.of());
    }

    @Test
    void aSignedMultiCodeBoletimIsConfirmedByItsSignatureAndATamperedOneIsRefused() throws Exception {
        List<String> codes = codes();
        BrBuReading reading = BrBuReader.withPinnedKeys().read(codes);
        assertThat(reading).isInstanceOf(BrBuReading.Read.class);
        BoletimDeUrna bu = ((BrBuReading.Read) reading).bu();
        BuCargo president = bu.cargos(1).get(0);
        int votesForCandidates = president.allVotes().stream().mapToInt(BuVote::votes).sum();

        try (Deployment d = Deployment.open(TestPostgres.open(), Clock.systemUTC())) {
            d.load(electionFor(bu));
            String token = d.tokens().create(Role.WITNESS, "fiscal");
            try (TestigoServer server = TestigoServer.start(d, "127.0.0.1", 0)) {
                List<String> shuffled = new ArrayList<>(codes);
                Collections.shuffle(shuffled, new Random(1));
                HttpResponse<String> ok = post(server, token, Map.of("format", "br-bu", "payload", shuffled));
                assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
                JsonNode receipt = Json.mapper().readTree(ok.body());
                assertThat(receipt.get("signature").asText()).isEqualTo("valid");
                assertThat(receipt.get("status").asText()).as("one signed copy is enough").isEqualTo("confirmed");
                assertThat(receipt.get("table").asText()).isEqualTo(bu.tableId().value());

                JsonNode results = Json.mapper().readTree(get(server, "/api/v1/results"));
                assertThat(results.get("valid").asLong()).isEqualTo(votesForCandidates);
                assertThat(results.get("null").asLong()).isEqualTo(president.count("NULO").orElseThrow());
                assertThat(results.get("blank").asLong()).isEqualTo(president.count("BRAN").orElseThrow());
                JsonNode table = Json.mapper().readTree(get(server, "/api/v1/tables/" + bu.tableId().value()));
                assertThat(table.get("basis").asText()).isEqualTo("signature");

                // The same codes in another order are the same submission.
                Collections.shuffle(shuffled, new Random(2));
                HttpResponse<String> again = post(server, token, Map.of("payload", shuffled));
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(Json.mapper().readTree(again.body()).get("evidence")).isEqualTo(receipt.get("evidence"));

                // Code 3 with one vote count raised by one: its hash no longer matches.
                List<String> tampered = new ArrayList<>(codes);
                tampered.set(2, oneMoreVote(codes.get(2)));
                assertThat(tampered.get(2)).isNotEqualTo(codes.get(2));
                HttpResponse<String> refused = post(server, token, Map.of("payload", tampered));
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
                JsonNode error = Json.mapper().readTree(refused.body());
                assertThat(error.get("error").asText()).isEqualTo("INVALID_PAYLOAD");
                assertThat(error.at("/details/0/code").asText()).isEqualTo("CHAIN_BROKEN");
                assertThat(error.at("/details/0/parts").toString()).contains("3");
            }
            assertThat(d.evidence().count()).isEqualTo(1);
        }
    }

    /** The first vote record ({@code candidate:votes}) of a QR text, with one more vote. */
    private static String oneMoreVote(String code) {
        String[] records = code.split(" ");
        for (int i = 0; i < records.length; i++) {
            if (records[i].matches("\\d+:\\d+")) {
                String[] kv = records[i].split(":");
                records[i] = kv[0] + ":" + (Integer.parseInt(kv[1]) + 1);
                return String.join(" ", records);
            }
        }
        throw new IllegalStateException("no vote record in " + code);
    }

    private static HttpResponse<String> post(TestigoServer server, String token, Map<String, Object> body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/v1/submissions")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String get(TestigoServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + path)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }
}
