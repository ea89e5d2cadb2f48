package org.testigo.web;

import io.github.bucket4j.TimeMeter;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.testigo.testing.SharedData;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.ImmutableFiles;
import org.testigo.web.http.ImmutableFiles.FileBody;
import org.testigo.web.http.RateLimits;
import org.testigo.web.http.SecurityHeaders;

/**
 * The serving layer alone on a random port, over real files from /work/shared/data: documents through
 * {@link CachedDocuments} under /doc/NAME, immutable files under /assets, and a rate-limited POST /limited
 * whose clock the test moves. The same server set-up as {@link TestigoServer} ({@link TestigoServer#listen}).
 */
final class ServingFixture implements AutoCloseable {
    /** A 67 KB CSV: compresses well. */
    static final String CSV = "ve_adm3_parroquias_ine_ocha.csv";
    /** A 264 KB GeoJSON. */
    static final String GEOJSON = "ve_parish_points_adm3_ine_ocha.geojson";
    /** Under a kilobyte: not worth compressing. */
    static final String TINY = "cne_official_bulletins_2024.csv";

    final Map<String, byte[]> files;
    final AtomicLong version = new AtomicLong(1);
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final RateLimits limits;
    final WebServer server;

    ServingFixture(RateLimits.Settings settings) {
        files = Map.of(CSV, read(CSV), GEOJSON, read(GEOJSON), TINY, read(TINY));
        limits = new RateLimits(settings, new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        });
        CachedDocuments docs = new CachedDocuments(version::get, 10);
        HttpRouting.Builder routing = HttpRouting.builder();
        SecurityHeaders.install(routing);
        routing.get("/doc/{name}", (req, res) -> {
            String name = req.path().pathParameters().get("name");
            byte[] body = files.get(name);
            if (body == null) {
                throw org.testigo.web.http.ApiException.notFound("NO_DOC", "name", "no document " + name);
            }
            docs.serve(req, res, "doc:" + name, HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8"), () -> body);
        });
        ImmutableFiles.routes(routing, "/assets", name -> switch (name) {
            case "parishes.0123abcd.csv" -> Optional.of(new FileBody(files.get(CSV), "text/csv; charset=utf-8"));
            case "points.89ab.geojson" -> Optional.of(new FileBody(files.get(GEOJSON), "application/geo+json"));
            case "tiny.77.csv" -> Optional.of(new FileBody(files.get(TINY), "text/csv; charset=utf-8"));
            case "photo.jpg" -> Optional.of(new FileBody(files.get(CSV), "image/jpeg", "\"photo-sha\""));
            default -> Optional.empty();
        });
        routing.post("/limited", limits.guard("lookup"), (req, res) -> res.send("ok"));
        routing.post("/per-token", limits.guard("submissions"), (req, res) -> res.send("ok"));
        server = TestigoServer.listen("127.0.0.1", 0, routing);
    }

    static byte[] read(String name) {
        try {
            return Files.readAllBytes(SharedData.file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.port();
    }

    /** Sends {@code request} as written (no client normalises it) and returns the whole response, head and body. */
    static byte[] raw(int port, String request) {
        return raw(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] raw(int port, byte[] request) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return readResponse(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response: the head, then Content-Length bytes (or, without one, up to the end of the stream). */
    private static byte[] readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            got.write(b);
            byte[] sofar = got.toByteArray();
            int n = sofar.length;
            if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
                String head = new String(sofar, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\r\ncontent-length:\\s*(\\d+)").matcher(head);
                if (m.find()) {
                    got.write(in.readNBytes(Integer.parseInt(m.group(1))));
                } else if (!head.contains("transfer-encoding: chunked")) {
                    return got.toByteArray(); // no body (304) or a closing connection
                } else {
                    in.transferTo(got);
                }
                return got.toByteArray();
            }
        }
        return got.toByteArray();
    }

    static String get(int port, String target) {
        return new String(raw(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        server.stop();
    }
}
