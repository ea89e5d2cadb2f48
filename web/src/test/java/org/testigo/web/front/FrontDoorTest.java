package org.testigo.web.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.deployment.Deployment;
import org.testigo.roll.RollFile;
import org.testigo.store.Database;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticRoll;
import org.testigo.web.TestigoServer;
import org.testigo.web.http.RateLimits;

/**
 * The front door in front of the real server, over raw sockets: what it answers itself equals what the server
 * behind answers; pipelined requests come back in order whichever of the two answers them; a reader that does
 * not read loses nothing; the server behind sees the real client, so per-client limits still hold.
 */
class FrontDoorTest {
    @TempDir
    static Path dir;

    private static SyntheticElection synth;
    private static SyntheticRoll roll;
    private static Deployment deployment;
    private static TestigoServer server;

    @BeforeAll
    static void start() throws Exception {
        synth = SyntheticElection.generate(SynthSpec.of(12, 31));
        roll = SyntheticRoll.of(synth);
        roll.write(synth, dir);
        deployment = Deployment.open(Database.open(TestPostgres.freshDatabase()), Clock.systemUTC());
        deployment.load(synth.election());
        deployment.attachRoll(RollFile.compile(dir, synth.election()).orElseThrow());
        RateLimits.Settings limits = RateLimits.Settings.defaults()
                .with("find", new RateLimits.Limit(1, 1, Duration.ofHours(1), RateLimits.Key.ADDRESS))
                .with("lookup", new RateLimits.Limit(2, 1, Duration.ofHours(1), RateLimits.Key.ADDRESS));
        server = TestigoServer.start(deployment, "127.0.0.1", 0, limits);
    }

    @AfterAll
    static void stop() {
        server.close();
        deployment.close();
    }

    private static String get(String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: t\r\n" + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList())
                + "\r\n";
    }

    @Test
    void answersAPageAsTheServerBehindDoes() throws Exception {
        RawHttp.Response front;
        RawHttp.Response behind;
        try (RawHttp c = new RawHttp(server.port(), null)) {
            c.send(get("/", "Accept-Encoding: gzip"));
            front = c.read();
        }
        try (RawHttp c = new RawHttp(server.port(), null)) {
            // a header byte beyond ASCII is never read by the front door: this one is the server behind's answer
            c.send(get("/", "Accept-Encoding: gzip", "X-Note: caf\u00e9"));
            behind = c.read();
        }
        assertThat(front.status()).isEqualTo(200);
        assertThat(behind.status()).isEqualTo(200);
        assertThat(front.body()).isEqualTo(behind.body());
        assertThat(front.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(front.header("ETag")).endsWith("-gzip\"");
        assertThat(without(front.headers(), "date", "connection")).isEqualTo(without(behind.headers(), "date", "connection"));
        assertThat(front.header("Date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    }

    private static Map<String, String> without(Map<String, String> headers, String... names) {
        Map<String, String> m = new HashMap<>(headers);
        for (String n : names) {
            m.remove(n);
        }
        return m;
    }

    @Test
    void pipelinedRequestsComeBackInOrderWhoeverAnswersThem() throws Exception {
        String table = synth.election().geography().tables().get(3).id().value();
        try (RawHttp c = new RawHttp(server.port(), null)) {
            // the first is the front door's; the second is not, so the connection goes behind, third included
            c.send(get("/") + get("/health") + get("/en/") + get("/table/" + table + ".html"));
            RawHttp.Response home = c.read();
            RawHttp.Response health = c.read();
            RawHttp.Response english = c.read();
            RawHttp.Response tablePage = c.read();
            assertThat(home.text()).contains("<html lang=\"es\"");
            assertThat(health.text()).contains("\"status\":\"ok\"");
            assertThat(english.text()).contains("<html lang=\"en\"");
            assertThat(tablePage.text()).contains(table);
            // and the passed connection still serves
            c.send(get("/index.html"));
            assertThat(c.read().text()).contains("<html lang=\"es\"");
        }
    }

    @Test
    void servesThePagesAssetsCompressedAndImmutable() throws Exception {
        try (RawHttp c = new RawHttp(server.port(), null)) {
            c.send(get("/"));
            java.util.regex.Matcher css = java.util.regex.Pattern.compile("assets/site\\.[0-9a-f]+\\.css").matcher(c.read().text());
            assertThat(css.find()).isTrue();
            String path = "/" + css.group();
            c.send(get(path, "Accept-Encoding: gzip") + get(path));
            RawHttp.Response gzip = c.read();
            RawHttp.Response plain = c.read();
            assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(gzip.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
            assertThat(gzip.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
            assertThat(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body())).readAllBytes())
                    .isEqualTo(plain.body());
            assertThat(plain.header("ETag")).isNotEqualTo(gzip.header("ETag"));
            c.send(get(path, "If-None-Match: " + plain.header("ETag")) + get("/assets/site.0000.css"));
            assertThat(c.read().status()).isEqualTo(304);
            assertThat(c.read().status()).as("an asset that does not exist: the server behind's 404").isEqualTo(404);
        }
    }

    @Test
    void aRevalidationIsAnsweredNotModifiedWithoutABody() throws Exception {
        try (RawHttp c = new RawHttp(server.port(), null)) {
            c.send(get("/index.html", "Accept-Encoding: br"));
            RawHttp.Response first = c.read();
            String tag = first.header("ETag");
            c.send(get("/index.html", "Accept-Encoding: br", "If-None-Match: " + tag) + get("/index.html"));
            RawHttp.Response again = c.read();
            RawHttp.Response plain = c.read();
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.header("ETag")).isEqualTo(tag);
            assertThat(again.header("Content-Length")).isNull();
            assertThat(plain.status()).isEqualTo(200);
            assertThat(plain.header("Content-Encoding")).isNull();
            assertThat(plain.text()).contains("<html lang=\"es\"");
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (RawHttp c = new RawHttp(server.port(), null)) {
            c.send(get("/index.html", "Connection: close"));
            assertThat(c.read().status()).isEqualTo(200);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aHeadArrivingInPiecesIsAnswered() throws Exception {
        try (RawHttp c = new RawHttp(server.port(), null)) {
            String request = get("/index.html");
            for (int i = 0; i < request.length(); i += 7) {
                c.send(request.substring(i, Math.min(request.length(), i + 7)));
                Thread.sleep(5);
            }
            assertThat(c.read().status()).isEqualTo(200);
        }
    }

    @Test
    void aReaderThatDoesNotReadGetsEveryAnswerInTheEnd() throws Exception {
        int n = 1000; // over ten megabytes of uncompressed pages: far more than the socket buffers hold
        try (RawHttp c = new RawHttp(server.port(), null)) {
            c.send(get("/index.html").repeat(n));
            Thread.sleep(300); // the server meets a full socket and must keep the rest until it drains
            RawHttp.Response first = c.read();
            for (int i = 1; i < n; i++) {
                RawHttp.Response r = c.read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo(first.body());
            }
            c.send(get("/health"));
            assertThat(c.read().text()).contains("\"status\":\"ok\"");
        }
    }

    @Test
    void aPassedConnectionToAReaderThatDoesNotReadLosesNothing() throws Exception {
        int n = 1000; // answers of the server behind: the copy must wait for the reader, not drop or reorder
        try (RawHttp c = new RawHttp(server.port(), null)) {
            c.send(get("/health") + get("/en/index.html", "X-Note: caf\u00e9").repeat(n));
            assertThat(c.read().text()).contains("\"status\":\"ok\"");
            Thread.sleep(300);
            RawHttp.Response first = c.read();
            assertThat(first.text()).contains("<html lang=\"en\"");
            for (int i = 1; i < n; i++) {
                assertThat(c.read().body()).isEqualTo(first.body());
            }
        }
    }

    @Test
    void theServerBehindSeesTheRealClientSoLimitsHoldPerClient() throws Exception {
        // The find form is always the server behind's; its budget here is one request per client.
        String form = "POST /find HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 13\r\n\r\nnational_id=";
        try (RawHttp a = new RawHttp(server.port(), "127.0.0.2"); RawHttp b = new RawHttp(server.port(), "127.0.0.3")) {
            a.send(form + "-");
            assertThat(a.read().header("Location")).isEqualTo("find.html?e=malformed");
            a.send(form + "-");
            assertThat(a.read().header("Location")).isEqualTo("find.html?e=limited");
            b.send(form + "-");
            assertThat(b.read().header("Location")).as("another client's budget is its own").isEqualTo("find.html?e=malformed");
        }
    }

    @Test
    void answersALookupAsTheServerBehindDoes() throws Exception {
        String body = "{\"national_id\":\"" + roll.nationalId(7) + "\"}";
        String head = "POST /api/v1/lookup HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n";
        try (RawHttp c = new RawHttp(server.port(), "127.0.0.5")) {
            c.send(head + "\r\n" + body);
            RawHttp.Response front = c.read();
            c.send(head + "X-Note: caf\u00e9\r\n\r\n" + body); // passed on: the server behind's answer
            RawHttp.Response behind = c.read();
            assertThat(front.status()).isEqualTo(200);
            assertThat(front.text()).isEqualTo("{\"table\":\"" + tableOfVoter(7) + "\",\"page\":\"table/" + tableOfVoter(7) + ".html\"}");
            assertThat(behind.body()).isEqualTo(front.body());
            assertThat(without(front.headers(), "date", "connection")).isEqualTo(without(behind.headers(), "date", "connection"));
        }
    }

    /** The table of the synthetic roll's voter {@code v}: the generator lists voters table by table. */
    private static String tableOfVoter(long v) {
        for (org.testigo.election.PollingTable t : synth.election().geography().tables()) {
            if (v < t.registered()) {
                return t.id().value();
            }
            v -= t.registered();
        }
        throw new AssertionError("no voter " + v);
    }

    @Test
    void lookupsAnsweredInFrontAndBehindShareOneBudget() throws Exception {
        String id = Long.toString(roll.nationalId(5));
        String body = "{\"national_id\":\"" + id + "\"}";
        String lookup = "POST /api/v1/lookup HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
        try (RawHttp c = new RawHttp(server.port(), "127.0.0.4")) {
            c.send(lookup + lookup + lookup);
            RawHttp.Response first = c.read();
            RawHttp.Response second = c.read();
            RawHttp.Response third = c.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.text()).contains("\"table\":\"");
            assertThat(first.header("Cache-Control")).isEqualTo("no-store");
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.header("Retry-After")).isNotNull();
        }
    }
}
