package org.testigo.web;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;
import org.testigo.deployment.Deployment;
import org.testigo.intake.ImageIntake;
import org.testigo.views.Json;
import org.testigo.web.api.CosignaturesApi;
import org.testigo.web.api.EvidenceApi;
import org.testigo.web.api.ImagesApi;
import org.testigo.web.api.LogApi;
import org.testigo.web.api.ReadApi;
import org.testigo.web.api.SubmissionsApi;
import org.testigo.web.api.TokensApi;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.ErrorResponses;

/** The HTTP server: every route in one place, errors through one renderer. */
public final class TestigoServer implements AutoCloseable {
    /**
     * The server's ceiling for any request body: an image upload's (the largest image accepted and its
     * form fields). Each route holds its body to its own limit below that: JSON to 1 MiB
     * ({@link org.testigo.web.http.JsonBodies#MAX_BYTES}).
     */
    public static final long MAX_BODY_BYTES = org.testigo.scan.ImageLimits.DEFAULT.maxBytes() + (1 << 20);

    private final WebServer server;

    private TestigoServer(WebServer server) {
        this.server = server;
    }

    public static TestigoServer start(Deployment deployment, String host, int port) {
        Authenticator auth = new Authenticator(deployment.tokens());
        HttpRouting.Builder routing = HttpRouting.builder();
        new SubmissionsApi(deployment, auth).routes(routing);
        org.testigo.web.pages.SitePages pages = new org.testigo.web.pages.SitePages(deployment, null, 10);
        pages.aliases(routing); // before ReadApi: its {node} would take "01.json" for a code
        new ReadApi(deployment, 10).routes(routing);
        new EvidenceApi(deployment).routes(routing);
        new ImagesApi(deployment, auth).routes(routing);
        new TokensApi(deployment, auth).routes(routing);
        new LogApi(deployment, auth).routes(routing);
        new CosignaturesApi(deployment).routes(routing);
        routing.get("/health", (req, res) -> {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.header(CachedDocuments.NO_STORE);
            res.send(Json.bytes(java.util.Map.of("status", "ok",
                    "election", deployment.running().map(r -> r.election().id()).orElse(""))));
        });
        pages.routes(routing); // after every API route: its /{+path} takes whatever is left
        routing.any((req, res) -> {
            throw ApiException.notFound("NOT_FOUND", null, "no such resource: " + req.prologue().method().text() + " "
                    + req.path().path() + " (see docs/api.md)");
        });
        routing.error(Throwable.class, ErrorResponses::handle);
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .maxPayloadSize(MAX_BODY_BYTES)
                .shutdownHook(false)
                .idleConnectionTimeout(Duration.ofMinutes(2))
                .directHandlers(ErrorResponses.directHandlers(MAX_BODY_BYTES))
                .routing(routing)
                .build()
                .start();
        // Decoding resumes where the last process left it (the jobs still 'decoding').
        deployment.running().ifPresent(r -> r.images().start(ImageIntake.defaultThreads()));
        return new TestigoServer(server);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

}
