package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.views.Json;
import org.testigo.web.http.RateLimits;
import org.testigo.web.http.SecurityHeaders;

/** Compression, caching, security headers and rate limits, over real HTTP on the serving layer alone. */
class ServingLayerTest {
    static ServingFixture fx;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        RateLimits.Settings s = RateLimits.Settings.defaults()
                .with("lookup", new RateLimits.Limit(3, 1, Duration.ofSeconds(10), RateLimits.Key.ADDRESS))
                .with("submissions", new RateLimits.Limit(2, 1, Duration.ofMinutes(1), RateLimits.Key.TOKEN))
                .trustingProxies(Set.of("127.0.0.1"))
                .rememberingAtMost(64);
        fx = new ServingFixture(s);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.port() + path)).headers(pad(headers)).GET().build());
    }

    static HttpResponse<byte[]> post(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.port() + path)).headers(pad(headers))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String[] pad(String[] headers) {
        return headers.length == 0 ? new String[] {"X-Test", "1"} : headers;
    }

    static HttpResponse<byte[]> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    static byte[] gunzip(byte[] b) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            return in.readAllBytes();
        }
    }

    static byte[] unbrotli(byte[] b) throws IOException {
        return Decoder.decompress(b).getDecompressedData();
    }

    static void assertSecurityHeaders(HttpResponse<?> r) {
        assertThat(header(r, "Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(header(r, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(r, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(header(r, "Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(header(r, "Permissions-Policy")).contains("camera=()").contains("geolocation=()");
        assertThat(header(r, "Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(r.headers().allValues("Server")).allSatisfy(v -> assertThat(v).doesNotContainPattern("\\d"));
    }

    @Test
    void aDocumentComesGzippedOrInBrotliAndDecompressesToTheSameBytes() throws IOException {
        byte[] original = fx.files.get(ServingFixture.CSV);
        HttpResponse<byte[]> plain = get("/doc/" + ServingFixture.CSV);
        HttpResponse<byte[]> gz = get("/doc/" + ServingFixture.CSV, "Accept-Encoding", "gzip");
        HttpResponse<byte[]> br = get("/doc/" + ServingFixture.CSV, "Accept-Encoding", "gzip, deflate, br");
        assertThat(plain.body()).isEqualTo(original);
        assertThat(header(plain, "Content-Encoding")).isNull();
        assertThat(header(gz, "Content-Encoding")).isEqualTo("gzip");
        assertThat(gunzip(gz.body())).isEqualTo(original);
        assertThat(header(br, "Content-Encoding")).isEqualTo("br");
        assertThat(unbrotli(br.body())).isEqualTo(original);
        // A 67 KB CSV of place names: both codings at least halve it, Brotli no larger than gzip.
        assertThat(gz.body().length).isLessThan(original.length / 2);
        assertThat(br.body().length).isLessThanOrEqualTo(gz.body().length);
        for (var r : java.util.List.of(plain, gz, br)) {
            assertThat(header(r, "Vary")).isEqualTo("Accept-Encoding");
            assertThat(header(r, "Content-Type")).startsWith("text/csv");
            assertSecurityHeaders(r);
        }
    }

    @Test
    void qValuesDecideTheCoding() {
        String doc = "/doc/" + ServingFixture.CSV;
        assertThat(header(get(doc, "Accept-Encoding", "br;q=0.5, gzip;q=0.8"), "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(get(doc, "Accept-Encoding", "br;q=0, *"), "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(get(doc, "Accept-Encoding", "*"), "Content-Encoding")).isEqualTo("br");
        assertThat(header(get(doc, "Accept-Encoding", "gzip;q=0, br;q=0"), "Content-Encoding")).isNull();
        assertThat(header(get(doc, "Accept-Encoding", "identity"), "Content-Encoding")).isNull();
        assertThat(header(get(doc, "Accept-Encoding", "identity;q=1, gzip;q=0.5"), "Content-Encoding")).isNull();
        assertThat(header(get(doc, "Accept-Encoding", "zstd, deflate"), "Content-Encoding")).isNull();
    }

    @Test
    void eachCodingHasItsOwnStrongEtagAndRevalidatesTo304() {
        String doc = "/doc/" + ServingFixture.GEOJSON;
        String plain = header(get(doc), "ETag");
        String gz = header(get(doc, "Accept-Encoding", "gzip"), "ETag");
        String br = header(get(doc, "Accept-Encoding", "br"), "ETag");
        assertThat(Set.of(plain, gz, br)).hasSize(3);
        assertThat(plain).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(gz).isEqualTo(plain.substring(0, plain.length() - 1) + "-gzip\"");

        HttpResponse<byte[]> notModified = get(doc, "Accept-Encoding", "br", "If-None-Match", br);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(header(notModified, "ETag")).isEqualTo(br);
        assertThat(header(notModified, "Vary")).isEqualTo("Accept-Encoding");
        assertSecurityHeaders(notModified);
        assertThat(get(doc, "Accept-Encoding", "gzip", "If-None-Match", gz).statusCode()).isEqualTo(304);
        assertThat(get(doc, "If-None-Match", plain).statusCode()).isEqualTo(304);
        // A tag for another coding does not validate this one: the client gets the bytes it asked for.
        HttpResponse<byte[]> other = get(doc, "Accept-Encoding", "gzip", "If-None-Match", br);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(header(other, "Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void aNewStateVersionGivesNewTags() {
        String doc = "/doc/" + ServingFixture.CSV;
        String before = header(get(doc, "Accept-Encoding", "br"), "ETag");
        fx.version.incrementAndGet(); // same bytes re-rendered: same tag (a hash of the bytes)
        assertThat(header(get(doc, "Accept-Encoding", "br"), "ETag")).isEqualTo(before);
    }

    @Test
    void tinyBodiesAndImagesAreServedAsTheyAre() {
        HttpResponse<byte[]> tiny = get("/doc/" + ServingFixture.TINY, "Accept-Encoding", "br, gzip");
        assertThat(header(tiny, "Content-Encoding")).isNull();
        assertThat(header(tiny, "Vary")).isNull();
        assertThat(tiny.body()).isEqualTo(fx.files.get(ServingFixture.TINY));
        HttpResponse<byte[]> jpeg = get("/assets/photo.jpg", "Accept-Encoding", "br, gzip");
        assertThat(header(jpeg, "Content-Encoding")).isNull();
        assertThat(header(jpeg, "Content-Type")).isEqualTo("image/jpeg");
        assertThat(header(jpeg, "ETag")).isEqualTo("\"photo-sha\"");
        assertThat(get("/assets/photo.jpg", "If-None-Match", "\"photo-sha\"").statusCode()).isEqualTo(304);
    }

    @Test
    void immutableFilesAreCachedForAYearAndPrecompressed() throws IOException {
        HttpResponse<byte[]> br = get("/assets/points.89ab.geojson", "Accept-Encoding", "br");
        assertThat(br.statusCode()).isEqualTo(200);
        assertThat(header(br, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(header(br, "Content-Type")).isEqualTo("application/geo+json");
        assertThat(unbrotli(br.body())).isEqualTo(fx.files.get(ServingFixture.GEOJSON));
        HttpResponse<byte[]> gz = get("/assets/parishes.0123abcd.csv", "Accept-Encoding", "gzip");
        assertThat(gunzip(gz.body())).isEqualTo(fx.files.get(ServingFixture.CSV));
        HttpResponse<byte[]> again = get("/assets/parishes.0123abcd.csv", "Accept-Encoding", "gzip",
                "If-None-Match", header(gz, "ETag"));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(header(again, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertSecurityHeaders(again);
    }

    @Test
    void anUnknownFileIsAJson404WithEveryHeader() {
        HttpResponse<byte[]> r = get("/assets/missing.0000.css");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(header(r, "Content-Type")).startsWith("application/json");
        assertThat(json(r.body()).get("error").asText()).isEqualTo("NO_SUCH_FILE");
        assertSecurityHeaders(r);
        HttpResponse<byte[]> unrouted = get("/nothing/here");
        assertThat(unrouted.statusCode()).isEqualTo(404);
        assertThat(json(unrouted.body()).get("error").asText()).isEqualTo("NOT_FOUND");
        assertSecurityHeaders(unrouted);
    }

    @Test
    void aClientOverItsBudgetGets429WithRetryAfterUntilTheBucketRefills() {
        String client = "203.0.113.7";
        for (int i = 0; i < 3; i++) {
            assertThat(post("/limited", "X-Forwarded-For", client).statusCode()).isEqualTo(200);
        }
        HttpResponse<byte[]> refused = post("/limited", "X-Forwarded-For", client);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, "Retry-After")).isEqualTo("10"); // one request per 10 s refills
        assertThat(header(refused, "Content-Type")).startsWith("application/json");
        JsonNode body = json(refused.body());
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(body.get("error").asText()).isEqualTo("RATE_LIMITED");
        assertSecurityHeaders(refused);
        // Another client is unaffected; a proxy hop before the client's does not change who it is.
        assertThat(post("/limited", "X-Forwarded-For", "203.0.113.8").statusCode()).isEqualTo(200);
        assertThat(post("/limited", "X-Forwarded-For", "198.51.100.1, " + client).statusCode()).isEqualTo(429);
        fx.nanos.addAndGet(4_000_000_000L);
        assertThat(header(post("/limited", "X-Forwarded-For", client), "Retry-After")).isEqualTo("6");
        fx.nanos.addAndGet(6_000_000_000L);
        assertThat(post("/limited", "X-Forwarded-For", client).statusCode()).isEqualTo(200);
        assertThat(post("/limited", "X-Forwarded-For", client).statusCode()).isEqualTo(429);
    }

    @Test
    void tokenBudgetsFollowTheTokenNotTheAddress() {
        for (int i = 0; i < 2; i++) {
            assertThat(post("/per-token", "Authorization", "Bearer witness-one").statusCode()).isEqualTo(200);
        }
        assertThat(post("/per-token", "Authorization", "Bearer witness-one").statusCode()).isEqualTo(429);
        assertThat(post("/per-token", "Authorization", "Bearer witness-two").statusCode()).isEqualTo(200);
    }

    @Test
    void aFloodOfDistinctClientsDoesNotGrowTheLimiterBeyondItsBound() {
        for (int i = 0; i < 2_000; i++) {
            int status = post("/limited", "X-Forwarded-For", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)).statusCode();
            assertThat(status).isEqualTo(200);
        }
        for (int i = 0; i < 500; i++) {
            post("/limited", "X-Forwarded-For", "2001:db8:" + Integer.toHexString(i) + "::1");
        }
        assertThat(fx.limits.tracked("lookup")).isLessThanOrEqualTo(64);
    }

    @Test
    void anIpv6ClientIsOneClientAcrossItsSlash64() {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/limited", "X-Forwarded-For", "2001:db8:aaaa:1::" + (i + 1)).statusCode()).isEqualTo(200);
        }
        assertThat(post("/limited", "X-Forwarded-For", "2001:db8:aaaa:1:ffff::9").statusCode()).isEqualTo(429);
        assertThat(post("/limited", "X-Forwarded-For", "2001:db8:aaaa:2::1").statusCode()).isEqualTo(200);
    }

    static JsonNode json(byte[] b) {
        try {
            return Json.mapper().readTree(b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
