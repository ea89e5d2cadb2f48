package org.testigo.web.api;

import io.helidon.webserver.http.ServerRequest;
import org.testigo.web.http.ApiException;

/** Query parameters, refused with a 400 naming the parameter. */
final class Queries {
    private Queries() {
    }

    static long number(ServerRequest req, String name, long fallback, long min, long max) {
        var values = req.prologue().query();
        if (!values.contains(name)) {
            return fallback;
        }
        String text = values.get(name);
        try {
            long v = Long.parseLong(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("QUERY_INVALID", name, "query parameter " + name + " must be an integer from " + min + " to "
                + max + ", got \"" + clip(text) + "\"");
    }

    static String text(ServerRequest req, String name) {
        var values = req.prologue().query();
        return values.contains(name) ? values.get(name) : null;
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
