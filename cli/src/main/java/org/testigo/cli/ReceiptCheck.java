package org.testigo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.MerkleHashing;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.Proofs;
import org.testigo.views.Json;

/**
 * A witness's offline check of a receipt, trusting nothing the server says: the checkpoint must carry
 * the log's signature (by a verifier key the witness got elsewhere), the receipt's log entry must name
 * its evidence and hash to its leaf, and the proof must lead from that leaf to the checkpoint's root.
 * Each step is one {@link Step}; the first that fails stops the check, since later ones would rest on it.
 */
final class ReceiptCheck {

    /** One step's verdict, named for what it checked. */
    record Step(String name, boolean ok, String detail) {
        String line() {
            return (ok ? "ok    " : "FAIL  ") + name + ": " + detail;
        }
    }

    private final List<Step> steps = new ArrayList<>();

    private ReceiptCheck() {
    }

    /**
     * @param receipt the submission's answer (or the {@code text} receipt of a photo's answer)
     * @param note the signed checkpoint
     * @param proof what {@code GET /api/v1/proofs/inclusion} answers
     */
    static List<Step> run(JsonNode receipt, byte[] note, NoteVerifier key, JsonNode proof) {
        ReceiptCheck c = new ReceiptCheck();
        c.check(receipt, note, key, proof);
        return List.copyOf(c.steps);
    }

    static boolean passed(List<Step> steps) {
        return steps.stream().allMatch(Step::ok);
    }

    /** Thrown to stop at the first failed step. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private void check(JsonNode receipt, byte[] note, NoteVerifier key, JsonNode proof) {
        try {
            Leaf leaf = leaf(receipt);
            Checkpoint checkpoint = checkpoint(note, key);
            inclusion(leaf, checkpoint, proof);
        } catch (Stop done) {
            // the failed step is recorded
        }
    }

    private void ok(String name, String detail) {
        steps.add(new Step(name, true, detail));
    }

    private Stop fail(String name, String detail) {
        steps.add(new Step(name, false, detail));
        return new Stop();
    }

    private record Leaf(long index, byte[] hash) {
    }

    /** The receipt's leaf: its entry must name the receipt's evidence and hash, and hash to the leaf hash it states. */
    private Leaf leaf(JsonNode receipt) {
        if (receipt != null && !receipt.has("log_index") && receipt.path("text").isObject()) {
            receipt = receipt.get("text"); // a photo's answer: the receipt of the QR text sent with it
        }
        if (receipt == null || !receipt.isObject()) {
            throw fail("receipt", "not a JSON object");
        }
        JsonNode index = receipt.get("log_index");
        if (index == null || !index.canConvertToLong() || !index.isIntegralNumber() || index.asLong() < 0) {
            throw fail("receipt", "log_index is missing or not a non-negative integer");
        }
        JsonNode entryText = receipt.get("log_entry");
        if (entryText == null || !entryText.isTextual()) {
            throw fail("receipt", "log_entry (the text of the receipt's log leaf) is missing");
        }
        byte[] entry = entryText.textValue().getBytes(StandardCharsets.UTF_8);
        byte[] hash = MerkleHashing.leafHash(entry);
        JsonNode stated = receipt.get("log_leaf_hash");
        if (stated != null && !stated.isNull() && !(stated.isTextual() && stated.textValue().equals(base64(hash)))) {
            throw fail("receipt", "log_leaf_hash " + stated + " is not the hash of log_entry (" + base64(hash) + ")");
        }
        JsonNode fields;
        try {
            fields = Json.mapper().readTree(entry);
        } catch (java.io.IOException e) {
            throw fail("receipt", "log_entry is not JSON");
        }
        long evidence = receipt.path("evidence_id").asLong(receipt.path("evidence").asLong(-1));
        String sha256 = receipt.path("sha256").asText("");
        if (fields == null || fields.path("evidence").asLong(-2) != evidence) {
            throw fail("receipt", "the log entry names evidence " + (fields == null ? "none" : fields.path("evidence"))
                    + ", the receipt evidence " + evidence);
        }
        if (!fields.path("sha256").asText().equals(sha256)) {
            throw fail("receipt", "the log entry records SHA-256 " + fields.path("sha256").asText() + ", the receipt " + sha256);
        }
        ok("receipt", "evidence " + evidence + " (SHA-256 " + sha256 + ") is log leaf " + index.asLong());
        return new Leaf(index.asLong(), hash);
    }

    private Checkpoint checkpoint(byte[] note, NoteVerifier key) {
        try {
            Checkpoint c = Checkpoint.open(note, key);
            ok("checkpoint signature", "signed by " + key.name() + "+" + key.keyIdHex() + " (tree size " + c.size() + ")");
            return c;
        } catch (IllegalArgumentException e) {
            throw fail("checkpoint signature", e.getMessage());
        }
    }

    private void inclusion(Leaf leaf, Checkpoint checkpoint, JsonNode proof) {
        if (leaf.index() >= checkpoint.size()) {
            throw fail("tree size", "the checkpoint's tree has " + checkpoint.size() + " leaves, which does not reach leaf " + leaf.index()
                    + "; get a newer checkpoint");
        }
        if (proof == null || !proof.isObject()) {
            throw fail("proof", "not a JSON object");
        }
        if (proof.path("index").asLong(-1) != leaf.index()) {
            throw fail("proof", "the proof is for leaf " + proof.path("index") + ", the receipt's leaf is " + leaf.index());
        }
        if (proof.path("tree_size").asLong(-1) != checkpoint.size()) {
            throw fail("tree size", "the proof is for a tree of " + proof.path("tree_size") + " leaves, the checkpoint's has "
                    + checkpoint.size());
        }
        JsonNode stated = proof.get("leaf_hash");
        if (stated != null && !stated.asText().equals(base64(leaf.hash()))) {
            throw fail("proof", "the proof is for leaf hash " + stated.asText() + ", the receipt's is " + base64(leaf.hash()));
        }
        List<byte[]> hashes = new ArrayList<>();
        JsonNode array = proof.get("hashes");
        if (array == null || !array.isArray()) {
            throw fail("proof", "hashes (the audit path) is missing");
        }
        for (JsonNode h : array) {
            byte[] hash;
            try {
                hash = Base64.getDecoder().decode(h.asText());
            } catch (IllegalArgumentException e) {
                hash = new byte[0];
            }
            if (hash.length != MerkleHashing.HASH_BYTES) {
                throw fail("proof", "hashes[" + hashes.size() + "] is not a base64 SHA-256 hash");
            }
            hashes.add(hash);
        }
        if (!Proofs.verifyInclusion(leaf.index(), checkpoint.size(), leaf.hash(), hashes, checkpoint.rootHash())) {
            throw fail("inclusion", "leaf not in tree: the proof does not lead from leaf " + leaf.index() + " to the checkpoint's root "
                    + base64(checkpoint.rootHash()));
        }
        ok("inclusion", "leaf " + leaf.index() + " is in the signed tree of " + checkpoint.size() + " leaves (root "
                + base64(checkpoint.rootHash()) + ")");
    }

    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
