package org.testigo.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.testigo.views.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Send actas' QR texts to a Testigo server.",
            "One acta per line (the codes of a multi-code acta on one line, separated by TAB).",
            "Prints one JSON receipt or error per acta."})
final class SubmitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "File of payloads; '-' or none reads standard input.")
    String file;

    @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Server URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--token", description = "Bearer token (default: the TESTIGO_TOKEN environment variable).")
    String token;

    @Option(names = "--format", description = "Tally format id to declare (default: the election's).")
    String format;

    @Option(names = "--concurrency", defaultValue = "4", description = "Submissions in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--data", hidden = true, description = "Accepted for uniformity; submit talks to a server, not a data folder.")
    Path ignoredData;

    @Override
    public Integer call() throws Exception {
        String bearer = token != null ? token : System.getenv("TESTIGO_TOKEN");
        if (bearer == null || bearer.isBlank()) {
            throw new UserError("a token is needed: --token T or TESTIGO_TOKEN (create one with `testigo token create`)");
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new UserError("--concurrency must be between 1 and 256");
        }
        List<String> lines = readLines();
        HttpSubmitter client = new HttpSubmitter(server, bearer);
        AtomicInteger refused = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<String>> results = new ArrayList<>();
            for (String line : lines) {
                results.add(pool.submit(() -> send(client, line, refused)));
            }
            for (Future<String> f : results) {
                System.out.println(f.get());
            }
        }
        System.err.printf("testigo: %d sent, %d refused%n", lines.size(), refused.get());
        return refused.get() == 0 ? 0 : 4;
    }

    private String send(HttpSubmitter client, String line, AtomicInteger refused) throws InterruptedException {
        HttpSubmitter.Answer answer = client.submit(format, Arrays.asList(line.split("\t")));
        if (!answer.accepted()) {
            refused.incrementAndGet();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", answer.status());
        try {
            out.put("response", Json.mapper().readTree(answer.body()));
        } catch (IOException e) {
            out.put("response", answer.body());
        }
        return new String(Json.bytes(out), StandardCharsets.UTF_8);
    }

    private List<String> readLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = file == null || file.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        }
        return lines;
    }
}
