package org.testigo.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogEntryTest {

    private static final byte[] SHA = HexFormat.of().parseHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    @Test
    void anEvidenceEntryIsOneLineOfJsonInAFixedOrder() {
        LogEntry entry = new LogEntry.EvidenceRecorded(42, SHA, "qr", "witness-7", "ve-2024", "text/plain; charset=utf-8", "010101001-1",
                "VALID", Instant.parse("2024-07-29T02:15:00.1234567Z"));
        String json = new String(entry.bytes(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"kind\":\"evidence\",\"evidence\":42,\"sha256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\","
                + "\"channel\":\"qr\",\"submitter\":\"witness-7\",\"format\":\"ve-2024\",\"media_type\":\"text/plain; charset=utf-8\","
                + "\"table\":\"010101001-1\",\"verdict\":\"VALID\",\"received_at\":\"2024-07-29T02:15:00.123456Z\"}");
        assertThat(LogEntry.parse(entry.bytes())).isEqualTo(entry);
    }

    @Test
    void aStateEntryRoundTrips() {
        LogEntry entry = new LogEntry.StateChanged(LogEntry.Change.CONFLICT_OPENED, "T-1", "conflicted", List.of(3L, 9L),
                "two witnesses disagree on candidate 2", Instant.parse("2024-07-29T03:00:00Z"));
        assertThat(new String(entry.bytes(), StandardCharsets.UTF_8)).startsWith("{\"kind\":\"state\",\"change\":\"conflict-opened\",\"table\":\"T-1\"");
        assertThat(LogEntry.parse(entry.bytes())).isEqualTo(entry);
    }

    @Test
    void refusesEntriesThatAreNotCanonicalOrNotEntries() {
        LogEntry entry = new LogEntry.EvidenceRecorded(1, SHA, "qr", "w", "ve-2024", "text/plain", "T", "VALID", Instant.EPOCH);
        String json = new String(entry.bytes(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LogEntry.parse(json.replace(",", ", ").getBytes(StandardCharsets.UTF_8))).hasMessageContaining("canonical");
        assertThatThrownBy(() -> LogEntry.parse(json.replace("e3b0", "E3B0").getBytes(StandardCharsets.UTF_8))).hasMessageContaining("lowercase hex");
        assertThatThrownBy(() -> LogEntry.parse(json.replace("\"evidence\":1", "\"evidence\":\"1\"").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("\"evidence\" is missing or not an integer");
        assertThatThrownBy(() -> LogEntry.parse("[1]".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("one JSON object");
        assertThatThrownBy(() -> LogEntry.parse("{\"kind\":\"gossip\"}".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("unknown log entry kind");
        assertThatThrownBy(() -> LogEntry.parse("{".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("one JSON object");
    }
}
