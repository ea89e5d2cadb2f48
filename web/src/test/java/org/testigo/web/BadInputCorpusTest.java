package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testigo.store.Role;

/**
 * Every malformed payload, body or request gets a specific 4xx with a JSON message naming what is
 * wrong — never a 500 or a stack trace — and nothing already accepted changes.
 */
class BadInputCorpusTest {
    static LiveServer live;
    static String before;
    static long evidenceBefore;
    static String good;

    /** One bad request: what to send and the status and error code it must get. */
    record Case(String name, Function<LiveServer, LiveServer.Answer> send, int status, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        live = new LiveServer(20, 3);
        good = live.synth.table(0).payload();
        // Some accepted evidence first, so that "unchanged" means something.
        for (int i = 0; i < 10; i++) {
            assertThat(live.submit(Role.WITNESS, java.util.Map.of("payload", live.synth.table(i).payload())).status())
                    .isEqualTo(201);
        }
        before = live.get("/api/v1/results").text();
        evidenceBefore = live.deployment.evidence().count();
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Case payload(String name, String payload, int status, String error) {
        return new Case(name, l -> l.post("/api/v1/submissions", Role.WITNESS, "{\"payload\":" + json(payload) + "}"),
                status, error);
    }

    private static Case body(String name, String body, int status, String error) {
        return new Case(name, l -> l.post("/api/v1/submissions", Role.WITNESS, body), status, error);
    }

    private static Case form(String name, Multipart form, int status, String error) {
        return new Case(name, l -> l.send(form.request(l, Role.WITNESS)), status, error);
    }

    /** A JPEG signature followed by more bytes than any image Testigo accepts (the body itself stays under the server's ceiling). */
    private static byte[] oversizedImage() {
        byte[] b = new byte[(int) org.testigo.scan.ImageLimits.DEFAULT.maxBytes() + 1024];
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xd8;
        b[2] = (byte) 0xff;
        return b;
    }

    private static Case raw(String name, Function<LiveServer, HttpRequest> request, int status, String error) {
        return new Case(name, l -> l.send(request.apply(l)), status, error);
    }

    /** good with one count replaced (0-based position in the 38 counts). */
    private static String withCount(int position, String value) {
        String[] fields = good.split("!");
        String[] counts = fields[1].split(",");
        counts[position] = value;
        fields[1] = String.join(",", counts);
        return String.join("!", fields);
    }

    private static String withCounts(int n) {
        String[] fields = good.split("!");
        List<String> counts = new ArrayList<>(Arrays.asList(fields[1].split(",")));
        while (counts.size() > n) {
            counts.remove(counts.size() - 1);
        }
        while (counts.size() < n) {
            counts.add("0");
        }
        fields[1] = String.join(",", counts);
        return String.join("!", fields);
    }

    static Stream<Case> corpus() {
        String g = "010101001.01.1.0001!" + "0,".repeat(37) + "0!0!0"; // shape only; table may not exist
        List<Case> cases = new ArrayList<>();
        // The payload itself.
        cases.add(payload("truncated payload", good.substring(0, good.length() / 2), 422, "INVALID_PAYLOAD"));
        cases.add(payload("truncated before the null votes", good.substring(0, good.lastIndexOf('!', good.lastIndexOf('!') - 1)), 422, "INVALID_PAYLOAD"));
        cases.add(payload("over-long payload (700 characters)", good + ",0".repeat(350), 422, "INVALID_PAYLOAD"));
        cases.add(payload("payload beyond what a QR code holds", "1".repeat(5000), 422, "PAYLOAD_TOO_LARGE"));
        cases.add(payload("37 counts", withCounts(37), 422, "INVALID_PAYLOAD"));
        cases.add(payload("39 counts", withCounts(39), 422, "INVALID_PAYLOAD"));
        cases.add(payload("no counts at all", withCounts(0), 422, "INVALID_PAYLOAD"));
        cases.add(payload("negative count", withCount(3, "-5"), 422, "INVALID_PAYLOAD"));
        cases.add(payload("non-digit count", withCount(5, "1O"), 422, "INVALID_PAYLOAD"));
        cases.add(payload("overflowing count", withCount(7, "99999999999"), 422, "INVALID_PAYLOAD"));
        cases.add(payload("count beyond int range", withCount(7, "2147483648"), 422, "INVALID_PAYLOAD"));
        cases.add(payload("count with leading zeros", withCount(2, "007"), 422, "INVALID_PAYLOAD"));
        cases.add(payload("empty count", withCount(9, ""), 422, "INVALID_PAYLOAD"));
        cases.add(payload("decimal count", withCount(9, "1.5"), 422, "INVALID_PAYLOAD"));
        cases.add(payload("non-digit null votes", good.replaceFirst("![0-9]+!([0-9]+)$", "!x!$1"), 422, "INVALID_PAYLOAD"));
        cases.add(payload("three fields", good.substring(0, good.lastIndexOf('!')), 422, "INVALID_PAYLOAD"));
        cases.add(payload("five fields", good + "!0", 422, "INVALID_PAYLOAD"));
        cases.add(payload("acta id with two parts", good.replaceFirst("\\.1\\.0001!", "!"), 422, "INVALID_PAYLOAD"));
        cases.add(payload("centre code of 8 digits", good.substring(1), 422, "INVALID_PAYLOAD"));
        cases.add(payload("letters in the centre code", "A" + good.substring(1), 422, "INVALID_PAYLOAD"));
        cases.add(payload("table 00", good.replaceFirst("^(\\d{9})\\.\\d\\d", "$1.00"), 422, "INVALID_PAYLOAD"));
        cases.add(payload("inner whitespace", good.replace(",", ", "), 422, "INVALID_PAYLOAD"));
        cases.add(payload("characters no acta prints", good + "é", 422, "INVALID_PAYLOAD"));
        cases.add(payload("empty payload", "", 422, "NO_PAYLOAD"));
        cases.add(payload("blank payload", "   ", 422, "NO_PAYLOAD"));
        cases.add(payload("unknown table", "990101001.01.1.0001!" + good.split("!", 2)[1], 422, "UNKNOWN_TABLE"));
        cases.add(payload("well formed but no such table", g.replaceFirst("^010101001", "010101999"), 422, "UNKNOWN_TABLE"));
        // The JSON around it.
        cases.add(body("payload missing", "{\"format\":\"ve-2024\"}", 400, "FIELD_MISSING"));
        cases.add(body("payload null", "{\"payload\":null}", 400, "FIELD_MISSING"));
        cases.add(body("payload a number", "{\"payload\":42}", 400, "FIELD_WRONG_TYPE"));
        cases.add(body("payload an object", "{\"payload\":{\"qr\":\"x\"}}", 400, "FIELD_WRONG_TYPE"));
        cases.add(body("payload array with a number", "{\"payload\":[\"a\",7]}", 400, "FIELD_WRONG_TYPE"));
        cases.add(body("empty payload array", "{\"payload\":[]}", 422, "NO_PAYLOAD"));
        cases.add(body("33 QR codes", "{\"payload\":[" + String.join(",", java.util.Collections.nCopies(33, "\"a\"")) + "]}", 422, "TOO_MANY_PAYLOADS"));
        cases.add(body("two codes for a one-code format", "{\"payload\":[" + json(good) + "," + json(good) + "]}", 422, "INVALID_PAYLOAD"));
        cases.add(body("unknown format", "{\"format\":\"xx-1999\",\"payload\":" + json(good) + "}", 422, "UNKNOWN_FORMAT"));
        cases.add(body("another election's format", "{\"format\":\"br-bu\",\"payload\":" + json(good) + "}", 422, "WRONG_FORMAT"));
        cases.add(body("format a number", "{\"format\":7,\"payload\":" + json(good) + "}", 400, "FIELD_WRONG_TYPE"));
        cases.add(body("broken JSON", "{\"payload\": \"" + good, 400, "INVALID_JSON"));
        cases.add(body("JSON with trailing garbage", "{\"payload\":" + json(good) + "} {}", 400, "INVALID_JSON"));
        cases.add(body("JSON array instead of object", "[" + json(good) + "]", 400, "NOT_AN_OBJECT"));
        cases.add(body("JSON string instead of object", json(good), 400, "NOT_AN_OBJECT"));
        cases.add(body("empty body", "", 400, "EMPTY_BODY"));
        cases.add(body("deeply nested JSON", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 400, "INVALID_JSON"));
        cases.add(raw("invalid UTF-8 in the body", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions"))
                .header("Authorization", "Bearer " + l.tokens.get(Role.WITNESS)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}))
                .build(), 400, "INVALID_JSON"));
        cases.add(raw("wrong content type", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions"))
                .header("Authorization", "Bearer " + l.tokens.get(Role.WITNESS)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(good)).build(), 415, "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(raw("no content type", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions"))
                .header("Authorization", "Bearer " + l.tokens.get(Role.WITNESS))
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":" + json(good) + "}")).build(), 415, "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(raw("JSON declared in Latin-1", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions"))
                .header("Authorization", "Bearer " + l.tokens.get(Role.WITNESS)).header("Content-Type", "application/json; charset=iso-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":" + json(good) + "}")).build(), 415, "UNSUPPORTED_CHARSET"));
        // Expect: 100-continue lets the server refuse before the client sends the body; a client that
        // sends it anyway may see the connection reset under the answer (a20MegabyteBody… covers that).
        cases.add(raw("a 2 MB body", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions")).expectContinue(true)
                .header("Authorization", "Bearer " + l.tokens.get(Role.WITNESS)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":\"" + "1".repeat(2 << 20) + "\"}")).build(), 413, "BODY_TOO_LARGE"));
        // Photos as multipart/form-data.
        byte[] photo = org.testigo.intake.ActaPictures.png(good);
        cases.add(form("multipart without an image part", Multipart.form().text("qr", good), 400, "IMAGE_MISSING"));
        cases.add(form("two image parts", Multipart.form().image(photo).image(photo), 400, "IMAGE_REPEATED"));
        cases.add(form("an empty image part", Multipart.form().image(new byte[0]), 400, "IMAGE_EMPTY"));
        cases.add(form("text in the image part", Multipart.form().image(good.getBytes(StandardCharsets.UTF_8)), 415, "NOT_AN_IMAGE"));
        cases.add(form("a 30,000 × 30,000 PNG bomb", Multipart.form().image(org.testigo.intake.ActaPictures.pngBomb(30_000)), 422,
                "IMAGE_TOO_MANY_PIXELS"));
        cases.add(form("an image part over 40 MiB", Multipart.form().image(oversizedImage()), 413, "IMAGE_TOO_LARGE"));
        cases.add(raw("a multipart body over the server's ceiling", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions"))
                .expectContinue(true).header("Authorization", "Bearer " + l.tokens.get(Role.WITNESS))
                .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) org.testigo.web.TestigoServer.MAX_BODY_BYTES + 1])).build(),
                413, "BODY_TOO_LARGE"));
        cases.add(form("an unknown part", Multipart.form().image(photo).text("gps", "10.5,-66.9"), 400, "PART_UNKNOWN"));
        cases.add(form("two format parts", Multipart.form().image(photo).text("format", "ve-2024").text("format", "ve-2024"), 400,
                "FIELD_REPEATED"));
        cases.add(form("a qr part that is not text", Multipart.form().image(photo)
                .part(new Multipart.Part("qr", "qr.bin", "application/octet-stream", good.getBytes(StandardCharsets.UTF_8))), 415,
                "PART_WRONG_TYPE"));
        cases.add(form("a qr part in Latin-1", Multipart.form().image(photo)
                .part(new Multipart.Part("qr", null, "text/plain", new byte[] {'0', (byte) 0xE9})), 400, "PART_NOT_UTF8"));
        cases.add(form("invalid qr text with a good photo", Multipart.form().image(photo).text("qr", withCount(3, "-5")), 422,
                "INVALID_PAYLOAD"));
        cases.add(form("another election's format with a photo", Multipart.form().image(photo).text("format", "br-bu"), 422,
                "WRONG_FORMAT"));
        cases.add(form("a truncated multipart body", Multipart.form().image(photo).unclosed(), 400, "MULTIPART_MALFORMED"));
        cases.add(raw("multipart without a boundary", l -> Multipart.form().image(photo).request(l, Role.WITNESS, "multipart/form-data"),
                400, "MULTIPART_MALFORMED"));
        cases.add(raw("multipart with another boundary", l -> Multipart.form().image(photo).request(l, Role.WITNESS,
                "multipart/form-data; boundary=not-the-one"), 400, "MULTIPART_MALFORMED"));
        cases.add(raw("multipart/mixed instead of form-data", l -> Multipart.form().image(photo).request(l, Role.WITNESS,
                "multipart/mixed; boundary=" + Multipart.BOUNDARY), 415, "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(raw("a photo without a token", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions"))
                .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.form().image(photo).bytes())).build(), 401, "TOKEN_MISSING"));
        cases.add(new Case("image id not a number", l -> l.get("/api/v1/images/abc", Role.COORDINATOR), 400, "MALFORMED_IMAGE_ID"));
        cases.add(new Case("unknown image", l -> l.get("/api/v1/images/999999", Role.COORDINATOR), 404, "UNKNOWN_IMAGE"));
        cases.add(new Case("transcriptions with a bad limit", l -> l.get("/api/v1/transcriptions?limit=0", Role.VOLUNTEER), 400,
                "QUERY_INVALID"));
        cases.add(new Case("transcriptions for a witness", l -> l.get("/api/v1/transcriptions", Role.WITNESS), 403,
                "ROLE_NOT_ALLOWED"));
        // Tokens.
        cases.add(raw("no token", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":" + json(good) + "}")).build(), 401, "TOKEN_MISSING"));
        cases.add(raw("wrong token", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer tgo_" + "A".repeat(43))
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":" + json(good) + "}")).build(), 401, "TOKEN_INVALID"));
        cases.add(raw("token of another scheme", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions")).header("Content-Type", "application/json")
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":" + json(good) + "}")).build(), 401, "TOKEN_MALFORMED"));
        cases.add(raw("Bearer without a token", l -> HttpRequest.newBuilder(l.uri("/api/v1/submissions")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":" + json(good) + "}")).build(), 401, "TOKEN_MALFORMED"));
        cases.add(new Case("witness creating tokens", l -> l.post("/api/v1/tokens", Role.WITNESS, "{\"role\":\"witness\",\"name\":\"x\"}"), 403, "ROLE_NOT_ALLOWED"));
        cases.add(new Case("volunteer creating tokens", l -> l.post("/api/v1/tokens", Role.VOLUNTEER, "{\"role\":\"witness\",\"name\":\"x\"}"), 403, "ROLE_NOT_ALLOWED"));
        cases.add(new Case("coordinator creating an admin", l -> l.post("/api/v1/tokens", Role.COORDINATOR, "{\"role\":\"admin\",\"name\":\"x\"}"), 403, "ROLE_NOT_ALLOWED"));
        cases.add(new Case("token of an unknown role", l -> l.post("/api/v1/tokens", Role.ADMIN, "{\"role\":\"king\",\"name\":\"x\"}"), 400, "FIELD_INVALID"));
        // Reads.
        cases.add(new Case("unknown place", l -> l.get("/api/v1/results/99"), 404, "UNKNOWN_NODE"));
        cases.add(new Case("unknown table", l -> l.get("/api/v1/tables/990101001.01"), 404, "UNKNOWN_TABLE"));
        cases.add(new Case("malformed table id", l -> l.get("/api/v1/tables/%25%25"), 400, "MALFORMED_TABLE_ID"));
        cases.add(new Case("evidence id not a number", l -> l.get("/api/v1/evidence/abc"), 400, "MALFORMED_EVIDENCE_ID"));
        cases.add(new Case("unknown evidence", l -> l.get("/api/v1/evidence/999999"), 404, "UNKNOWN_EVIDENCE"));
        cases.add(new Case("unknown path", l -> l.get("/api/v2/everything"), 404, "NOT_FOUND"));
        cases.add(new Case("GET on the submissions endpoint", l -> l.get("/api/v1/submissions"), 405, "METHOD_NOT_ALLOWED"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithASpecificClientErrorAndAClearMessage(Case c) {
        LiveServer.Answer a = c.send().apply(live);
        assertRefusal(a, c.status(), c.error());
    }

    static void assertRefusal(LiveServer.Answer a, int status, String error) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        JsonNode body = a.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(a.text()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
    }

    @Test
    void theCorpusIsLargeEnough() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void payloadProblemsNameTheField() {
        JsonNode body = live.post("/api/v1/submissions", Role.WITNESS, "{\"payload\":" + json(withCount(12, "1.5")) + "}").json();
        assertThat(body.get("field").asText()).contains("counts[12]");
        assertThat(body.get("message").asText()).contains("counts[12]");
        assertThat(body.at("/details/0/code").asText()).isEqualTo("NUMBER_NOT_DIGITS");
    }

    @Test
    void a20MegabyteBodyIsRefusedWith413() throws IOException {
        // Sent by hand: a client that insists on writing all 20 MB would see the connection closed early.
        try (Socket s = new Socket("127.0.0.1", live.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + live.tokens.get(Role.WITNESS)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (20 << 20) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 << 10];
            Arrays.fill(chunk, (byte) '1');
            try {
                for (int i = 0; i < (20 << 20) / chunk.length; i++) {
                    out.write(chunk);
                }
            } catch (IOException closedEarly) {
                // the server answered and closed without reading everything: expected
            }
            String response = read(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).contains("BODY_TOO_LARGE").doesNotContain("Exception");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() throws IOException {
        // No Content-Length: the server finds out only while reading.
        try (Socket s = new Socket("127.0.0.1", live.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + live.tokens.get(Role.WITNESS)
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 << 10];
            Arrays.fill(chunk, (byte) '1');
            try {
                out.write("c\r\n{\"payload\":\"\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 40; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("2\r\n\"}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedEarly) {
                // the server answered and closed without reading everything: expected
            }
            String response = read(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).contains("BODY_TOO_LARGE").doesNotContain("Exception");
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            for (int n; (n = in.read(b)) > 0; ) {
                buf.write(b, 0, n);
                if (buf.toString(StandardCharsets.UTF_8).contains("}")) {
                    break;
                }
            }
        } catch (IOException e) {
            // connection reset after the answer: what was read is enough
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void afterEverythingTheTotalsAndTheEvidenceAreUnchanged() {
        corpus().forEach(c -> {
            try {
                c.send().apply(live);
            } catch (java.io.UncheckedIOException connectionClosedByARefusal) {
                // what matters here is what the server kept
            }
        });
        assertThat(live.get("/api/v1/results").text()).isEqualTo(before);
        assertThat(live.deployment.evidence().count()).isEqualTo(evidenceBefore);
        assertThat(live.deployment.images().count()).as("no image job from a refused upload").isZero();
    }
}
