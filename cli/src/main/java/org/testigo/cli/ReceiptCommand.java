package org.testigo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.SignedNote;
import org.testigo.views.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "receipt", mixinStandardHelpOptions = true, description = "Check a submission's receipt against the signed log.",
        subcommands = {ReceiptCommand.Verify.class})
final class ReceiptCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check, offline, that a signed checkpoint covers a receipt's evidence: the checkpoint's signature,",
                "the receipt's log entry, and the inclusion proof. Exit 0 when all hold, 1 naming the first that fails."})
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "RECEIPT", description = "The submission's JSON answer, as saved.")
        Path receipt;

        @Option(names = "--key", paramLabel = "VKEY|FILE", required = true,
                description = "The log's verifier key (name+id+key, as `testigo keys show` prints it), or a file holding it.")
        String key;

        @Option(names = "--checkpoint", paramLabel = "FILE",
                description = "A signed checkpoint (e.g. a saved /log/checkpoint). Default: the one in --proof, or fetched with --from.")
        Path checkpoint;

        @Option(names = "--proof", paramLabel = "FILE", description = "An inclusion proof, as /api/v1/proofs/inclusion answers.")
        Path proof;

        @Option(names = "--from", paramLabel = "URL",
                description = "Fetch what is not given (the latest checkpoint, the proof for its size) from this server or mirror.")
        URI from;

        @Override
        public Integer call() throws InterruptedException {
            NoteVerifier verifier = verifier(key);
            JsonNode receiptJson = json(read(receipt), receipt.toString());
            JsonNode proofJson = proof == null ? null : json(read(proof), proof.toString());
            byte[] note;
            if (checkpoint != null) {
                note = read(checkpoint);
            } else if (proofJson != null && proofJson.path("checkpoint").isTextual()) {
                note = proofJson.get("checkpoint").textValue().getBytes(StandardCharsets.UTF_8);
            } else if (from != null) {
                note = fetch("log/checkpoint");
            } else {
                throw new UserError("give the checkpoint to check against: --checkpoint FILE, a --proof that carries one, or --from URL");
            }
            if (proofJson == null) {
                if (from == null) {
                    throw new UserError("give the inclusion proof: --proof FILE, or --from URL to fetch it");
                }
                long size = sizeOf(note);
                long index = receiptJson.has("log_index") ? receiptJson.path("log_index").asLong(-1)
                        : receiptJson.path("text").path("log_index").asLong(-1);
                proofJson = json(fetch("api/v1/proofs/inclusion?index=" + index + "&size=" + size), "the proof from " + from);
            }
            List<ReceiptCheck.Step> steps = ReceiptCheck.run(receiptJson, note, verifier, proofJson);
            steps.forEach(s -> System.out.println(s.line()));
            boolean ok = ReceiptCheck.passed(steps);
            System.out.println(ok ? "The receipt's evidence is in the signed log." : "The receipt does NOT verify.");
            return ok ? 0 : 1;
        }

        /** A verifier key given inline or in a file; a signing key (a secret) is refused, not used. */
        static NoteVerifier verifier(String given) {
            String text = given;
            Path file = Path.of(given.length() > 1000 ? "-" : given);
            if (!given.contains("+") || Files.isRegularFile(file)) {
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8).strip();
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new UserError("--key: cannot read " + given + " (" + e.getMessage() + ")");
                }
            }
            if (text.startsWith("PRIVATE+KEY+")) {
                throw new UserError("--key: that is the log's secret signing key; give its verifier key (`testigo keys show`)");
            }
            try {
                return NoteVerifier.parse(text);
            } catch (IllegalArgumentException e) {
                throw new UserError("--key: not a verifier key: " + e.getMessage());
            }
        }

        private static long sizeOf(byte[] note) {
            try {
                return Checkpoint.parse(SignedNote.parse(note).text()).size();
            } catch (IllegalArgumentException e) {
                throw new UserError("the checkpoint is malformed: " + e.getMessage());
            }
        }

        private byte[] fetch(String path) throws InterruptedException {
            URI base = from.toString().endsWith("/") ? from : URI.create(from + "/");
            URI uri = base.resolve(path);
            try {
                HttpResponse<byte[]> res = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                        .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (res.statusCode() != 200) {
                    throw new UserError("GET " + uri + " answered " + res.statusCode() + ": "
                            + new String(res.body(), StandardCharsets.UTF_8).strip());
                }
                return res.body();
            } catch (IOException e) {
                throw new UserError("cannot reach " + uri + ": " + e.getMessage());
            }
        }

        private static byte[] read(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UserError("cannot read " + file + ": " + e.getMessage());
            }
        }

        private static JsonNode json(byte[] bytes, String what) {
            try {
                return Json.mapper().readTree(bytes);
            } catch (IOException e) {
                throw new UserError(what + " is not JSON: " + e.getMessage());
            }
        }
    }
}
