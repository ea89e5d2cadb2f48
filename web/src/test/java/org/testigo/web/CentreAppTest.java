package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command centre's files over HTTP: the page revalidated on every load, its assets cached for good. */
class CentreAppTest {
    @Test
    void thePageIsRevalidatedAndItsHashedAssetsAreImmutable() {
        try (LiveServer live = new LiveServer(5, 43)) {
            LiveServer.Answer page = live.get("/centre/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
            assertThat(page.text()).doesNotContain("<script>").doesNotContain("style=").doesNotContain("{{");
            assertThat(live.send(HttpRequest.newBuilder(live.uri("/centre/")).header("If-None-Match", page.header("ETag")).build())
                    .status()).isEqualTo(304);

            Matcher js = Pattern.compile("src=\"(/centre/assets/centre\\.[A-Za-z0-9_-]{12}\\.js)\"").matcher(page.text());
            assertThat(js.find()).as(page.text()).isTrue();
            LiveServer.Answer script = live.get(js.group(1));
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.header("Content-Type")).startsWith("text/javascript");
            assertThat(script.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
            assertThat(script.text()).contains("/api/v1/desk/next");
            assertThat(live.get("/centre/assets/centre.000000000000.js").status()).isEqualTo(404);
            assertThat(live.get("/centre").header("Location")).isEqualTo("/centre/");
        }
    }
}
