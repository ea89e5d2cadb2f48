package org.testigo.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.testigo.deployment.Deployment;
import org.testigo.store.Role;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.views.Json;

/**
 * A real Testigo server on a random port, over a fresh PostgreSQL database, with a small synthetic
 * election loaded and one token per role; tests talk to it over real HTTP.
 */
final class LiveServer implements AutoCloseable {
    final SyntheticElection synth;
    final Deployment deployment;
    final TestigoServer server;
    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    LiveServer(int tables, long seed) {
        this(SyntheticElection.generate(SynthSpec.of(tables, seed)), TestPostgres.freshDatabase());
    }

    /** A server on a given database (again, after a restart): loads the election if it is not there yet. */
    LiveServer(SyntheticElection synth, org.testigo.store.DatabaseConfig config) {
        this(synth, config, null);
    }

    /** A server publishing its transparency log, whose checkpoints {@code logKey} signs. */
    LiveServer(int tables, long seed, org.testigo.ledger.NoteKey logKey) {
        this(SyntheticElection.generate(SynthSpec.of(tables, seed)), TestPostgres.freshDatabase(), logKey);
    }

    LiveServer(SyntheticElection synth, org.testigo.store.DatabaseConfig config, org.testigo.ledger.NoteKey logKey) {
        this(synth, config, logKey, null);
    }

    /** A server whose downloads page lists the open-data bundle in {@code bundle} (null: none), as `serve --bundle`. */
    LiveServer(SyntheticElection synth, org.testigo.store.DatabaseConfig config, org.testigo.ledger.NoteKey logKey,
            java.nio.file.Path bundle) {
        this.synth = synth;
        var database = org.testigo.store.Database.open(config);
        deployment = logKey == null ? Deployment.open(database, Clock.systemUTC()) : Deployment.open(database, Clock.systemUTC(), logKey);
        deployment.load(synth.election());
        for (Role r : Role.values()) {
            tokens.put(r, deployment.tokens().create(r, "test " + r.id()));
        }
        // Tests call the anonymous "verify" routes far more often than a citizen may: their own budget
        // here; the default limit is tested in VerifyApiTest on a server of its own.
        server = TestigoServer.start(deployment, "127.0.0.1", 0, org.testigo.web.http.RateLimits.Settings.defaults()
                .with("verify", new org.testigo.web.http.RateLimits.Limit(1_000, 1_000, Duration.ofMinutes(1),
                        org.testigo.web.http.RateLimits.Key.ADDRESS)), bundle, null);
    }

    /**
     * The table of the synthetic roll's voter {@code v}, found independently of the roll's code: the
     * generator lists voters table by table, as many as each table has registered.
     */
    String tableOfVoter(long v) {
        for (org.testigo.election.PollingTable t : synth.election().geography().tables()) {
            if (v < t.registered()) {
                return t.id().value();
            }
            v -= t.registered();
        }
        throw new AssertionError("no voter " + v);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A response with its body parsed as JSON when it is JSON. */
    record Answer(int status, HttpResponse<byte[]> raw) {
        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return Json.mapper().readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Answer post(String path, Role role, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + tokens.get(role))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer get(String path, Role role) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + tokens.get(role)).GET().build());
    }

    /** Sends a photo (with optional QR text parts) as multipart/form-data. */
    Answer submitImage(Role role, byte[] image, String... qr) {
        Multipart form = Multipart.form().image(image);
        for (String q : qr) {
            form.text("qr", q);
        }
        return send(form.request(this, role));
    }

    /** Follows an image submission until it leaves "decoding" (a minute at most). */
    JsonNode awaitImage(long id, Role role) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Answer a = get("/api/v1/images/" + id, role);
            if (a.status() != 200) {
                throw new AssertionError("GET /api/v1/images/" + id + ": " + a.status() + " " + a.text());
            }
            JsonNode s = a.json();
            if (!s.get("status").asText().equals("decoding")) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("image " + id + " still decoding after a minute");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Answer submit(Role role, Object body) {
        return post("/api/v1/submissions", role, new String(Json.bytes(body), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
        deployment.close();
    }
}
