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
     * Powerful features off for every page. The witness app, when it comes, will need
     * {@code camera=(self)} on its own pages to read QR codes live (getUserMedia); a file input with
     * {@code capture} (the verify page's photo upload) opens the phone's camera app and needs nothing here.
     * The witness app's pages under /app/ allow {@code camera=(self)}: see {@code org.testigo.web.apps.WitnessApp}.
     */
    public static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), bluetooth=(), browsing-topics=(), "
            + "camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), "
            + "midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

    /** Every header, created once. */
    public static final List<Header> ALL = List.of(
            HeaderValues.createCached(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY),
            HeaderValues.createCached(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff"),
            HeaderValues.createCached(HeaderNames.create("X-Frame-Options"), "DENY"),
            HeaderValues.createCached(HeaderNames.create("Referrer-Policy"), "no-referrer"),
            HeaderValues.createCached(HeaderNames.create("Permissions-Policy"), PERMISSIONS_POLICY),
            HeaderValues.createCached(HeaderNames.create("Cross-Origin-Opener-Policy"), "same-origin"));

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
