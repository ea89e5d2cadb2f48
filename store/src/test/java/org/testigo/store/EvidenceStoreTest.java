package org.testigo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testigo.election.Counts;
import org.testigo.election.TableId;
import org.testigo.tally.Check;
import org.testigo.tally.Tally;
import org.testigo.tally.Verdict;
import org.testigo.tally.Verification;

class EvidenceStoreTest {
    /** The first real acta payload of shared/data/qr_payload_examples.csv (table 201301006.01). */
    private static final String PAYLOAD = "201301006.01.1.0001!140,7,10,8,1,7,1,0,2,3,0,1,8,1,0,1,0,3,1,1,0,1,0,0,0,0,0,0,1,2,0,0,0,5,7,155,1,1!0!0";
    private static final Instant RECEIVED = Instant.parse("2024-07-29T01:02:03.123456Z");

    private Database db;
    private EvidenceStore store;

    @BeforeEach
    void open() {
        db = TestPostgres.open();
        store = new EvidenceStore(db);
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    /** The tally of {@link #PAYLOAD}: card counts as printed, candidates as the dataset adds them up. */
    private static Tally payloadTally() {
        int[] cards = {140, 7, 10, 8, 1, 7, 1, 0, 2, 3, 0, 1, 8, 1, 0, 1, 0, 3, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 5, 7, 155, 1, 1};
        // EG, NM, LM, JABE, JOBR, AE, CF, DC, EM, BERA from the example file's columns.
        return new Tally("ve-2024", new TableId("201301006.01"), "201301006.01.1.0001", Counts.of(167, 188, 6, 1, 1, 3, 0, 0, 1, 1),
                Counts.of(cards), 0, 0, Map.of("field4", 0L, "voters", 368L));
    }

    private static Verification verification() {
        return new Verification(Verdict.NOT_VERIFIABLE, "the acta's HMAC key belongs to the council",
                List.of(Check.pass("valid = sum of cards", "368 = 368"), Check.fail("turnout", null)));
    }

    private static EvidenceDraft draft(String submitter, String payload, Instant receivedAt) {
        return new EvidenceDraft(Channel.QR, submitter, "ve-2024", "text/plain; charset=utf-8", payload.getBytes(StandardCharsets.UTF_8),
                payloadTally(), verification(), receivedAt);
    }

    @Test
    void storesASubmissionAndGivesItBackExactly() {
        EvidenceDraft draft = draft("witness-7", PAYLOAD, RECEIVED);

        Appended appended = store.append(draft).join();

        assertThat(appended.duplicate()).isFalse();
        StoredEvidence e = appended.evidence();
        assertThat(e.id()).isPositive();
        assertThat(e.channel()).isEqualTo(Channel.QR);
        assertThat(e.submitter()).isEqualTo("witness-7");
        assertThat(e.format()).isEqualTo("ve-2024");
        assertThat(e.tally()).isEqualTo(payloadTally());
        assertThat(e.verification()).isEqualTo(verification());
        assertThat(e.receivedAt()).isEqualTo(RECEIVED);
        assertThat(store.byId(e.id())).contains(e);
        assertThat(store.forTable(new TableId("201301006.01"))).containsExactly(e);
        assertThat(store.forTable(new TableId("201301006.02"))).isEmpty();
        assertThat(store.content(e.sha256Hex())).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo(PAYLOAD));
        assertThat(store.blob(e.sha256Hex()).orElseThrow().mediaType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void namesContentByItsSha256() {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        StoredEvidence e = store.append(draft("w", "abc", RECEIVED)).join().evidence();
        assertThat(e.sha256Hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(store.content("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")).isPresent();
        assertThat(store.content("0".repeat(64))).isEmpty();
        assertThatThrownBy(() -> store.content("ABC")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 lowercase hex");
    }

    @Test
    void answersARetryWithTheOriginalEvidence() {
        StoredEvidence first = store.append(draft("witness-7", PAYLOAD, RECEIVED)).join().evidence();

        Appended retry = store.append(draft("witness-7", PAYLOAD, RECEIVED.plusSeconds(30))).join();

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.evidence()).isEqualTo(first);
        assertThat(retry.evidence().receivedAt()).isEqualTo(RECEIVED);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void answersARepeatInTheSameBatchWithTheFirstCopy() throws SQLException {
        EvidenceDraft a = draft("witness-1", PAYLOAD, RECEIVED);
        EvidenceDraft b = draft("witness-2", PAYLOAD, RECEIVED);
        EvidenceDraft aAgain = draft("witness-1", PAYLOAD, RECEIVED.plusSeconds(5));

        List<Appended> answers = store.writer().writeAsOneBatch(List.of(a, b, aAgain, b));

        assertThat(answers).extracting(Appended::duplicate).containsExactly(false, false, true, true);
        assertThat(answers.get(2).evidence()).isEqualTo(answers.get(0).evidence());
        assertThat(answers.get(3).evidence()).isEqualTo(answers.get(1).evidence());
        assertThat(answers.get(1).evidence().id()).isEqualTo(answers.get(0).evidence().id() + 1);
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void keepsReceivedAtToTheMicrosecond() {
        StoredEvidence e = store.append(draft("w", PAYLOAD, Instant.parse("2024-07-29T01:02:03.123456789Z"))).join().evidence();
        assertThat(e.receivedAt()).isEqualTo(Instant.parse("2024-07-29T01:02:03.123456Z"));
        assertThat(store.byId(e.id()).orElseThrow().receivedAt()).isEqualTo(e.receivedAt());
    }

    @Test
    void keepsTheSameContentFromTwoSubmittersAsTwoPiecesOfEvidenceSharingOneBlob() throws SQLException {
        StoredEvidence one = store.append(draft("witness-1", PAYLOAD, RECEIVED)).join().evidence();
        StoredEvidence two = store.append(draft("witness-2", PAYLOAD, RECEIVED)).join().evidence();
        StoredEvidence viaImport = store.append(new EvidenceDraft(Channel.IMPORT, "witness-1", "ve-2024", "text/plain",
                PAYLOAD.getBytes(StandardCharsets.UTF_8), payloadTally(), verification(), RECEIVED)).join().evidence();

        assertThat(Set.of(one.id(), two.id(), viaImport.id())).hasSize(3);
        assertThat(one.sha256Hex()).isEqualTo(two.sha256Hex()).isEqualTo(viaImport.sha256Hex());
        assertThat(store.count()).isEqualTo(3);
        assertThat(countRows("blob")).isEqualTo(1);
    }

    @Test
    void losesNothingAndDoublesNothingUnderSixteenConcurrentCallers() throws Exception {
        int callers = 16;
        int each = 250;
        Map<Long, String> acknowledged = new HashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<Map<Long, String>>> results = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                String submitter = "witness-" + c;
                results.add(pool.submit(() -> {
                    Map<Long, String> mine = new HashMap<>();
                    for (int i = 0; i < each; i++) {
                        String payload = PAYLOAD + "#" + submitter + "#" + i;
                        Appended a = store.append(draft(submitter, payload, RECEIVED)).join();
                        assertThat(a.duplicate()).isFalse();
                        mine.put(a.evidence().id(), payload);
                        if (i % 10 == 0) { // a retry, as after a lost acknowledgement
                            Appended again = store.append(draft(submitter, payload, RECEIVED.plusSeconds(1))).join();
                            assertThat(again.duplicate()).isTrue();
                            assertThat(again.evidence().id()).isEqualTo(a.evidence().id());
                        }
                    }
                    return mine;
                }));
            }
            for (Future<Map<Long, String>> r : results) {
                Map<Long, String> mine = r.get();
                assertThat(mine).hasSize(each);
                mine.forEach((id, payload) -> assertThat(acknowledged.put(id, payload)).as("id %d acknowledged twice", id).isNull());
            }
        }
        assertThat(acknowledged).hasSize(callers * each);
        Map<Long, String> stored = new HashMap<>();
        store.forEach(e -> stored.put(e.id(), new String(store.content(e.sha256Hex()).orElseThrow(), StandardCharsets.UTF_8)));
        assertThat(stored).isEqualTo(acknowledged);
    }

    @Test
    void refusesToChangeOrRemoveEvidenceOrBlobs() throws SQLException {
        long id = store.append(draft("w", PAYLOAD, RECEIVED)).join().evidence().id();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update evidence set null_votes = 99"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("evidence is append-only: UPDATE refused");
            assertThatThrownBy(() -> s.executeUpdate("delete from evidence"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("evidence is append-only: DELETE refused");
            // Plain TRUNCATE stops at the foreign keys of image_submission and log_entry; with CASCADE the triggers refuse it.
            assertThatThrownBy(() -> s.executeUpdate("truncate evidence cascade"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("is append-only: TRUNCATE refused");
            assertThatThrownBy(() -> s.executeUpdate("update blob set media_type = 'image/png'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("blob is append-only: UPDATE refused");
            assertThatThrownBy(() -> s.executeUpdate("delete from blob"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("blob is append-only: DELETE refused");
            // Refused by the transparency log's reference to evidence (the trigger stands behind it). Last:
            // HikariCP retires a connection after SQLSTATE 0A000, which this error carries.
            assertThatThrownBy(() -> s.executeUpdate("truncate evidence"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("referenced in a foreign key constraint");
        }
        assertThat(store.byId(id).orElseThrow().tally().nullVotes()).isZero();
    }

    @Test
    void refusesABlobWhoseNameIsNotTheHashOfItsBytes() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("insert into blob (sha256, media_type, size, bytes)"
                    + " values (sha256('abc'::bytea), 'text/plain', 3, 'abd'::bytea)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("blob_named_by_its_sha256");
        }
    }

    @Test
    void importsTheRealDatasetInOrderAndItAddsUpToThePublishedTotals() {
        List<RealResults.Row> rows = RealResults.v2();
        List<EvidenceDraft> drafts = rows.stream().map(EvidenceStoreTest::imported).toList();

        BulkAppended first = store.appendBulk(drafts);

        assertThat(first).isEqualTo(new BulkAppended(25_073, 0));
        // Totals from shared/data/SOURCES.md (resultadosconvzla V2).
        long[] votes = new long[10];
        AtomicLong nulls = new AtomicLong();
        AtomicLong lastId = new AtomicLong();
        List<TableId> order = new ArrayList<>();
        store.forEach(e -> {
            assertThat(e.id()).isGreaterThan(lastId.getAndSet(e.id()));
            for (int i = 0; i < votes.length; i++) {
                votes[i] += e.tally().candidates().get(i);
            }
            nulls.addAndGet(e.tally().nullVotes());
            order.add(e.tally().table());
        });
        assertThat(votes[0]).isEqualTo(7_303_480);  // EG
        assertThat(votes[1]).isEqualTo(3_316_142);  // NM
        assertThat(java.util.Arrays.stream(votes).sum()).isEqualTo(10_887_262);
        assertThat(nulls.get()).isEqualTo(1_213);
        assertThat(order).isEqualTo(rows.stream().map(RealResults.Row::tableId).toList());

        BulkAppended again = store.appendBulk(drafts);

        assertThat(again).isEqualTo(new BulkAppended(0, 25_073));
        assertThat(store.count()).isEqualTo(25_073);
        assertThat(store.byId(lastId.get())).isPresent();
        assertThat(store.forTable(rows.get(0).tableId())).singleElement()
                .satisfies(e -> assertThat(e.tally().candidates().toArray()).isEqualTo(rows.get(0).candidates()));
    }

    @Test
    void readsFromAGivenIdOn() {
        List<EvidenceDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            drafts.add(draft("w", PAYLOAD + i, RECEIVED));
        }
        store.appendBulk(drafts);
        List<Long> ids = new ArrayList<>();
        store.forEach(e -> ids.add(e.id()));
        List<Long> after = new ArrayList<>();
        store.forEachAfter(ids.get(6), e -> after.add(e.id()));
        assertThat(after).isEqualTo(ids.subList(7, 10));
    }

    @Test
    void treatsLiveAndImportedCopiesOfOneSubmissionAsOneAndARepeatWithinAnImportAsOne() {
        StoredEvidence live = store.append(draft("w", PAYLOAD, RECEIVED)).join().evidence();

        BulkAppended imported = store.appendBulk(List.of(draft("w", PAYLOAD, RECEIVED.plusSeconds(9)),
                draft("x", PAYLOAD, RECEIVED), draft("x", PAYLOAD, RECEIVED.plusSeconds(9))));

        assertThat(imported).isEqualTo(new BulkAppended(1, 2));
        assertThat(store.byId(live.id())).contains(live);
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void refusesADraftItCouldNotStoreNamingTheField() {
        assertThatThrownBy(() -> draft(" ", PAYLOAD, RECEIVED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("submitter is required");
        assertThatThrownBy(() -> draft("w\n", PAYLOAD, RECEIVED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("submitter must not contain control characters");
        Tally withNul = new Tally("ve-2024", new TableId("201301006.01"), "acta\u0000", Counts.of(1), Counts.empty(), 0, 0, Map.of());
        assertThatThrownBy(() -> new EvidenceDraft(Channel.QR, "w", "ve-2024", "text/plain", new byte[] {1}, withNul, verification(), RECEIVED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tally.actaId contains U+0000, which cannot be stored");
        assertThatThrownBy(() -> new Channel("QR"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel must be 1-32 lowercase letters");
    }

    @Test
    void failsAppendsAfterClose() {
        store.close();
        CompletableFuture<Appended> late = store.append(draft("w", PAYLOAD, RECEIVED));
        assertThatThrownBy(late::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(StoreException.class).hasMessage("the evidence store is closed");
    }

    @Test
    void writesWhatWasQueuedBeforeClosing() {
        List<CompletableFuture<Appended>> queued = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queued.add(store.append(draft("w", PAYLOAD + i, RECEIVED)));
        }
        store.close();
        Set<Long> ids = new HashSet<>();
        queued.forEach(f -> ids.add(f.join().evidence().id()));
        assertThat(ids).hasSize(200);
        try (EvidenceStore reopened = new EvidenceStore(db)) {
            assertThat(reopened.count()).isEqualTo(200);
        }
    }

    /** One row of the published dataset as imported evidence: the CSV line is the content. */
    private static EvidenceDraft imported(RealResults.Row r) {
        String line = r.centre() + "," + r.mesa() + "," + java.util.Arrays.toString(r.candidates()) + "," + r.nulls();
        Tally tally = new Tally("import", r.tableId(), null, Counts.of(r.candidates()), Counts.empty(), r.nulls(), 0, Map.of());
        return new EvidenceDraft(Channel.IMPORT, "resultadosconvzla-v2", "import", "text/csv", line.getBytes(StandardCharsets.UTF_8), tally,
                Verification.notVerifiable("a published dataset carries no signature", List.of()), RECEIVED);
    }

    private long countRows(String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
