package org.testigo.web.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * The headers every response carries, whatever route, status or error produced it: a filter sets them
 * before any route runs, {@link ErrorResponses} sets them again on error responses (an error handler
 * starts from a reset response), and the server's own refusals before routing
 * ({@link ErrorResponses#directHandlers}) carry them too.
 *
 * <p>One Content-Security-Policy for everything, the one pages need: nothing from another host, no inline
 * script or style, no plugins, no framing, forms only to this site. On JSON, images and other non-HTML
 * answers it is inert but harmless, and one policy means no route can pick the wrong one. Pages must
 * therefore keep scripts and styles in files under /assets (no {@code style="…"} attributes, no
 * {@code <style>}/{@code <script>} blocks, no {@code on…=} handlers); SVG presentation attributes
 * ({@code fill}, {@code stroke}) are not styles and are fine.
 */
public final class SecurityHeaders {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * The features that could expose a reader (camera, microphone, location, screen, ad-interest topics) off
     * for every page. Only these: the strict CSP already keeps foreign code out, and this header rides on
     * every answer of a flood, where each byte of header costs (it once listed 18 features, 330 bytes).
     * A file input with {@code capture} (the verify page's photo upload) opens the phone's camera app and needs
     * nothing here; the witness app's pages under /app/ allow {@code camera=(self)} to read QR codes live
     * (see {@code org.testigo.web.apps.WitnessApp}).
     */
    public static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), display-capture=(), "
            + "browsing-topics=()";

    /** Every header, created once. */
    public static final List<Header> ALL = List.of(
            HeaderValues.createCached(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY),
            HeaderValues.createCached(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff"),
            HeaderValues.createCached(HeaderNames.create("X-Frame-Options"), "DENY"),
            HeaderValues.createCached(HeaderNames.create("Referrer-Policy"), "no-referrer"),
            HeaderValues.createCached(HeaderNames.create("Permissions-Policy"), PERMISSIONS_POLICY),
            HeaderValues.createCached(HeaderNames.create("Cross-Origin-Opener-Policy"), "same-origin"));

    /** The same headers as names and values, for answers the front door writes whole ({@link org.testigo.web.front}). */
    public static final List<java.util.Map.Entry<String, String>> LINES = ALL.stream()
            .map(h -> java.util.Map.entry(h.name(), h.get())).toList();

    private SecurityHeaders() {
    }

    /** Installs the filter on {@code routing}: call it first, before any route. */
    public static void install(HttpRouting.Builder routing) {
        routing.addFilter(SecurityHeaders::filter);
    }

    private static void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        apply(res);
        chain.proceed();
    }

    /** Sets every header on {@code res}. */
    public static void apply(ServerResponse res) {
        for (Header h : ALL) {
            res.header(h);
        }
    }
}
