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

    /** The JSON document, whatever the language. */
    ResultPage JSON = (result, language) -> new Rendered("application/json", Json.bytes(result));
}
