package org.testigo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testigo.election.Counts;
import org.testigo.election.TableId;
import org.testigo.ledger.LogEntry;
import org.testigo.tally.Tally;
import org.testigo.tally.Verdict;
import org.testigo.tally.Verification;

/** Every piece of evidence enters the transparency log in the transaction that stores it. */
class EvidenceLoggingTest {
    private static final Instant RECEIVED = Instant.parse("2024-07-29T01:02:03.123456Z");

    private Database db;
    private EvidenceStore store;
    private LogStore log;

    @BeforeEach
    void open() {
        db = TestPostgres.open();
        store = new EvidenceStore(db);
        log = new LogStore(db);
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    private static EvidenceDraft draft(Channel channel, String submitter, String table) {
        Tally tally = new Tally("ve-2024", new TableId(table), table + ".1", Counts.of(3, 2), Counts.of(5), 0, 0, Map.of());
        return new EvidenceDraft(channel, submitter, "ve-2024", "text/plain; charset=utf-8", ("payload of " + table).getBytes(StandardCharsets.UTF_8),
                tally, new Verification(Verdict.VALID, "checked", List.of()), RECEIVED);
    }

    private List<LogEntry> entries() {
        List<LogEntry> out = new ArrayList<>();
        log.forEachFrom(0, e -> out.add(LogEntry.parse(e.entry())));
        return out;
    }

    @Test
    void eachAppendIsLoggedOnceAndARetryPointsAtTheFirstEntry() throws Exception {
        Appended first = store.append(draft(Channel.QR, "witness-1", "T-1")).join();
        Appended second = store.append(draft(Channel.QR, "witness-2", "T-1")).join();
        Appended retry = store.append(draft(Channel.QR, "witness-1", "T-1")).join();
        assertThat(first.logPosition()).isEqualTo(0);
        assertThat(second.logPosition()).isEqualTo(1);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.logPosition()).isEqualTo(0);
        assertThat(log.size()).isEqualTo(2);

        LogEntry.EvidenceRecorded entry = (LogEntry.EvidenceRecorded) entries().get(1);
        assertThat(entry.evidenceId()).isEqualTo(second.evidence().id());
        assertThat(entry.submitter()).isEqualTo("witness-2");
        assertThat(entry.table()).isEqualTo("T-1");
        assertThat(entry.channel()).isEqualTo("qr");
        assertThat(entry.receivedAt()).isEqualTo(RECEIVED);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("payload of T-1".getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(entry.sha256())).isEqualTo(HexFormat.of().formatHex(sha));
    }

    @Test
    void aBulkImportIsLoggedInEvidenceOrderAndARerunLogsNothing() {
        store.append(draft(Channel.QR, "witness-1", "T-0")).join();
        List<EvidenceDraft> drafts = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            drafts.add(draft(Channel.IMPORT, "import", "T-" + i));
        }
        assertThat(store.appendBulk(drafts).added()).isEqualTo(50);
        assertThat(store.appendBulk(drafts).added()).isZero();
        List<LogEntry> entries = entries();
        assertThat(entries).hasSize(51);
        List<Long> ids = entries.stream().map(e -> ((LogEntry.EvidenceRecorded) e).evidenceId()).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(entries.subList(1, 51)).extracting(e -> ((LogEntry.EvidenceRecorded) e).table())
                .containsExactlyInAnyOrderElementsOf(drafts.stream().map(d -> d.tally().table().value()).toList());
        assertThat(store.count()).isEqualTo(51);
    }

    @Test
    void theDatabaseRefusesEvidenceWrittenWithoutItsLogEntry() throws Exception {
        store.append(draft(Channel.QR, "witness-1", "T-1")).join();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("""
                    insert into evidence (content_sha256, channel, submitter, format, received_at, tally_format, table_id, acta_id,
                                          candidates, cards, null_votes, blank_votes, counters, verdict, reason, checks)
                    select content_sha256, channel, 'sneaky', format, received_at, tally_format, table_id, acta_id,
                           candidates, cards, null_votes, blank_votes, counters, verdict, reason, checks from evidence limit 1"""))
                    .hasMessageContaining("has no entry in the transparency log");
        }
        assertThat(store.count()).isEqualTo(1);
    }
}
