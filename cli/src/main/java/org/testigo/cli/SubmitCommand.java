package org.testigo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
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
        description = {"Send actas' QR texts to a Testigo server, one acta per line (the codes of a multi-code acta",
            "on one line, separated by TAB). Prints one JSON receipt or error per acta."})
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
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI endpoint = server.resolve("/api/v1/submissions");
        AtomicInteger refused = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<String>> results = new ArrayList<>();
            for (String line : lines) {
                results.add(pool.submit(() -> send(http, endpoint, bearer, line, refused)));
            }
            for (Future<String> f : results) {
                System.out.println(f.get());
            }
        }
        System.err.printf("testigo: %d sent, %d refused%n", lines.size(), refused.get());
        return refused.get() == 0 ? 0 : 4;
    }

    private String send(HttpClient http, URI endpoint, String bearer, String line, AtomicInteger refused) {
        List<String> codes = Arrays.asList(line.split("\t"));
        Map<String, Object> body = new LinkedHashMap<>();
        if (format != null) {
            body.put("format", format);
        }
        body.put("payload", codes.size() == 1 ? codes.get(0) : codes);
        HttpRequest req = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                .build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (res.statusCode() >= 300) {
                refused.incrementAndGet();
            }
            JsonNode answer = Json.mapper().readTree(res.body());
            return Json.mapper().writeValueAsString(Map.of("status", res.statusCode(), "response", answer));
        } catch (IOException e) {
            refused.incrementAndGet();
            return "{\"status\":0,\"error\":\"cannot reach " + server + ": " + e.getClass().getSimpleName() + "\"}";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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
