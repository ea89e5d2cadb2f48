package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.views.Json;
import org.testigo.web.apps.WitnessApp;

/** How /app/ is served: caching, the camera allowed on its pages only, a shell that obeys the strict CSP. */
class WitnessAppFilesTest {
    static LiveServer live;
    static String version;

    @BeforeAll
    static void start() {
        live = new LiveServer(6, 2);
        version = new WitnessApp().version();
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void thePageIsRevalidatedOnEveryLoadAndNamesThisVersionsAssets() {
        LiveServer.Answer page = live.get("/app/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.text()).contains("v/" + version + "/app.js").contains("v/" + version + "/app.css").doesNotContain("{{v}}");
        LiveServer.Answer again = live.send(HttpRequest.newBuilder(live.uri("/app/")).header("If-None-Match", page.header("ETag")).build());
        assertThat(again.status()).isEqualTo(304);
        assertThat(live.get("/app").header("Location")).isEqualTo("/app/");
    }

    @Test
    void versionedAssetsAreImmutableAndAnotherVersionIsNotServed() {
        LiveServer.Answer js = live.get("/app/v/" + version + "/outbox.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).startsWith("text/javascript");
        assertThat(js.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(live.get("/app/v/0000000000000000/outbox.js").status()).isEqualTo(404);
        assertThat(live.get("/app/v/" + version + "/../sw.js").status()).isEqualTo(404);
        assertThat(live.get("/app/v/" + version + "/WitnessApp.class").status()).isEqualTo(404);
    }

    @Test
    void theStringsAreAVersionedScriptImportedByThePage() {
        LiveServer.Answer strings = live.get("/app/v/" + version + "/i18n.js");
        assertThat(strings.status()).isEqualTo(200);
        assertThat(strings.header("Content-Type")).startsWith("text/javascript");
        assertThat(strings.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(live.get("/app/v/" + version + "/app.js").text()).contains("from './i18n.js'");
        assertThat(live.get("/app/").text()).contains("<html lang=\"es\">");
    }

    @Test
    void theCameraIsAllowedOnTheAppsPagesOnlyAndTheManifestMayLoad() {
        LiveServer.Answer page = live.get("/app/");
        assertThat(page.header("Permissions-Policy")).contains("camera=(self)").contains("geolocation=()").contains("microphone=()");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("manifest-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(live.get("/health").header("Permissions-Policy")).contains("camera=()").doesNotContain("camera=(self)");
        assertThat(live.get("/api/v1/election").header("Permissions-Policy")).contains("camera=()");
    }

    @Test
    void thePageHasNoInlineScriptStyleOrHandlers() {
        String html = live.get("/app/").text();
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>").matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group(1)).as("every script is a file").contains("src=");
        }
        assertThat(html).doesNotContain("<style").doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void theServiceWorkerCachesEveryFileOfThisVersionAndTheManifestDescribesAnInstallableApp() throws Exception {
        LiveServer.Answer sw = live.get("/app/sw.js");
        assertThat(sw.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(sw.header("Content-Type")).startsWith("text/javascript");
        Matcher files = Pattern.compile("'(v/[0-9a-f]{16}/[a-z0-9.]+)'").matcher(sw.text());
        List<String> shell = new ArrayList<>();
        while (files.find()) {
            shell.add(files.group(1));
        }
        // i18n.js included: the app opens in the chosen language with no connection
        assertThat(shell).contains("v/" + version + "/app.js", "v/" + version + "/store.js", "v/" + version + "/icon.svg",
                "v/" + version + "/i18n.js");
        for (String f : shell) {
            assertThat(live.get("/app/" + f).status()).as(f).isEqualTo(200);
        }
        JsonNode manifest = Json.mapper().readTree(live.get("/app/manifest.webmanifest").raw().body());
        assertThat(manifest.get("start_url").asText()).isEqualTo("/app/");
        assertThat(manifest.get("scope").asText()).isEqualTo("/app/");
        assertThat(manifest.get("display").asText()).isEqualTo("standalone");
        // Spanish by default, English for phones set to English (the spec's *_localized members)
        assertThat(manifest.get("lang").asText()).isEqualTo("es");
        assertThat(manifest.get("description").asText()).startsWith("Envíe el acta");
        assertThat(manifest.get("name_localized").get("en").asText()).isEqualTo("Testigo — witness");
        assertThat(manifest.get("description_localized").get("en").asText()).startsWith("Send your table's acta");
        String icon = manifest.get("icons").get(0).get("src").asText();
        assertThat(live.get("/app/" + icon).header("Content-Type")).startsWith("image/svg+xml");
    }
}
