package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testigo.store.Role;
import org.testigo.web.http.RateLimits;

/**
 * Hostile requests over real HTTP, written byte for byte (no client normalises them): path traversal in any
 * spelling, script in paths and parameters, oversized request lines, headers and bodies. Each gets a clean
 * 4xx with a JSON body and every security header — never a 500, a stack trace, a file outside the served
 * set, or markup reflected back.
 */
class HostileInputTest {
    static LiveServer live;
    static ServingFixture fx;

    @BeforeAll
    static void start() {
        live = new LiveServer(20, 5);
        fx = new ServingFixture(RateLimits.Settings.defaults());
    }

    @AfterAll
    static void stop() {
        live.close();
        fx.close();
    }

    /** One parsed raw response. */
    record Raw(int status, String head, String body) {
        static Raw of(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("a complete HTTP response: %s", text).isPositive();
            String head = text.substring(0, end);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, text.substring(end + 4));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    static Stream<String> traversals() {
        return Stream.of(
                "/assets/../../../../etc/passwd",
                "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/assets/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                "/assets/%252e%252e/%252e%252e/etc/passwd",
                "/assets/..%2f..%2f..%2fetc%2fpasswd",
                "/assets/..%5c..%5c..%5cetc%5cpasswd",
                "/assets/..\\..\\..\\etc\\passwd",
                "/assets/.%2e/.%2e/etc/passwd",
                "/assets//etc/passwd",
                "/assets/%2fetc%2fpasswd",
                "/assets/.hidden",
                "/assets/parishes.0123abcd.csv%00.jpg",
                "/assets/tiny.77.csv%00",
                "//etc/passwd",
                "///etc/passwd",
                "/../../../etc/passwd",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/doc/..%2f..%2f..%2fetc%2fpasswd",
                "/doc/%2e%2e",
                "/api/v1/tables/..%2f..%2f..%2fetc%2fpasswd",
                "/api/v1/results/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/api/v1/../../../etc/passwd",
                "/api/v1/evidence/..%5c..%5cetc%5cpasswd",
                "/log/tile/../../../../etc/passwd",
                "/log/tile/%2e%2e/%2e%2e/etc/passwd");
    }

    @ParameterizedTest
    @MethodSource("traversals")
    void aPathTraversalIsACleanRefusal(String target) {
        for (int port : List.of(fx.port(), live.server.port())) {
            Raw r = Raw.of(ServingFixture.raw(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            assertClean4xx(r, target);
            assertThat(r.body()).doesNotContain("root:").doesNotContain("/bin/");
            // nothing from the served set under another name either
            assertThat(r.body()).doesNotContain("ADM3");
        }
    }

    @Test
    void aNulByteInTheRequestLineIsRefused() {
        for (int port : List.of(fx.port(), live.server.port())) {
            Raw r = Raw.of(ServingFixture.raw(port, "GET /assets/tiny.77.csv\0.jpg HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            assertClean4xx(r, "NUL");
        }
    }

    static Stream<String> scripts() {
        String s = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
        String svg = "%22%3E%3Csvg%20onload=alert(1)%3E";
        return Stream.of(
                "/api/v1/tables/" + s,
                "/api/v1/results/" + s,
                "/api/v1/evidence/" + s,
                "/api/v1/proofs/inclusion?index=" + s + "&size=" + svg,
                "/api/v1/proofs/consistency?first=" + svg + "&second=" + s,
                "/log/tile/" + s,
                "/nothing/" + s + "?q=" + svg,
                "/assets/" + s + ".css",
                "/doc/" + svg);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void scriptInAPathOrParameterIsNeverReflectedAsMarkup(String target) {
        for (int port : List.of(fx.port(), live.server.port())) {
            Raw r = Raw.of(ServingFixture.raw(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            assertClean4xx(r, target);
            assertThat(r.body()).doesNotContain("<").doesNotContain(">");
        }
    }

    @Test
    void scriptInAJsonBodyComesBackEscaped() {
        LiveServer.Answer a = live.post("/api/v1/submissions", Role.WITNESS,
                "{\"payload\":\"<script>alert(1)</script>\",\"format\":\"<img src=x onerror=alert(1)>\"}");
        assertThat(a.status()).isBetween(400, 499);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(a.text()).doesNotContain("<").doesNotContain(">");
        assertThat(a.json().get("error").asText()).isNotBlank();
    }

    @Test
    void aHugeQueryStringIs414() {
        String target = "/api/v1/results?" + "a=1&".repeat(30_000);
        for (int port : List.of(fx.port(), live.server.port())) {
            Raw r = Raw.of(ServingFixture.raw(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            assertClean4xx(r, "huge query");
            assertThat(r.status()).isEqualTo(414);
            assertThat(r.body()).contains("\"URI_TOO_LONG\"");
        }
    }

    @Test
    void aHugeHeaderIs431() {
        for (int port : List.of(fx.port(), live.server.port())) {
            Raw r = Raw.of(ServingFixture.raw(port, "GET /api/v1/results HTTP/1.1\r\nHost: x\r\nX-Big: "
                    + "x".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n"));
            assertClean4xx(r, "huge header");
            assertThat(r.status()).as(r.body()).isEqualTo(431);
            assertThat(r.body()).contains("\"HEADERS_TOO_LARGE\"");
            Raw many = Raw.of(ServingFixture.raw(port, "GET /api/v1/results HTTP/1.1\r\nHost: x\r\n"
                    + "X-Many: 0123456789abcdef\r\n".repeat(2_000) + "Connection: close\r\n\r\n"));
            assertClean4xx(many, "many headers");
            assertThat(many.status()).isEqualTo(431);
        }
    }

    @Test
    void anUploadDeclaredLargerThanTheServerAcceptsIs413() {
        Raw r = Raw.of(ServingFixture.raw(live.server.port(), "POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + live.tokens.get(Role.WITNESS) + "\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000000000\r\nConnection: close\r\n\r\n--b\r\n"));
        assertClean4xx(r, "oversized upload");
        assertThat(r.status()).isEqualTo(413);
    }

    /** A 4xx with a JSON error body, every security header, and no trace of the server's internals. */
    static void assertClean4xx(Raw r, String what) {
        assertThat(r.status()).as("%s → %s %s", what, r.head(), r.body()).isBetween(400, 499);
        assertThat(r.header("Content-Type")).as(what).startsWith("application/json");
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(r.header("Content-Security-Policy")).as(what).startsWith("default-src 'none'");
        assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(r.body()).as(what).startsWith("{\"status\":" + r.status() + ",\"error\":")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.helidon");
    }
}
