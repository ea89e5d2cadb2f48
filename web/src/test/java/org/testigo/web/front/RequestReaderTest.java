package org.testigo.web.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the front door reads itself and what it leaves to the server behind. */
class RequestReaderTest {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    private static RequestReader.Read read(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return RequestReader.read(b, 0, b.length, CLIENT);
    }

    @Test
    void readsAPlainGetWithTheHeadersItUses() {
        String text = "GET /table/01.0001.html HTTP/1.1\r\nHost: x\r\naccept-encoding: gzip, br \r\n"
                + "If-None-Match: \"abc\"\r\nX-Forwarded-For: 10.0.0.1\r\nx-forwarded-for: 10.0.0.2\r\n\r\n";
        RequestReader.Read r = read(text);
        assertThat(r.request()).isNotNull();
        assertThat(r.length()).isEqualTo(text.length());
        assertThat(r.close()).isFalse();
        FrontRequest q = r.request();
        assertThat(q.method()).isEqualTo("GET");
        assertThat(q.path()).isEqualTo("/table/01.0001.html");
        assertThat(q.acceptEncoding()).isEqualTo("gzip, br");
        assertThat(q.ifNoneMatch()).isEqualTo("\"abc\"");
        assertThat(q.forwardedFor()).isEqualTo("10.0.0.1,10.0.0.2");
        assertThat(q.body()).isEmpty();
    }

    @Test
    void aRequestWithoutHeadersIsComplete() {
        RequestReader.Read r = read("GET / HTTP/1.1\r\n\r\n");
        assertThat(r.request().path()).isEqualTo("/");
        assertThat(r.length()).isEqualTo(18);
    }

    @Test
    void readsOneRequestOfSeveralPipelined() {
        String first = "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n";
        RequestReader.Read r = read(first + "GET /en/ HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.request().path()).isEqualTo("/index.html");
        assertThat(r.length()).isEqualTo(first.length());
    }

    @Test
    void anIncompleteRequestAsksForMore() {
        assertThat(read("GET /index.html HTTP/1.1\r\nHost: x\r\n")).isSameAs(RequestReader.MORE);
        assertThat(read("GET /index.html HTT")).isSameAs(RequestReader.MORE);
        assertThat(read("POST /api/v1/lookup HTTP/1.1\r\nContent-Length: 20\r\n\r\n{\"national")).isSameAs(RequestReader.MORE);
    }

    @Test
    void readsASmallBody() {
        String body = "{\"national_id\":\"12345678\"}";
        RequestReader.Read r = read("POST /api/v1/lookup HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body + "GET / HTTP/1.1\r\n\r\n");
        assertThat(new String(r.request().body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(r.request().contentType()).isEqualTo("application/json");
        assertThat(r.close()).isTrue();
    }

    @Test
    void leavesEveryUnusualRequestToTheServerBehind() {
        String[] passed = {
            "GET /index.html?x=1 HTTP/1.1\r\n\r\n", // a query
            "GET /table/%30.html HTTP/1.1\r\n\r\n", // an escape
            "GET /table/../index.html HTTP/1.1\r\n\r\n", // a dot segment
            "GET /./index.html HTTP/1.1\r\n\r\n",
            "GET //index.html HTTP/1.1\r\n\r\n", // an empty segment
            "GET /a\\b HTTP/1.1\r\n\r\n",
            "GET http://x/index.html HTTP/1.1\r\n\r\n", // absolute form
            "GET /index.html HTTP/1.0\r\n\r\n", // another version
            "HEAD /index.html HTTP/1.1\r\n\r\n", // another method
            "get /index.html HTTP/1.1\r\n\r\n",
            "GET /index.html HTTP/1.1\nHost: x\n\n", // bare line feeds
            "GET /index.html HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", // a folded line
            "GET /index.html HTTP/1.1\r\nBad Name: x\r\n\r\n",
            "GET /index.html HTTP/1.1\r\n: x\r\n\r\n",
            "GET /index.html HTTP/1.1\r\nNo-Colon\r\n\r\n",
            "GET /index.html HTTP/1.1\r\nAccept-Encoding: gzip\r\nAccept-Encoding: br\r\n\r\n", // repeated
            "GET /index.html HTTP/1.1\r\nX-Note: a\u0001b\r\n\r\n", // a control character
            "GET /index.html HTTP/1.1\r\nX-Note: caf\u00e9\r\n\r\n", // a byte beyond ASCII
            "GET /index.html HTTP/1.1\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n",
            "GET /index.html HTTP/1.1\r\nConnection: upgrade\r\n\r\n",
            "GET /index.html HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", // a GET with a body
            "POST /api/v1/lookup HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST /api/v1/lookup HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n",
            "POST /api/v1/lookup HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
            "POST /api/v1/lookup HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
            "POST /api/v1/lookup HTTP/1.1\r\nContent-Length: 5000\r\n\r\n", // bigger than lookups are
            "POST /api/v1/lookup HTTP/1.1\r\n\r\n", // no length
            "GET /" + "a".repeat(RequestReader.MAX_HEAD) + " HTTP/1.1\r\n\r\n", // longer than a head may be here
        };
        for (String p : passed) {
            assertThat(read(p)).as(p).isSameAs(RequestReader.PASS);
        }
    }

    @Test
    void aHeadThatNeverEndsIsPassedOnceItIsTooLong() {
        assertThat(read("GET / HTTP/1.1\r\nX-Long: " + "a".repeat(RequestReader.MAX_HEAD))).isSameAs(RequestReader.PASS);
    }
}
