package org.testigo.web.pages;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.testigo.deployment.Deployment;
import org.testigo.site.RenderedPage;
import org.testigo.site.Site;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.Compression;
import org.testigo.web.http.EncodedBody;
import org.testigo.web.front.Answer;
import org.testigo.web.front.FrontRoute;

/**
 * The public site over HTTP: every page {@link Site} renders, at the same paths a static mirror has
 * (docs/api.md, "The public site"), plus {@code /} and {@code /en/} for the home pages; the file-like
 * JSON aliases of the read API ({@code /api/v1/results/01.json}…, the same bytes as
 * {@code /api/v1/results/01}); the content-named assets and the acta images (derivatives only), which
 * never change; and the files of the published open-data bundle under {@code /data/}.
 *
 * <p>Pages and JSON are cached with a strong ETag until the state moves ({@link CachedDocuments}).
 */
public final class SitePages {
    private static final io.helidon.http.Header HTML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, RenderedPage.HTML);

    private final Deployment deployment;
    private final Site site;
    private final CachedDocuments cache;
    private final java.util.concurrent.ConcurrentHashMap<String, Immutable> assets = new java.util.concurrent.ConcurrentHashMap<>();
    private static final io.helidon.http.Header IMMUTABLE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL,
            org.testigo.web.http.ImmutableFiles.CACHE_CONTROL);

    /**
     * @param bundle the folder {@code testigo export-data} wrote, served under {@code /data/}; null when none
     * @param maxAgeSeconds how long clients may reuse a page without asking again
     */
    public SitePages(Deployment deployment, Path bundle, int maxAgeSeconds) {
        this.deployment = deployment;
        this.site = bundle == null ? Site.of(deployment) : Site.of(deployment, bundle);
        // The site's version moves with the state, the quick count's check-ins and the audit computed in the background.
        this.cache = new CachedDocuments(() -> deployment.running().isPresent() ? site.version() : -1L, maxAgeSeconds);
    }

    /** The site these routes serve (the verify form's answers are pages of it too). */
    public Site site() {
        return site;
    }

    /**
     * The {@code .json} aliases. Registered before the read API's own routes, whose {@code {node}} and
     * {@code {table}} would otherwise take {@code 01.json} for a code; a name that is itself a table id
     * (ids may hold dots) is left to the read API.
     */
    public void aliases(HttpRules rules) {
        rules.get("/api/v1/election.json", this::json)
                .get("/api/v1/results.json", this::json)
                .get("/api/v1/quickcount.json", this::json)
                .get("/api/v1/audit.json", this::json)
                .get("/api/v1/quickcount/sample.txt", this::sampleList)
                .get("/api/v1/results/{file}", this::json)
                .get("/api/v1/tables/{file}", this::json);
    }

    /**
     * The pages almost every reader asks for — home, places, tables — registered FIRST: Helidon tries routes
     * in order, and walking the ~90 API routes before the catch-all below cost a third of a cached page's
     * time under load (docs/BENCHMARKS.md, "Public site"). No API route lives under these paths.
     */
    public void hotRoutes(HttpRules rules) {
        rules.get("/", (req, res) -> page(req, res, "index.html"))
                .get("/index.html", (req, res) -> page(req, res, "index.html"))
                .get("/en/", (req, res) -> page(req, res, "en/index.html"))
                .get("/en/index.html", (req, res) -> page(req, res, "en/index.html"))
                .get("/table/{file}", (req, res) -> page(req, res, req.path().path().substring(1)))
                .get("/place/{file}", (req, res) -> page(req, res, req.path().path().substring(1)))
                .get("/en/table/{file}", (req, res) -> page(req, res, req.path().path().substring(1)))
                .get("/en/place/{file}", (req, res) -> page(req, res, req.path().path().substring(1)));
    }

    /**
     * The same pages for the front door ({@link org.testigo.web.front}): the same cache keys and renders as
     * {@link #hotRoutes}, so both answer with the same bytes and share one rendering per state; and the assets and
     * acta images those pages load, so that a browser's connection stays with the front door for a whole visit.
     */
    public FrontRoute frontRoute() {
        return request -> {
            if (!request.method().equals("GET")) {
                return Answer.PASS;
            }
            String path = request.path();
            String asset = fileIn(path, "/assets/");
            if (asset != null) {
                return asset(asset).<Answer>map(a -> a.body().prepared(request.acceptEncoding(), request.ifNoneMatch(),
                        a.contentType(), IMMUTABLE)).orElse(Answer.PASS);
            }
            String image = fileIn(path, "/images/");
            if (image != null) { // read from the image store: off the event loop
                return new Answer.Later(() -> image(image).<Answer>map(i -> i.body().prepared(request.acceptEncoding(),
                        request.ifNoneMatch(), i.contentType(), IMMUTABLE)).orElse(Answer.PASS));
            }
            String file = hotFile(path);
            if (file == null || deployment.running().isEmpty()) {
                return Answer.PASS;
            }
            return cache.answer(request, "page:" + file, HTML, () -> site.render(file, Map.of()).map(RenderedPage::bytesUnsafe));
        };
    }

    /** The file name after {@code folder} when the path is a file directly in it, else null. */
    private static String fileIn(String path, String folder) {
        return path.startsWith(folder) && path.length() > folder.length() && path.indexOf('/', folder.length()) < 0
                ? path.substring(folder.length()) : null;
    }

    /** The page file a hot path names ({@link #hotRoutes}), or null. */
    static String hotFile(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return "index.html";
        }
        if (path.equals("/en/") || path.equals("/en/index.html")) {
            return "en/index.html";
        }
        for (String folder : HOT_FOLDERS) {
            if (fileIn(path, folder) != null) {
                return path.substring(1);
            }
        }
        return null;
    }

    private static final java.util.List<String> HOT_FOLDERS = java.util.List.of("/table/", "/place/", "/en/table/", "/en/place/");

    /** The other pages, assets, images and downloads; registered after every API route. */
    public void routes(HttpRules rules) {
        rules.get("/en", (req, res) -> redirect(res, "/en/"))
                .get("/assets/{name}", this::asset)
                .get("/images/{name}", this::image)
                .get("/data/{+path}", this::download)
                .get("/{+path}", (req, res) -> page(req, res, req.path().path().substring(1)));
    }

    private void json(ServerRequest req, ServerResponse res) {
        String path = req.path().path().substring(1);
        if (!path.endsWith(".json")) {
            res.next();
            return;
        }
        running();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (path.startsWith("api/v1/tables/") && org.testigo.election.TableId.isValid(name)
                && deployment.requireRunning().election().geography().tableIndex(new org.testigo.election.TableId(name)).isPresent()) {
            res.next(); // a table whose id ends in .json: the read API's
            return;
        }
        if (!cache.serveIfExists(req, res, "json:" + path, HeaderValues.CONTENT_TYPE_JSON,
                () -> site.render(path).map(RenderedPage::bytesUnsafe))) {
            throw ApiException.notFound("NOT_FOUND", null, "no such document: " + path + " (see docs/api.md)");
        }
    }

    /** The revealed quick-count sample document, as plain text (its SHA-256 is the published commitment). */
    private void sampleList(ServerRequest req, ServerResponse res) {
        running();
        String path = req.path().path().substring(1);
        if (site.render(path).isEmpty()) {
            throw ApiException.notFound("NOT_REVEALED", null, "the quick-count sample has not been revealed (or none is committed)");
        }
        cache.serve(req, res, "text:" + path, HeaderValues.create(HeaderNames.CONTENT_TYPE, RenderedPage.TEXT),
                () -> site.render(path).orElseThrow().bytesUnsafe());
    }

    private void page(ServerRequest req, ServerResponse res, String path) {
        running();
        String e = path.endsWith("find.html") && req.query().contains("e") ? req.query().get("e") : null;
        Map<String, String> query = e == null ? Map.of() : Map.of("e", e);
        // Only the known outcomes are distinct pages; anything else renders (and caches) as the plain form.
        String key = "page:" + path + (e != null && java.util.Set.of("unknown", "malformed", "limited", "noroll").contains(e) ? "?e=" + e : "");
        if (path.endsWith("downloads.html")) {
            key += "@" + site.downloadsStamp(); // a bundle published after the start shows without a state change
        }
        // A page already rendered at this version is served as kept: rendering it again only to learn that it
        // exists cost every request (7,900 home pages/s at 1,000 connections against nginx's 47,000).
        if (!cache.serveIfExists(req, res, key, HTML, () -> site.render(path, query).map(RenderedPage::bytesUnsafe))) {
            res.next(); // not a page: the server's 404
        }
    }

    private void asset(ServerRequest req, ServerResponse res) {
        Optional<Immutable> a = asset(req.path().pathParameters().get("name"));
        if (a.isEmpty()) {
            res.next();
            return;
        }
        a.get().body().send(req, res, a.get().contentType(), IMMUTABLE);
    }

    private void image(ServerRequest req, ServerResponse res) {
        Optional<Immutable> image = image(req.path().pathParameters().get("name"));
        if (image.isEmpty()) {
            res.next();
            return;
        }
        image.get().body().send(req, res, image.get().contentType(), IMMUTABLE);
    }

    /** A file that never changes under its name, ready to serve in every coding. */
    private record Immutable(EncodedBody body, io.helidon.http.Header contentType) {
        static Immutable of(RenderedPage file) {
            return new Immutable(EncodedBody.of(file.bytesUnsafe(), file.contentType(), null, Compression.Effort.BEST),
                    HeaderValues.create(HeaderNames.CONTENT_TYPE, file.contentType()));
        }
    }

    /** A site asset by file name; made once (compressed at best effort) and kept: there are a handful. */
    private Optional<Immutable> asset(String name) {
        RenderedPage a = site.assets().get("assets/" + name);
        return a == null ? Optional.empty() : Optional.of(assets.computeIfAbsent(a.path(), n -> Immutable.of(a)));
    }

    /** An acta image's public derivative; not kept here (the image store holds it, and JPEG is not compressed). */
    private Optional<Immutable> image(String name) {
        if (deployment.running().isEmpty()) {
            return Optional.empty();
        }
        return site.render("images/" + name).map(Immutable::of);
    }

    private void download(ServerRequest req, ServerResponse res) {
        if (deployment.running().isEmpty()) {
            res.next();
            return;
        }
        Optional<Path> file = site.download(req.path().path().substring(1));
        if (file.isEmpty()) {
            res.next();
            return;
        }
        String name = file.get().getFileName().toString();
        String type = name.endsWith(".json") ? "application/json" : name.endsWith(".csv") ? "text/csv; charset=utf-8"
                : name.endsWith(".jpg") ? "image/jpeg" : name.endsWith(".txt") || name.startsWith("SHA256SUMS") || name.equals("checkpoint")
                ? "text/plain; charset=utf-8" : "application/octet-stream";
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        try {
            res.send(Files.readAllBytes(file.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void redirect(ServerResponse res, String to) {
        res.status(Status.MOVED_PERMANENTLY_301);
        res.header(HeaderNames.LOCATION, to);
        res.send();
    }

    private void running() {
        if (deployment.running().isEmpty()) {
            throw new ApiException(Status.NOT_FOUND_404, "NO_ELECTION", null, "no election is loaded on this server yet");
        }
    }
}
