package org.testigo.citizen;

import org.testigo.views.Json;

/**
 * How the answer to the verify form ({@code POST /verify}) is rendered. The public site plugs its page
 * in here; until it does, the answer is the same JSON as {@code POST /api/v1/verify}.
 */
public interface ResultPage {

    /** The rendered answer and its content type (e.g. {@code text/html; charset=utf-8}). */
    record Rendered(String contentType, byte[] body) {
    }

    /**
     * @param language the page's language: {@code es} (the default, at the root) or {@code en} (under {@code /en/})
     */
    Rendered render(ActaCheckResult result, String language);

    /**
     * The answer for a form posted to {@code path} (from the site's root, without the leading slash:
     * {@code verify} or {@code en/verify}), which a page's relative links start from. The form says its own
     * language, which need not be the route's.
     */
    default Rendered render(ActaCheckResult result, String language, String path) {
        return render(result, language);
    }

    /**
     * The answer to a form that was refused (a 4xx, or 503 when busy) with {@code status}, the API's error
     * {@code code} and its precise {@code message}; empty to answer with the JSON error, as this default does.
     *
     * @param retryAfterSeconds when the client may try again (429, 503), or null
     */
    default java.util.Optional<Rendered> refusal(int status, String code, String message, String retryAfterSeconds,
            String language, String path) {
        return java.util.Optional.empty();
    }

    /** The JSON document, whatever the language. */
    ResultPage JSON = (result, language) -> new Rendered("application/json", Json.bytes(result));
}
