package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.SecurityHeaders;

/**
 * A document whose state moved is rendered by one request while the others answer with the last
 * rendering, over real HTTP: the render is held on a latch the test controls, so nothing depends on timing.
 */
class CachedDocumentsTest {
    private final AtomicLong version = new AtomicLong(1);
    private final AtomicInteger renders = new AtomicInteger();
    private final CountDownLatch renderStarted = new CountDownLatch(1);
    private final CountDownLatch mayFinish = new CountDownLatch(1);
    private final AtomicBoolean holdVersionTwo = new AtomicBoolean(true);
    private final AtomicBoolean failOnce = new AtomicBoolean();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private WebServer server;

    @BeforeEach
    void start() {
        CachedDocuments docs = new CachedDocuments(version::get, 10);
        HttpRouting.Builder routing = HttpRouting.builder();
        SecurityHeaders.install(routing);
        routing.get("/doc", (req, res) -> docs.serve(req, res, "doc", HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/plain"), () -> {
            long v = version.get();
            renders.incrementAndGet();
            if (failOnce.getAndSet(false)) {
                throw new IllegalStateException("the renderer broke");
            }
            if (v == 2 && holdVersionTwo.get()) {
                renderStarted.countDown();
                await(mayFinish);
            }
            return ("rendered at version " + v).getBytes(StandardCharsets.UTF_8);
        }));
        server = TestigoServer.listen("127.0.0.1", 0, routing);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> get() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/doc")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the test released the latch").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void whileOneRequestRendersTheNewVersionTheOthersGetTheLastOne() throws Exception {
        assertThat(get().body()).isEqualTo("rendered at version 1");
        version.set(2);
        CompletableFuture<HttpResponse<String>> renderer = CompletableFuture.supplyAsync(this::get);
        await(renderStarted);

        HttpResponse<String> meanwhile = get();
        assertThat(meanwhile.statusCode()).isEqualTo(200);
        assertThat(meanwhile.body()).as("answered at once with the last rendering").isEqualTo("rendered at version 1");
        assertThat(renders.get()).as("the second request did not render too").isEqualTo(2);

        mayFinish.countDown();
        assertThat(renderer.get(30, TimeUnit.SECONDS).body()).isEqualTo("rendered at version 2");
        assertThat(get().body()).isEqualTo("rendered at version 2");
        assertThat(renders.get()).as("one render per version").isEqualTo(2);
    }

    @Test
    void aRenderThatFailsLetsTheNextRequestRenderAgain() {
        holdVersionTwo.set(false);
        assertThat(get().body()).isEqualTo("rendered at version 1");
        version.set(2);
        failOnce.set(true);
        assertThat(get().statusCode()).isEqualTo(500);
        HttpResponse<String> next = get();
        assertThat(next.body()).as("not stuck on the last rendering").isEqualTo("rendered at version 2");
        assertThat(renders.get()).isEqualTo(3);
    }
}
