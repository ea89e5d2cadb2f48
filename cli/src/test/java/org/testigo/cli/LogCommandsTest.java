package org.testigo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.deployment.Deployment;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.Proofs;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.Role;
import org.testigo.transparency.LogKeyFile;
import org.testigo.views.Json;
import org.testigo.web.TestigoServer;

/**
 * `keys`, `serve` with the log, and `receipt verify`, over real HTTP. The verifier key the tests trust is
 * the one `keys init` printed; leaf hashes are recomputed here from the receipt's entry.
 */
class LogCommandsTest {
    @TempDir
    Path dir;


    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static byte[] get(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.body();
    }

    private static JsonNode submit(String url, String token, String payload) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/submissions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(HttpSubmitter.body(null, List.of(payload)))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(201);
        return Json.mapper().readTree(r.body());
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path write(String name, JsonNode json) throws Exception {
        return write(name, Json.bytes(json));
    }

    private static String lastLine(String out) {
        List<String> lines = out.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private Path loadedElection() throws Exception {
        Path pkg = dir.resolve("pkg");
        Path data = dir.resolve("data");
        assertThat(InProcess.run("election", "synth", "--tables", "30", "--seed", "4", "--out", pkg.toString()).code()).isZero();
        InProcess.Run load = InProcess.run("election", "load", pkg.toString(), "--data", data.toString());
        assertThat(load.code()).as(load.err()).isZero();
        return data;
    }

    @Test
    void keysInitCreatesTheKeyOnceAndPrintsOnlyItsVerifierKey() throws Exception {
        Path file = dir.resolve("keys/log.key");
        InProcess.Run init = InProcess.run("keys", "init", "--key", file.toString(), "--data", dir.resolve("none").toString(), "--origin", "testigo.test/keys");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).doesNotContain("PRIVATE");
        NoteVerifier printed = NoteVerifier.parse(lastLine(init.out()));
        assertThat(printed.name()).isEqualTo("testigo.test/keys");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // The printed key checks what the file's key signs.
        NoteKey secret = LogKeyFile.load(file);
        byte[] note = new Checkpoint("testigo.test/keys", 3, new byte[32]).sign(secret).format().getBytes(StandardCharsets.UTF_8);
        assertThat(Checkpoint.open(note, printed).size()).isEqualTo(3);

        String before = Files.readString(file);
        InProcess.Run again = InProcess.run("keys", "init", "--key", file.toString(), "--origin", "testigo.test/other");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("never replaced").contains("keys show");
        assertThat(Files.readString(file)).isEqualTo(before);

        InProcess.Run show = InProcess.run("keys", "show", "--key", file.toString());
        assertThat(show.code()).isZero();
        assertThat(show.out().strip()).isEqualTo(printed.encoded());

        InProcess.Run badOrigin = InProcess.run("keys", "init", "--key", dir.resolve("b.key").toString(), "--origin", "has space");
        assertThat(badOrigin.code()).isEqualTo(2);
        assertThat(badOrigin.err()).contains("origin").contains("no spaces");
        assertThat(dir.resolve("b.key")).doesNotExist();
        assertThat(InProcess.run("keys", "show", "--key", dir.resolve("missing.key").toString()).err()).contains("keys init");
    }

    @Test
    void aReceiptVerifiesOfflineAndEveryTamperingIsNamed() throws Exception {
        Path data = loadedElection();
        List<String> payloads = Files.readAllLines(dir.resolve("pkg/payloads.txt"));
        InProcess.Run init = InProcess.run("keys", "init", "--data", data.toString());
        assertThat(init.code()).as(init.err()).isZero();
        String vkey = lastLine(init.out());
        NoteVerifier verifier = NoteVerifier.parse(vkey);
        assertThat(verifier.name()).as("named after the election").startsWith("testigo/");

        NoteKey key = LogKeyFile.load(data.resolve(LogKeyFile.DEFAULT_NAME));
        try (Deployment d = Deployment.open(Database.open(DatabaseConfig.embedded(data)), Clock.systemUTC(), key);
             TestigoServer server = TestigoServer.start(d, "127.0.0.1", 0)) {
            String url = "http://127.0.0.1:" + server.port();
            String token = d.tokens().create(Role.WITNESS, "receipt test");
            var log = d.transparency().orElseThrow();
            List<JsonNode> receipts = new ArrayList<>();
            receipts.add(submit(url, token, payloads.get(0)));
            log.checkpoint();
            byte[] early = get(url + "/log/checkpoint"); // before the later receipts
            for (int i = 1; i < 5; i++) {
                receipts.add(submit(url, token, payloads.get(i)));
            }
            log.checkpoint();
            JsonNode receipt = receipts.get(3);
            long index = receipt.get("log_index").asLong();
            byte[] note = get(url + "/log/checkpoint");
            Checkpoint checkpoint = Checkpoint.open(note, verifier);
            JsonNode proof = Json.mapper().readTree(get(url + receipt.at("/links/inclusion_proof").asText()));

            // Independently: the entry names the receipt's evidence, and the proof places its hash under the signed root.
            byte[] entry = receipt.get("log_entry").asText().getBytes(StandardCharsets.UTF_8);
            assertThat(Json.mapper().readTree(entry).get("sha256").asText()).isEqualTo(receipt.get("sha256").asText());
            byte[] leaf = MessageDigest.getInstance("SHA-256").digest(concat(new byte[] {0}, entry));
            List<byte[]> hashes = new ArrayList<>();
            proof.get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
            assertThat(Proofs.verifyInclusion(index, checkpoint.size(), leaf, hashes, checkpoint.rootHash())).isTrue();

            Path receiptFile = write("receipt.json", receipt);
            Path noteFile = write("checkpoint", note);
            Path proofFile = write("proof.json", proof);
            Path vkeyFile = write("log.vkey", (vkey + "\n").getBytes(StandardCharsets.UTF_8));

            InProcess.Run ok = InProcess.run("receipt", "verify", receiptFile.toString(), "--checkpoint", noteFile.toString(), "--key", vkey, "--proof",
                    proofFile.toString());
            assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains("ok    checkpoint signature").contains("ok    inclusion").contains("is in the signed log");
            InProcess.Run fromFile = InProcess.run("receipt", "verify", receiptFile.toString(), "--key", vkeyFile.toString(), "--proof", proofFile.toString());
            assertThat(fromFile.code()).as("checkpoint taken from the proof: " + fromFile.out() + fromFile.err()).isZero();
            InProcess.Run fetched = InProcess.run("receipt", "verify", receiptFile.toString(), "--key", vkeyFile.toString(), "--from", url);
            assertThat(fetched.code()).as(fetched.out() + fetched.err()).isZero();

            // A forged checkpoint: one byte of the signature changed.
            byte[] forged = note.clone();
            forged[forged.length - 5] ^= 1;
            expectFailure(receiptFile, write("forged", forged), vkey, proofFile, "FAIL  checkpoint signature");
            // The right checkpoint, checked with another log's key of the same name.
            expectFailure(receiptFile, noteFile, NoteKey.generate(verifier.name()).verifier().encoded(), proofFile,
                    "FAIL  checkpoint signature");
            // A receipt whose hash was changed: its log entry no longer agrees.
            ObjectNode changedHash = receipt.deepCopy();
            changedHash.put("sha256", "0" + receipt.get("sha256").asText().substring(1));
            expectFailure(write("r1.json", changedHash), noteFile, vkey, proofFile, "FAIL  receipt: the log entry records SHA-256");
            // A forged receipt, consistent in itself (entry, hash, no leaf hash stated): not in the signed tree.
            ObjectNode forgedReceipt = receipt.deepCopy();
            String sha = receipt.get("sha256").asText();
            String other = (sha.charAt(0) == 'a' ? "b" : "a") + sha.substring(1);
            forgedReceipt.put("sha256", other);
            forgedReceipt.put("log_entry", receipt.get("log_entry").asText().replace(sha, other));
            forgedReceipt.remove("log_leaf_hash");
            ObjectNode proofWithoutLeaf = proof.deepCopy();
            proofWithoutLeaf.remove("leaf_hash");
            expectFailure(write("r2.json", forgedReceipt), noteFile, vkey, write("p0.json", proofWithoutLeaf), "FAIL  inclusion: leaf not in tree");
            // The proof of a neighbour's leaf.
            ObjectNode moved = receipt.deepCopy();
            moved.put("log_index", index - 1);
            expectFailure(write("r3.json", moved), noteFile, vkey, proofFile, "FAIL  proof: the proof is for leaf " + index);
            // A proof whose path was tampered with.
            ObjectNode flipped = proof.deepCopy();
            byte[] first = Base64.getDecoder().decode(proof.get("hashes").get(0).asText());
            first[0] ^= (byte) 0x80;
            ((com.fasterxml.jackson.databind.node.ArrayNode) flipped.get("hashes")).set(0, Base64.getEncoder().encodeToString(first));
            expectFailure(receiptFile, noteFile, vkey, write("p1.json", flipped), "FAIL  inclusion: leaf not in tree");
            // A proof for another tree size than the checkpoint's.
            JsonNode smaller = Json.mapper().readTree(get(url + "/api/v1/proofs/inclusion?index=" + index + "&size=" + (checkpoint.size() - 1)));
            expectFailure(receiptFile, noteFile, vkey, write("p2.json", smaller), "FAIL  tree size: the proof is for a tree of");
            // A checkpoint from before the receipt: it cannot cover it.
            long earlySize = org.testigo.ledger.Checkpoint.parse(org.testigo.ledger.SignedNote.parse(early).text()).size();
            expectFailure(receiptFile, write("early", early), vkey, proofFile, "FAIL  tree size: the checkpoint's tree has " + earlySize + " leaves");

            InProcess.Run secret = InProcess.run("receipt", "verify", receiptFile.toString(), "--key", data.resolve(LogKeyFile.DEFAULT_NAME).toString(),
                    "--proof", proofFile.toString());
            assertThat(secret.code()).isEqualTo(2);
            assertThat(secret.err()).contains("secret signing key");
        }
    }

    private void expectFailure(Path receipt, Path note, String vkey, Path proof, String expected) {
        InProcess.Run r = InProcess.run("receipt", "verify", receipt.toString(), "--checkpoint", note.toString(), "--key", vkey, "--proof", proof.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains(expected).contains("does NOT verify");
    }

    @Test
    void serveCreatesAMissingKeyLoudlyAndPublishesCheckpointsItSigns() throws Exception {
        Path data = loadedElection();
        try (ServerProcess server = ServerProcess.serve(data, "--checkpoint-every", "1s")) {
            List<String> out = server.output();
            assertThat(out).anyMatch(l -> l.contains("Created a new log signing key")).anyMatch(l -> l.contains("Back the file up"));
            String vkey = out.get(out.indexOf(out.stream().filter(l -> l.contains("Publish the verifier key")).findFirst().orElseThrow()) + 1);
            NoteVerifier verifier = NoteVerifier.parse(vkey);
            Checkpoint c = Checkpoint.open(get("http://127.0.0.1:" + server.port + "/log/checkpoint"), verifier);
            assertThat(c.size()).isZero();
            assertThat(c.origin()).isEqualTo(verifier.name()).startsWith("testigo/");
            assertThat(String.join("\n", out)).doesNotContain("PRIVATE");
        }
        InProcess.Run show = InProcess.run("keys", "show", "--data", data.toString());
        assertThat(show.out().strip()).isEqualTo(LogKeyFile.load(data.resolve(LogKeyFile.DEFAULT_NAME)).verifier().encoded());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
