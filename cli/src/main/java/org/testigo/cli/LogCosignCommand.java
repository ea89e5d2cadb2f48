package org.testigo.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.testigo.ledger.FileSource;
import org.testigo.ledger.LogMonitor;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.SignedNote;
import org.testigo.ledger.Witness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cosign", mixinStandardHelpOptions = true,
        description = {"As a witness: read the log's checkpoint, check it as `log watch` does against the last checkpoint this",
                "witness cosigned, and cosign it (C2SP tlog-cosignature/v1). Prints the cosigned note; --post sends it to the",
                "deployment. Never cosigns a checkpoint inconsistent with one it cosigned before.",
                "Exit codes: 0 cosigned, 3 alarm (not cosigned), 4 source unreachable, 5 cosigned but the post was refused."})
final class LogCosignCommand implements Callable<Integer> {
    static final int POST_FAILED = 5;

    @Parameters(index = "0", paramLabel = "URL|DIR", description = "The log's base: e.g. https://host/log/ or a mirror folder.")
    String location;

    @Option(names = "--log-key", required = true, paramLabel = "VKEY|FILE", description = "The log's verifier key, or a file holding it.")
    String logKey;

    @Option(names = "--witness-key", required = true, paramLabel = "FILE", description = "The witness's signing key (see `testigo witness keygen`).")
    Path witnessKey;

    @Option(names = "--state", paramLabel = "FILE",
            description = "The last checkpoint this witness cosigned (default: the witness key file's name + .cosigned).")
    Path state;

    @Option(names = "--post", paramLabel = "URL", description = "The deployment's base URL: POST the cosigned note to its /api/v1/log/cosignatures.")
    URI post;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException, InterruptedException {
        NoteVerifier log = LogKeys.verifier(logKey, "--log-key");
        NoteKey key = LogKeys.signingKey(witnessKey, "--witness-key");
        Path stateFile = state != null ? state : witnessKey.resolveSibling(witnessKey.getFileName() + ".cosigned");
        SignedNote last = LogKeys.remembered(stateFile);
        if (last != null && !last.isSignedBy(log)) {
            throw new UserError("the state file " + stateFile + " holds a checkpoint not signed by " + log.name() + "+" + log.keyIdHex());
        }
        Witness.Result result = new Witness(key, new LogMonitor(FileSource.of(location), log)).cosign(last, clock.instant());
        // Standard output carries only the cosigned note, so it can be piped or saved.
        LogWatchCommand.report(result.verdict(), System.err);
        if (result.cosigned() == null) {
            return result.verdict().isAlarm() ? LogWatchCommand.ALARM : LogWatchCommand.UNREACHABLE;
        }
        // Remembered before it leaves this process: whatever happens next, it was signed.
        LogKeys.remember(stateFile, result.cosigned());
        System.out.print(result.cosigned().format());
        System.out.flush();
        if (post == null) {
            return 0;
        }
        URI target = post.toString().endsWith("/api/v1/log/cosignatures") ? post
                : URI.create(post.toString().endsWith("/") ? post.toString() : post + "/").resolve("api/v1/log/cosignatures");
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(result.cosigned().format())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("testigo: could not post the cosignature to " + target + ": " + e.getMessage());
            return POST_FAILED;
        }
        if (answer.statusCode() / 100 != 2) {
            System.err.println("testigo: " + target + " refused the cosignature (HTTP " + answer.statusCode() + "): " + answer.body());
            return POST_FAILED;
        }
        System.err.println("posted to " + target + " (HTTP " + answer.statusCode() + ")");
        return 0;
    }
}
