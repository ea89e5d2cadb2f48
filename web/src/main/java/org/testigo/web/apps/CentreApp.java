package org.testigo.web.apps;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.ImmutableFiles;

/**
 * The command centre's web app at {@code /centre/}: the transcription desk, the coverage board and the
 * coordinators' views, as static files that talk to the JSON API with the volunteer's or coordinator's
 * bearer token (kept in the tab's sessionStorage, never in a cookie, so no request is made on the
 * person's behalf by another site).
 *
 * <p>The page is served {@code no-cache} (revalidated on every load, so a new release reaches every
 * volunteer at their next reload); its script and style are named by a hash of their bytes and served
 * immutable, so a reload costs one 304. Everything sits in files: the server's CSP allows no inline
 * script, style or handler.
 */
public final class CentreApp {
    private static final String RESOURCES = "/org/testigo/web/centre/";

    /** The page's assets: the name in the page's template, and its media type. */
    private static final Map<String, String> ASSETS = Map.of(
            "centre.js", "text/javascript; charset=utf-8",
            "centre.css", "text/css; charset=utf-8");

    private static final io.helidon.http.Header HTML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");

    private final byte[] page;
    private final Map<String, ImmutableFiles.FileBody> assets = new LinkedHashMap<>();
    private final CachedDocuments pages = new CachedDocuments(() -> 0L, "no-cache");

    public CentreApp() {
        String html = new String(resource("index.html"), StandardCharsets.UTF_8);
        for (var e : ASSETS.entrySet()) {
            byte[] bytes = resource(e.getKey());
            String hash = CachedDocuments.etag(bytes).replace("\"", "").substring(0, 12);
            int dot = e.getKey().lastIndexOf('.');
            String hashed = e.getKey().substring(0, dot) + "." + hash + e.getKey().substring(dot);
            assets.put(hashed, new ImmutableFiles.FileBody(bytes, e.getValue()));
            html = html.replace("{{" + e.getKey() + "}}", "/centre/assets/" + hashed);
        }
        if (html.contains("{{")) {
            throw new IllegalStateException("centre/index.html names an asset that is not listed: " + html);
        }
        page = html.getBytes(StandardCharsets.UTF_8);
    }

    public void routes(HttpRules rules) {
        // Relative links in the page resolve against /centre/: send /centre there.
        rules.get("/centre", (req, res) -> {
            res.status(Status.MOVED_PERMANENTLY_301);
            res.header(HeaderNames.LOCATION, "/centre/");
            res.send();
        });
        rules.get("/centre/", (req, res) -> pages.serve(req, res, "centre/index", HTML, () -> page));
        ImmutableFiles.routes(rules, "/centre/assets", name -> Optional.ofNullable(assets.get(name)));
    }

    /** The hashed asset names, for tests that check they are served immutable. */
    public java.util.Set<String> assetNames() {
        return assets.keySet();
    }

    private static byte[] resource(String name) {
        try (InputStream in = CentreApp.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name + " (a packaging bug)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
