package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.testigo.analysis.quickcount.QuickCount;
import org.testigo.analysis.sample.Sample;
import org.testigo.analysis.sample.SampleDraw;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;

/**
 * The witness app's rule for check-ins: the witness assigned to a table reports its turnout whether or not
 * the table is in the quick-count sample, and before any sample exists; such a report is evidence and stays
 * out of the estimate. Everyone else keeps the quick count's rule (NOT_SAMPLED, NO_SAMPLE).
 */
class WitnessCheckInsTest {
    private static String turnout(SyntheticTable t, String at, int voters) {
        return "{\"table\":\"" + t.table().id().value() + "\",\"kind\":\"turnout\",\"at\":\"" + at + "\",\"voters\":" + voters + "}";
    }

    private static void assign(LiveServer live, SyntheticTable t) {
        String witness = live.get("/api/v1/me", Role.WITNESS).json().get("submitter").asText();
        assertThat(live.post("/api/v1/assignments", Role.COORDINATOR, "{\"table\":\"" + t.table().id().value() + "\",\"witness\":\""
                + witness + "\"}").status()).isEqualTo(201);
    }

    @Test
    void withoutASampleTheAssignedWitnessReportsTurnoutAtTheDefaultTimesAndOthersAreStillRefused() {
        try (LiveServer live = new LiveServer(10, 5)) {
            SyntheticTable mine = live.synth.table(0);
            SyntheticTable other = live.synth.table(1);
            assign(live, mine);
            assertThat(live.get("/api/v1/me", Role.WITNESS).json().get("turnout_times").toString()).isEqualTo("[\"10:00\",\"14:00\",\"18:00\"]");

            LiveServer.Answer a = live.post("/api/v1/checkins", Role.WITNESS, turnout(mine, "14:00", 40));
            assertThat(a.status()).as(a.text()).isEqualTo(201);
            JsonNode evidence = live.get("/api/v1/evidence/" + a.json().get("evidence").asLong()).json();
            assertThat(evidence.get("channel").asText()).isEqualTo("checkin");
            assertThat(evidence.get("signature_reason").asText()).contains("outside the quick-count sample");
            LiveServer.Answer retry = live.post("/api/v1/checkins", Role.WITNESS, turnout(mine, "14:00", 40));
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.json().get("evidence").asLong()).isEqualTo(a.json().get("evidence").asLong());

            LiveServer.Answer badTime = live.post("/api/v1/checkins", Role.WITNESS, turnout(mine, "11:00", 40));
            assertThat(badTime.status()).isEqualTo(422);
            assertThat(badTime.json().get("error").asText()).isEqualTo("UNKNOWN_TIME");
            LiveServer.Answer notMine = live.post("/api/v1/checkins", Role.WITNESS, turnout(other, "14:00", 40));
            assertThat(notMine.status()).isEqualTo(403);
            assertThat(notMine.json().get("error").asText()).isEqualTo("NOT_ASSIGNED");
            LiveServer.Answer coordinator = live.post("/api/v1/checkins", Role.COORDINATOR, turnout(mine, "14:00", 40));
            assertThat(coordinator.status()).isEqualTo(409);
            assertThat(coordinator.json().get("error").asText()).isEqualTo("NO_SAMPLE");
            assertThat(live.get("/api/v1/quickcount").status()).isEqualTo(404);
        }
    }

    @Test
    void aReportForAnAssignedTableOutsideTheSampleIsKeptButNeverEntersTheEstimate() {
        try (LiveServer live = new LiveServer(40, 8)) {
            Sample sample = SampleDraw.draw(live.synth.election(), 10, null, "muestra de prueba");
            live.deployment.commitSample(sample, QuickCount.DEFAULT_TURNOUT_TIMES);
            SyntheticTable outside = live.synth.tables().filter(t -> !sample.tableSet().contains(t.table().id())).findFirst().orElseThrow();
            SyntheticTable inside = live.synth.tables().filter(t -> sample.tableSet().contains(t.table().id())).findFirst().orElseThrow();
            assign(live, outside);
            assign(live, inside);

            LiveServer.Answer kept = live.post("/api/v1/checkins", Role.WITNESS, turnout(outside, "10:00", 30));
            assertThat(kept.status()).as(kept.text()).isEqualTo(201);
            JsonNode q = live.get("/api/v1/quickcount").json();
            assertThat(q.at("/estimate/turnout_by_time/0/reported").asInt()).as("outside the sample: not in the estimate").isZero();

            assertThat(live.post("/api/v1/checkins", Role.WITNESS, turnout(inside, "10:00", 30)).status()).isEqualTo(201);
            q = live.get("/api/v1/quickcount").json();
            assertThat(q.at("/estimate/turnout_by_time/0/reported").asInt()).as("a sampled table's report counts").isEqualTo(1);

            LiveServer.Answer admin = live.post("/api/v1/checkins", Role.ADMIN, turnout(outside, "10:00", 30));
            assertThat(admin.status()).isEqualTo(422);
            assertThat(admin.json().get("error").asText()).isEqualTo("NOT_SAMPLED");
        }
    }
}
