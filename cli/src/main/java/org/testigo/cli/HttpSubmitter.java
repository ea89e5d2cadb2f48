package org.testigo.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testigo.views.Json;

/** Sends submissions to a Testigo server over HTTP, as a witness's phone would. Thread-safe. */
final class HttpSubmitter {
    /** The server's answer: HTTP status and body. Status 0 means the server could not be reached. */
    record Answer(int status, String body) {
        boolean accepted() {
            return status == 200 || status == 201;
        }
    }

    private final HttpClient http;
    private final URI endpoint;
    private final String token;

    HttpSubmitter(URI server, String token) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.endpoint = server.resolve("/api/v1/submissions");
        this.token = token;
    }

    static byte[] body(String format, List<String> payloads) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (format != null) {
            body.put("format", format);
        }
        body.put("payload", payloads.size() == 1 ? payloads.get(0) : payloads);
        return Json.bytes(body);
    }

    Answer submit(String format, List<String> payloads) throws InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(format, payloads)))
                .build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(res.statusCode(), res.body());
        } catch (IOException e) {
            return new Answer(0, "cannot reach " + endpoint + ": " + e);
        }
    }
}
