package org.testigo.web.apps;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Compression;
import org.testigo.web.http.EncodedBody;
import org.testigo.web.http.ImmutableFiles;
import org.testigo.web.http.SecurityHeaders;

/**
 * The witness app at {@code /app/}: a static, installable web app (plain ES modules, no framework) that
 * queues actas, photos, turnout and incidents on the phone and sends them to the JSON API.
 *
 * <p>Its files live in {@value #RESOURCES}. The scripts, style and icon are served under
 * {@code /app/v/VERSION/…}, VERSION being a hash of all of them, as immutable files; the page, the
 * service worker and the manifest name that version and are served {@code no-cache} (revalidated on
 * every load, 304 while unchanged), so a new build reaches phones at their next online start and an old
 * one keeps working offline from the service worker's cache. One version for all assets, rather than a
 * hash per file, keeps the modules' relative imports ({@code import … from './outbox.js'}) working.
 */
public final class WitnessApp {
    static final String RESOURCES = "org/testigo/web/witness/";

    /** The versioned files, each with its media type. */
    private static final Map<String, String> ASSETS = orderedAssets();

    /** The documents that name the version, whose {@code {{v}}} is replaced by it. */
    private static final Map<String, String> DOCUMENTS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "sw.js", "text/javascript; charset=utf-8",
            "manifest.webmanifest", "application/manifest+json; charset=utf-8");

    /**
     * The page's policy is the server's ({@link SecurityHeaders}) plus a web app manifest from this origin
     * ({@code manifest-src} would otherwise fall back to {@code default-src 'none'}).
     */
    public static final String CONTENT_SECURITY_POLICY = SecurityHeaders.CONTENT_SECURITY_POLICY + "; manifest-src 'self'";

    /**
     * The camera, for this origin only, on the app's own pages: it reads the acta's QR code live
     * (getUserMedia + BarcodeDetector). Every other page of the server keeps {@code camera=()}.
     */
    public static final String PERMISSIONS_POLICY = SecurityHeaders.PERMISSIONS_POLICY.replace("camera=()", "camera=(self)");

    private static final List<Header> APP_HEADERS = List.of(
            HeaderValues.createCached(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY),
            HeaderValues.createCached(HeaderNames.create("Permissions-Policy"), PERMISSIONS_POLICY));

    private static final io.helidon.http.Header NO_CACHE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-cache");

    private final String version;
    private final Map<String, ImmutableFiles.FileBody> assets = new LinkedHashMap<>();
    private final Map<String, EncodedBody> documents = new LinkedHashMap<>();

    public WitnessApp() {
        MessageDigest digest = sha256();
        for (Map.Entry<String, String> a : ASSETS.entrySet()) {
            byte[] bytes = read(a.getKey());
            assets.put(a.getKey(), new ImmutableFiles.FileBody(bytes, a.getValue()));
            digest.update(a.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(bytes);
        }
        version = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        for (Map.Entry<String, String> d : DOCUMENTS.entrySet()) {
            String text = new String(read(d.getKey()), StandardCharsets.UTF_8)
                    .replace("{{v}}", version)
                    .replace("{{assets}}", String.join("', '", ASSETS.keySet().stream().map(n -> "v/" + version + "/" + n).toList()));
            documents.put(d.getKey(), EncodedBody.of(text.getBytes(StandardCharsets.UTF_8), d.getValue(), null, Compression.Effort.BEST));
        }
    }

    /** The hash naming this build's assets (their directory under {@code /app/v/}). */
    public String version() {
        return version;
    }

    public void routes(HttpRules rules) {
        rules.get("/app", (req, res) -> {
            res.status(Status.MOVED_PERMANENTLY_301);
            res.header(HeaderNames.LOCATION, "/app/");
            res.send();
        });
        rules.get("/app/", (req, res) -> document(req, res, "index.html"));
        rules.get("/app/sw.js", (req, res) -> document(req, res, "sw.js"));
        rules.get("/app/manifest.webmanifest", (req, res) -> document(req, res, "manifest.webmanifest"));
        ImmutableFiles.routes(rules, "/app/v", this::asset);
        rules.any("/app/", ApiException.methodNotAllowed("GET"));
    }

    private Optional<ImmutableFiles.FileBody> asset(String name) {
        String prefix = version + "/";
        return name.startsWith(prefix) ? Optional.ofNullable(assets.get(name.substring(prefix.length()))) : Optional.empty();
    }

    private void document(ServerRequest req, ServerResponse res, String name) {
        for (Header h : APP_HEADERS) {
            res.header(h);
        }
        EncodedBody body = documents.get(name);
        body.send(req, res, HeaderValues.create(HeaderNames.CONTENT_TYPE, DOCUMENTS.get(name)), NO_CACHE);
    }

    private static Map<String, String> orderedAssets() {
        Map<String, String> m = new LinkedHashMap<>();
        String js = "text/javascript; charset=utf-8";
        m.put("app.js", js);
        m.put("outbox.js", js);
        m.put("store.js", js);
        m.put("photo.js", js);
        m.put("scanner.js", js);
        m.put("ve2024.js", js);
        m.put("i18n.js", js);
        m.put("app.css", "text/css; charset=utf-8");
        m.put("icon.svg", "image/svg+xml");
        return m;
    }

    private static byte[] read(String name) {
        try (InputStream in = WitnessApp.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the witness app's file " + RESOURCES + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
