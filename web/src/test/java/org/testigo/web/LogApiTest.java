package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.LogEntry;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.Proofs;
import org.testigo.ledger.Tiles;
import org.testigo.store.LogStore;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;
import org.testigo.views.Json;

/**
 * The log as a client sees it over HTTP. Every hash is recomputed here from the bytes served (leaf =
 * SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right), the tree as RFC 6962 splits it), so a
 * server that served wrong tiles or proofs could not pass by agreeing with itself.
 */
class LogApiTest {
    static final NoteKey KEY = NoteKey.generate("testigo.test/log-api");
    static LiveServer live;

    @BeforeAll
    static void start() {
        live = new LiveServer(60, 11, KEY);
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void everyReceiptIsProvablyInTheSignedLog() throws Exception {
        List<JsonNode> receipts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SyntheticTable t = live.synth.table(i);
            LiveServer.Answer a = live.submit(Role.WITNESS, Map.of("payload", t.payload()));
            assertThat(a.status()).as(a.text()).isEqualTo(201);
            receipts.add(a.json());
        }
        assertThat(receipts.stream().map(r -> r.get("log_index").asLong()).distinct()).hasSize(12);
        live.deployment.transparency().orElseThrow().checkpoint();
        byte[] note = live.get("/log/checkpoint").raw().body();
        Checkpoint checkpoint = Checkpoint.open(note, KEY.verifier());

        for (JsonNode r : receipts) {
            // The entry names this evidence and its hash; the leaf hash is the entry's.
            byte[] entry = r.get("log_entry").asText().getBytes(StandardCharsets.UTF_8);
            JsonNode fields = Json.mapper().readTree(entry);
            assertThat(fields.get("evidence").asLong()).isEqualTo(r.get("evidence_id").asLong()).isEqualTo(r.get("evidence").asLong());
            assertThat(fields.get("sha256").asText()).isEqualTo(r.get("sha256").asText());
            byte[] leaf = leafHash(entry);
            assertThat(Base64.getDecoder().decode(r.get("log_leaf_hash").asText())).isEqualTo(leaf);

            long index = r.get("log_index").asLong();
            String link = r.at("/links/inclusion_proof").asText();
            assertThat(link).isEqualTo("/api/v1/proofs/inclusion?index=" + index);
            JsonNode proof = live.get(link).json();
            assertThat(proof.get("tree_size").asLong()).isEqualTo(checkpoint.size());
            assertThat(proof.get("checkpoint").asText()).isEqualTo(new String(note, StandardCharsets.UTF_8));
            List<byte[]> hashes = hashes(proof.get("hashes"));
            assertThat(Proofs.verifyInclusion(index, checkpoint.size(), leaf, hashes, checkpoint.rootHash())).isTrue();
            if (!hashes.isEmpty()) {
                hashes.get(0)[5] ^= 1;
                assertThat(Proofs.verifyInclusion(index, checkpoint.size(), leaf, hashes, checkpoint.rootHash())).isFalse();
            }
        }
    }

    @Test
    void aCoordinatorIssuesACheckpointOnDemand() {
        LiveServer.Answer receipt = live.submit(Role.WITNESS, Map.of("payload", live.synth.table(40).payload()));
        long index = receipt.json().get("log_index").asLong();
        assertThat(live.post("/api/v1/log/checkpoint", Role.WITNESS, "").status()).isEqualTo(403);
        LiveServer.Answer issued = live.post("/api/v1/log/checkpoint", Role.COORDINATOR, "");
        assertThat(issued.status()).as(issued.text()).isEqualTo(200);
        Checkpoint checkpoint = Checkpoint.open(issued.raw().body(), KEY.verifier());
        assertThat(checkpoint.size()).isGreaterThan(index);
        // What was issued is what every reader now gets.
        assertThat(live.get("/log/checkpoint").text()).isEqualTo(issued.text());
    }

    @Test
    void tilesAndEntryBundlesRebuildTheCheckpointedTree() {
        live.submit(Role.WITNESS, Map.of("payload", live.synth.table(20).payload()));
        // State changes make the log pass a full tile without sending 256 actas over HTTP.
        LogStore store = new LogStore(live.deployment.database());
        List<byte[]> changes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            changes.add(new LogEntry.StateChanged(LogEntry.Change.ACCEPTED, "t" + i, "provisional", List.of((long) i), "test",
                    Instant.parse("2024-07-29T03:00:00Z")).bytes());
        }
        store.appendAtTail(changes);
        live.deployment.transparency().orElseThrow().checkpoint();
        Checkpoint checkpoint = Checkpoint.open(live.get("/log/checkpoint").raw().body(), KEY.verifier());
        long size = checkpoint.size();
        assertThat(size).isGreaterThan(300);

        List<byte[]> leaves = leaves(size);
        assertThat(leaves).hasSize((int) size);
        assertThat(rootOf(leaves)).isEqualTo(checkpoint.rootHash());

        LiveServer.Answer full = live.get("/log/tile/0/000");
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(full.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(full.raw().body()).isEqualTo(concat(leaves.subList(0, 256)));
        LiveServer.Answer partial = live.get("/log/tile/0/001.p/" + (size - 256));
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.header("Cache-Control")).doesNotContain("immutable");
        assertThat(partial.raw().body()).isEqualTo(concat(leaves.subList(256, (int) size)));
        // Level 1 holds the roots of complete 256-leaf subtrees.
        assertThat(live.get("/log/tile/1/000.p/1").raw().body()).isEqualTo(rootOf(leaves.subList(0, 256)));
        // A partial tile of a width the log has passed is that prefix of the full tile.
        assertThat(live.get("/log/tile/0/000.p/7").raw().body()).isEqualTo(concat(leaves.subList(0, 7)));

        assertThat(live.get("/log/tile/0/002").status()).isEqualTo(404);
        assertThat(live.get("/log/tile/2/000.p/1").status()).isEqualTo(404);
        LiveServer.Answer missing = live.get("/log/tile/entries/x001/000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("UNKNOWN_TILE");
    }

    @Test
    void malformedTilePathsAreRefusedNamingTheProblem() {
        Map<String, String> cases = Map.of(
                "/log/tile/0/1", "groups of three digits",
                "/log/tile/0/x001", "group 1 is \"x001\"",
                "/log/tile/0/x000/001", "canonical form",
                "/log/tile/0/000.p/0", "width",
                "/log/tile/0/000.p/256", "width",
                "/log/tile/99/000", "level",
                "/log/tile/entries/abc", "groups of three digits");
        cases.forEach((path, message) -> {
            LiveServer.Answer a = live.get(path);
            assertThat(a.status()).as(path).isEqualTo(400);
            assertThat(a.json().get("error").asText()).isEqualTo("MALFORMED_TILE_PATH");
            assertThat(a.json().get("message").asText()).as(path).contains(message);
        });
    }

    @Test
    void proofParametersAreCheckedAndNamed() {
        live.submit(Role.WITNESS, Map.of("payload", live.synth.table(30).payload()));
        live.deployment.transparency().orElseThrow().checkpoint();
        long size = live.get("/api/v1/log").json().get("size").asLong();
        record Case(String query, int status, String error, String field) {
        }
        List<Case> cases = List.of(
                new Case("inclusion", 400, "QUERY_MISSING", "index"),
                new Case("inclusion?index=abc", 400, "QUERY_INVALID", "index"),
                new Case("inclusion?index=-1", 400, "QUERY_INVALID", "index"),
                new Case("inclusion?index=0&size=x", 400, "QUERY_INVALID", "size"),
                new Case("inclusion?index=99999999999999999999", 400, "QUERY_INVALID", "index"),
                new Case("inclusion?index=0&size=" + (size + 1_000_000), 404, "UNKNOWN_TREE_SIZE", "size"),
                new Case("inclusion?index=5&size=5", 400, "INDEX_OUT_OF_RANGE", "index"),
                new Case("inclusion?index=" + (size + 1_000_000), 404, "UNKNOWN_LEAF", "index"),
                new Case("consistency", 400, "QUERY_MISSING", "from"),
                new Case("consistency?from=3&to=2", 400, "SIZE_OUT_OF_RANGE", "from"),
                new Case("consistency?from=1&to=" + (size + 1_000_000), 404, "UNKNOWN_TREE_SIZE", "to"));
        for (Case c : cases) {
            LiveServer.Answer a = live.get("/api/v1/proofs/" + c.query());
            assertThat(a.status()).as(c.query() + ": " + a.text()).isEqualTo(c.status());
            assertThat(a.json().get("error").asText()).as(c.query()).isEqualTo(c.error());
            assertThat(a.json().get("field").asText()).as(c.query()).isEqualTo(c.field());
        }
    }

    @Test
    void consistencyProofsShowTheLogOnlyGrew() {
        for (int i = 40; i < 46; i++) {
            live.submit(Role.WITNESS, Map.of("payload", live.synth.table(i).payload()));
        }
        live.deployment.transparency().orElseThrow().checkpoint();
        Checkpoint latest = Checkpoint.open(live.get("/log/checkpoint").raw().body(), KEY.verifier());
        List<byte[]> leaves = leaves(latest.size());
        for (long from : new long[] {0, 1, 3, latest.size() / 2, latest.size() - 1, latest.size()}) {
            LiveServer.Answer answer = live.get("/api/v1/proofs/consistency?from=" + from + "&to=" + latest.size());
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            JsonNode proof = answer.json();
            assertThat(Checkpoint.open(proof.get("to_checkpoint").asText().getBytes(StandardCharsets.UTF_8), KEY.verifier())).isEqualTo(latest);
            byte[] oldRoot = rootOf(leaves.subList(0, (int) from));
            assertThat(Proofs.verifyConsistency(from, latest.size(), hashes(proof.get("hashes")), oldRoot, latest.rootHash()))
                    .as("from " + from).isTrue();
        }
        // Without "to", the proof runs to the latest checkpoint, which it carries.
        JsonNode implicit = live.get("/api/v1/proofs/consistency?from=2").json();
        assertThat(implicit.get("to").asLong()).isEqualTo(latest.size());
        assertThat(Checkpoint.open(implicit.get("to_checkpoint").asText().getBytes(StandardCharsets.UTF_8), KEY.verifier()))
                .isEqualTo(latest);
    }

    @Test
    void theLogDescribesItselfAndItsCheckpointRevalidates() {
        JsonNode about = live.get("/api/v1/log").json();
        assertThat(about.get("origin").asText()).isEqualTo("testigo.test/log-api");
        assertThat(about.get("verifier_key").asText()).isEqualTo(KEY.verifier().encoded());
        Checkpoint c = Checkpoint.open(about.get("checkpoint").asText().getBytes(StandardCharsets.UTF_8), KEY.verifier());
        assertThat(about.get("size").asLong()).isEqualTo(c.size());
        assertThat(Base64.getDecoder().decode(about.get("root_hash").asText())).isEqualTo(c.rootHash());

        LiveServer.Answer first = live.get("/log/checkpoint");
        assertThat(first.header("Content-Type")).startsWith("text/plain");
        assertThat(first.header("Cache-Control")).isEqualTo("no-cache");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        LiveServer.Answer again = live.send(HttpRequest.newBuilder(live.uri("/log/checkpoint")).header("If-None-Match", etag).build());
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void aDeploymentWithoutAKeyPublishesNoLogButItsReceiptsStillCarryTheLeaf() {
        try (LiveServer unsigned = new LiveServer(5, 3)) {
            for (String path : List.of("/log/checkpoint", "/log/tile/0/000", "/api/v1/log", "/api/v1/proofs/inclusion?index=0",
                    "/api/v1/proofs/consistency?from=0")) {
                LiveServer.Answer a = unsigned.get(path);
                assertThat(a.status()).as(path).isEqualTo(404);
                assertThat(a.json().get("error").asText()).as(path).isEqualTo("LOG_NOT_PUBLISHED");
            }
            JsonNode receipt = unsigned.submit(Role.WITNESS, Map.of("payload", unsigned.synth.table(0).payload())).json();
            assertThat(receipt.get("log_index").asLong()).isZero();
            assertThat(Base64.getDecoder().decode(receipt.get("log_leaf_hash").asText()))
                    .isEqualTo(leafHash(receipt.get("log_entry").asText().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Every leaf hash of the tree of {@code size}, recomputed from the entry bundles served. */
    private static List<byte[]> leaves(long size) {
        List<byte[]> out = new ArrayList<>();
        for (Tiles.TileId id : Tiles.tilesFor(size)) {
            if (id.level() != 0) {
                continue;
            }
            LiveServer.Answer bundle = live.get("/log/" + id.entriesPath());
            assertThat(bundle.status()).as(id.entriesPath()).isEqualTo(200);
            for (byte[] entry : Tiles.readEntryBundle(bundle.raw().body())) {
                out.add(leafHash(entry));
            }
        }
        return out;
    }

    static byte[] leafHash(byte[] entry) {
        return sha256(new byte[] {0}, entry);
    }

    /** MTH of RFC 6962 §2.1, written out plainly. */
    static byte[] rootOf(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return sha256();
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return sha256(new byte[] {1}, rootOf(leaves.subList(0, k)), rootOf(leaves.subList(k, leaves.size())));
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(List<byte[]> hashes) {
        byte[] out = new byte[hashes.size() * 32];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i), 0, out, i * 32, 32);
        }
        return out;
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(h -> out.add(Base64.getDecoder().decode(h.asText())));
        return out;
    }
}
