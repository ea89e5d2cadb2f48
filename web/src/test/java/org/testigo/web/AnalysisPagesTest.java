package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
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
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;
import org.testigo.views.Json;

/** The quick-count and audit pages through real HTTP: live with check-ins, their .json aliases, the revealed list. */
class AnalysisPagesTest {
    static LiveServer live;

    @BeforeAll
    static void start() {
        live = new LiveServer(60, 11);
        for (int i = 0; i < 40; i++) {
            assertThat(live.submit(Role.WITNESS, Map.of("payload", live.synth.table(i).payload())).status()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void theQuickCountPageFollowsCheckInsAndTheRevealOverHttp() throws Exception {
        LiveServer.Answer none = live.get("/quickcount.html");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.text()).contains("No se ha sorteado una muestra");
        assertThat(live.get("/api/v1/quickcount.json").status()).isEqualTo(404);

        Sample sample = SampleDraw.draw(live.synth.election(), 20, null, "páginas en vivo");
        live.deployment.commitSample(sample, QuickCount.DEFAULT_TURNOUT_TIMES);
        LiveServer.Answer committed = live.get("/quickcount.html");
        assertThat(committed.text()).contains(sample.commitment()).contains("0 de 20");
        SyntheticTable t = live.synth.table(live.synth.election().geography().tableIndex(sample.tables().get(0)).orElseThrow());
        Map<String, Object> votes = new LinkedHashMap<>();
        List<Candidate> ballot = live.synth.election().ballot().candidates();
        for (int i = 0; i < ballot.size(); i++) {
            votes.put(ballot.get(i).id(), t.candidates().get(i));
        }
        long stateBefore = live.deployment.requireRunning().state().version();
        LiveServer.Answer in = live.post("/api/v1/checkins", Role.WITNESS, new String(Json.bytes(Map.of("table", t.table().id().value(),
                "kind", "result", "votes", votes, "null", t.nullVotes())), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(in.status()).isEqualTo(201);
        assertThat(live.deployment.requireRunning().state().version()).as("a check-in is not an acta").isEqualTo(stateBefore);
        LiveServer.Answer after = live.get("/quickcount.html");
        assertThat(after.header("ETag")).isNotEqualTo(committed.header("ETag"));
        assertThat(after.text()).contains("1 de 20");
        assertThat(after.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(live.get("/en/quickcount.html").text()).contains("1 of 20");

        LiveServer.Answer alias = live.get("/api/v1/quickcount.json");
        assertThat(alias.status()).isEqualTo(200);
        assertThat(alias.header("Content-Type")).startsWith("application/json");
        assertThat(alias.raw().body()).isEqualTo(live.get("/api/v1/quickcount").raw().body());

        assertThat(live.get("/api/v1/quickcount/sample.txt").status()).isEqualTo(404);
        live.deployment.revealSample();
        LiveServer.Answer list = live.get("/api/v1/quickcount/sample.txt");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Content-Type")).startsWith("text/plain");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(list.raw().body()))).isEqualTo(sample.commitment());
        assertThat(live.get("/quickcount.html").text()).contains("páginas en vivo").contains("href=\"./api/v1/quickcount/sample.txt\"");
    }

    @Test
    void theAuditPageAndItsAliasServeTheAuditOfTheActas() {
        LiveServer.Answer es = live.get("/audit.html");
        assertThat(es.status()).isEqualTo(200);
        assertThat(es.text()).contains("<h2>Resumen</h2>").contains("Se auditaron 40 actas de 60 mesas");
        assertThat(live.get("/en/audit.html").text()).contains("Audited 40 actas of 60 tables");
        LiveServer.Answer alias = live.get("/api/v1/audit.json");
        assertThat(alias.status()).isEqualTo(200);
        assertThat(alias.text()).isEqualTo(live.get("/api/v1/audit").text());
        assertThat(live.get("/").text()).contains("href=\"./audit.html\"").contains("href=\"./quickcount.html\"");
    }
}
