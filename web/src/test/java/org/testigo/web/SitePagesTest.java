package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;

/** The public site through real HTTP: pages, the .json aliases, assets, and what is not there. */
class SitePagesTest {
    static LiveServer live;
    static SyntheticTable sent;

    @BeforeAll
    static void start() {
        live = new LiveServer(20, 5);
        sent = live.synth.table(0);
        assertThat(live.submit(Role.WITNESS, Map.of("payload", sent.payload())).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void theRootAndEnglishRootAreTheHomePages() {
        LiveServer.Answer es = live.get("/");
        assertThat(es.status()).isEqualTo(200);
        assertThat(es.header("Content-Type")).startsWith("text/html");
        assertThat(es.text()).contains("<html lang=\"es\">").contains("Resultado nacional");
        assertThat(live.get("/index.html").text()).isEqualTo(es.text());
        LiveServer.Answer en = live.get("/en/");
        assertThat(en.text()).contains("<html lang=\"en\">").isEqualTo(live.get("/en/index.html").text());
        assertThat(live.get("/en").status()).isEqualTo(301);
    }

    @Test
    void aPageAnswersIfNoneMatchWithNotModified() {
        LiveServer.Answer first = live.get("/map.html");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        LiveServer.Answer again = live.send(HttpRequest.newBuilder(live.uri("/map.html")).header("If-None-Match", etag).GET().build());
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void theTablePageOfASentTableShowsItsVotes() {
        String id = sent.table().id().value();
        LiveServer.Answer page = live.get("/en/table/" + id + ".html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Table " + id).contains("Provisional").contains(">qr<");
    }

    @Test
    void jsonAliasesServeTheSameBytesAsTheReadApi() {
        String id = sent.table().id().value();
        String state = live.synth.election().geography().code(live.synth.election().geography().children(0).get(0));
        for (String[] pair : new String[][] {{"/api/v1/election.json", "/api/v1/election"}, {"/api/v1/results.json", "/api/v1/results"},
                {"/api/v1/results/" + state + ".json", "/api/v1/results/" + state}, {"/api/v1/tables/" + id + ".json", "/api/v1/tables/" + id}}) {
            LiveServer.Answer alias = live.get(pair[0]);
            LiveServer.Answer api = live.get(pair[1]);
            assertThat(alias.status()).as(pair[0]).isEqualTo(200);
            assertThat(alias.header("Content-Type")).startsWith("application/json");
            assertThat(alias.raw().body()).as(pair[0]).isEqualTo(api.raw().body());
            assertThat(alias.header("ETag")).isEqualTo(api.header("ETag"));
        }
        assertThat(live.get("/api/v1/results/nowhere.json").status()).isEqualTo(404);
        assertThat(live.get("/api/v1/results/" + state).status()).isEqualTo(200);
    }

    @Test
    void assetsAreImmutableAndLinkedFromEveryPage() {
        Matcher css = Pattern.compile("href=\"\\./(assets/site\\.[0-9a-f]+\\.css)\"").matcher(live.get("/").text());
        assertThat(css.find()).isTrue();
        LiveServer.Answer a = live.get("/" + css.group(1));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("text/css");
        assertThat(a.header("Cache-Control")).contains("immutable");
        assertThat(live.get("/assets/site.0000.css").status()).isEqualTo(404);
    }

    @Test
    void theFindPageShowsTheLookupsOutcome() {
        assertThat(live.get("/find.html?e=unknown").text()).contains("No encontramos esa cédula");
        assertThat(live.get("/en/find.html?e=malformed").text()).contains("does not look like an ID");
        assertThat(live.get("/find.html?e=%3Cscript%3E").text()).doesNotContain("<script>").isEqualTo(live.get("/find.html").text());
    }

    @Test
    void whatIsNotThereIsAClean404() {
        for (String path : new String[] {"/place/nowhere.html", "/table/x.html", "/../etc/passwd", "/en/en/index.html",
                "/images/" + "a".repeat(64) + ".web.jpg", "/images/original.jpg", "/data/SHA256SUMS", "/nothing"}) {
            LiveServer.Answer a = live.get(path);
            assertThat(a.status()).as(path).isIn(400, 404);
        }
        assertThat(live.get("/health").status()).isEqualTo(200);
    }
}
