package org.testigo.web;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import org.testigo.deployment.Deployment;
import org.testigo.intake.ImageIntake;
import org.testigo.views.Json;
import org.testigo.web.api.AssignmentsApi;
import org.testigo.web.api.CheckInsApi;
import org.testigo.web.api.CoverageApi;
import org.testigo.web.api.DeskApi;
import org.testigo.web.api.IncidentsApi;
import org.testigo.web.api.MeApi;
import org.testigo.web.api.CosignaturesApi;
import org.testigo.web.api.EvidenceApi;
import org.testigo.web.api.ImagesApi;
import org.testigo.web.api.LogApi;
import org.testigo.web.api.LookupApi;
import org.testigo.web.api.ReadApi;
import org.testigo.web.api.ReviewsApi;
import org.testigo.web.api.SubmissionsApi;
import org.testigo.web.api.TokensApi;
import org.testigo.web.api.VerifyApi;
import org.testigo.web.front.FrontDoor;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.Endpoints;
import org.testigo.web.http.ErrorResponses;
import org.testigo.web.http.RateLimits;
import org.testigo.web.http.SecurityHeaders;

/** The HTTP server: every route in one place, errors through one renderer. */
public final class TestigoServer implements AutoCloseable {
    /**
     * The server's ceiling for any request body: an image upload's (the largest image accepted and its
     * form fields). Each route holds its body to its own limit below that: JSON to 1 MiB
     * ({@link org.testigo.web.http.JsonBodies#MAX_BYTES}).
     */
    public static final long MAX_BODY_BYTES = org.testigo.scan.ImageLimits.DEFAULT.maxBytes() + (1 << 20);

    /**
     * The longest request line (method, path and query, version) accepted: longer is refused 414 before
     * routing. No Testigo URL comes near; a browser's own ceiling is larger, an attack's larger still.
     */
    public static final int MAX_REQUEST_LINE = 8 * 1024;

    /** The most header bytes a request may carry: more is refused 431 before routing. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    /** How long a connection may stay silent before either listener closes it. */
    private static final Duration IDLE = Duration.ofMinutes(2);

    /**
     * The accept queue: a flood opens thousands of connections at once, and a short queue drops their first SYNs,
     * each of which costs its reader a second before the retry (Helidon's default is 1,024).
     */
    private static final int BACKLOG = 8192;

    private final FrontDoor front;
    private final WebServer server;
    private final RateLimits limits;
    private final java.util.List<Endpoints.Endpoint> endpoints;

    private TestigoServer(FrontDoor front, WebServer server, RateLimits limits, java.util.List<Endpoints.Endpoint> endpoints) {
        this.front = front;
        this.server = server;
        this.limits = limits;
        this.endpoints = endpoints;
    }

    /** Every route this server registered, in order (for the authorization-matrix test and docs). */
    public java.util.List<Endpoints.Endpoint> endpoints() {
        return endpoints;
    }

    public static TestigoServer start(Deployment deployment, String host, int port) {
        return start(deployment, host, port, RateLimits.Settings.defaults());
    }

    /** A server whose dynamic routes are limited per client by {@code limitSettings}. */
    public static TestigoServer start(Deployment deployment, String host, int port, RateLimits.Settings limitSettings) {
        return start(deployment, host, port, limitSettings, null, null);
    }

    /**
     * A server that also publishes the open-data bundle {@code testigo export-data} wrote to {@code bundle}
     * (null: none; the downloads page lists its files with their SHA-256 and {@code /data/…} serves them) and
     * runs the Telegram bot's webhook ({@code telegram} null: no bot).
     */
    public static TestigoServer start(Deployment deployment, String host, int port, RateLimits.Settings limitSettings,
            java.nio.file.Path bundle, org.testigo.messaging.telegram.TelegramSettings telegram) {
        Authenticator auth = new Authenticator(deployment.tokens());
        RateLimits limits = new RateLimits(limitSettings);
        HttpRouting.Builder builder = HttpRouting.builder();
        SecurityHeaders.install(builder); // first: every response, whatever answers it, carries them
        // Every route goes through this, which lists them (the authorization-matrix test checks the list).
        Endpoints routing = new Endpoints(builder);
        org.testigo.web.pages.SitePages pages = new org.testigo.web.pages.SitePages(deployment, bundle, 10);
        pages.hotRoutes(routing); // first: the pages readers ask for most, matched before any API route
        LookupApi lookup = new LookupApi(deployment, limits);
        lookup.routes(routing); // next: "find my table" is what a flood of voters asks
        new SubmissionsApi(deployment, auth, limits).routes(routing);
        pages.aliases(routing); // before ReadApi: its {node} would take "01.json" for a code
        new ReadApi(deployment, 10).routes(routing);
        new EvidenceApi(deployment).routes(routing);
        new ImagesApi(deployment, auth).routes(routing);
        new TokensApi(deployment, auth).routes(routing);
        new LogApi(deployment, auth).routes(routing);
        new CosignaturesApi(deployment).routes(routing);
        new CheckInsApi(deployment, auth).routes(routing);
        org.testigo.citizen.ActaCheck actaCheck = new org.testigo.citizen.ActaCheck(deployment);
        new VerifyApi(deployment, actaCheck, limits).page(new org.testigo.site.VerifyResults(pages.site())).routes(routing);
        new ReviewsApi(actaCheck, auth).routes(routing);
        new org.testigo.web.api.AuditApi(deployment, 10).routes(routing);
        new MeApi(deployment, auth).routes(routing);
        new AssignmentsApi(deployment, auth).routes(routing);
        new CoverageApi(deployment, auth).routes(routing);
        new DeskApi(deployment, auth).routes(routing);
        new IncidentsApi(deployment, auth).routes(routing);
        new org.testigo.web.apps.WitnessApp().routes(routing); // the witness app's static files at /app/
        new org.testigo.web.apps.CentreApp().routes(routing);
        if (telegram != null) {
            new org.testigo.web.api.TelegramApi(deployment, telegram).routes(routing);
        }
        routing.get("/health", (req, res) -> {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.header(CachedDocuments.NO_STORE);
            res.send(Json.bytes(java.util.Map.of("status", "ok",
                    "election", deployment.running().map(r -> r.election().id()).orElse(""))));
        });
        pages.routes(routing); // after every API route: its /{+path} takes whatever is left
        if (!frontDoor()) {
            WebServer alone = listen(host, port, builder, false);
            deployment.running().ifPresent(r -> r.images().start(ImageIntake.defaultThreads()));
            return new TestigoServer(null, alone, limits, routing.list());
        }
        // Helidon listens on the loopback only, behind the front door, which answers the flood's requests (cached
        // pages, find my table) itself and passes every other connection on with a PROXY line naming the client.
        WebServer server = listen("127.0.0.1", 0, builder, true);
        FrontDoor front;
        try {
            front = FrontDoor.open(host, port, BACKLOG, new java.net.InetSocketAddress("127.0.0.1", server.port()),
                    java.util.List.of(pages.frontRoute(), lookup.frontRoute()), IDLE);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        // Decoding resumes where the last process left it (the jobs still 'decoding').
        deployment.running().ifPresent(r -> r.images().start(ImageIntake.defaultThreads()));
        return new TestigoServer(front, server, limits, routing.list());
    }

    /**
     * Whether the public port is the front door's (the default) or Helidon's own: {@code -Dtestigo.front-door=off}
     * (in {@code TESTIGO_JAVA_OPTS}) for measuring one against the other, or behind a proxy that already does its work.
     */
    private static boolean frontDoor() {
        return !"off".equals(System.getProperty("testigo.front-door", "on"));
    }

    /**
     * Starts a server for {@code routing} (which begins with {@link SecurityHeaders#install}) with the
     * serving layer's limits and error handling: a JSON 404 for every unrouted path, every exception as a
     * JSON error, the request line, headers and body held to their ceilings.
     */
    static WebServer listen(String host, int port, HttpRouting.Builder routing) {
        return listen(host, port, routing, false);
    }

    /** @param proxyProtocol whether every connection starts with a PROXY protocol line (it comes through the front door) */
    private static WebServer listen(String host, int port, HttpRouting.Builder routing, boolean proxyProtocol) {
        routing.any((req, res) -> {
            throw ApiException.notFound("NOT_FOUND", null, "no such resource: " + req.prologue().method().text() + " "
                    + req.path().path() + " (see docs/api.md)");
        });
        routing.error(Throwable.class, ErrorResponses::handle);
        return WebServer.builder()
                .host(host)
                .port(port)
                .maxPayloadSize(MAX_BODY_BYTES)
                .backlog(BACKLOG)
                .enableProxyProtocol(proxyProtocol)
                // Response headers are not re-validated on every write (it was 18% of a cached page's CPU under load):
                // every value Testigo sets is a constant, a hash, a number or a path built from validated ids
                // (table ids, place codes). Request headers are still validated, except Host, which nothing here reads
                // (links are relative; its regular-expression check showed in a flood's profile). HTTP/1.1 connections
                // persist without a "Connection: keep-alive" header: one header fewer on every answer.
                .addProtocol(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE).maxHeadersSize(MAX_HEADER_BYTES)
                        .validateResponseHeaders(false).validateRequestHostHeader(false).sendKeepAliveHeader(false).build())
                .shutdownHook(false)
                .idleConnectionTimeout(IDLE)
                .directHandlers(ErrorResponses.directHandlers(MAX_BODY_BYTES, MAX_REQUEST_LINE, MAX_HEADER_BYTES))
                // Helidon's own "safe" messages reach the JSON error body (e.g. why a request line is malformed)
                .errorHandling(io.helidon.webserver.ErrorHandling.builder().includeEntity(true).build())
                .routing(routing)
                .build()
                .start();
    }

    /** The per-client limits the dynamic routes use. */
    public RateLimits limits() {
        return limits;
    }

    public int port() {
        return front != null ? front.port() : server.port();
    }

    @Override
    public void close() {
        if (front != null) {
            front.close();
        }
        server.stop();
    }

}
