package org.testigo.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.testigo.deployment.Deployment;
import org.testigo.election.TableId;
import org.testigo.roll.NationalId;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.RateLimits;
import org.testigo.web.http.JsonBodies;
import org.testigo.web.front.Answer;
import org.testigo.web.front.FrontRoute;
import org.testigo.web.front.PreparedResponse;

/**
 * Find my table, the two dynamic routes over the voter roll (docs/api.md):
 *
 * <ul>
 *   <li>{@code POST /api/v1/lookup}, JSON {@code {"national_id": "…"}} → {@code {"table", "page"}};
 *       404 {@code UNKNOWN_VOTER} or {@code NO_ROLL}, 400 {@code MALFORMED_NATIONAL_ID}.</li>
 *   <li>{@code POST /find} (and {@code /en/find}), the find page's form ({@code national_id}, optional
 *       {@code lang=en}) → 303 to {@code table/{id}.html}, or back to {@code find.html?e=unknown|malformed|noroll}.</li>
 * </ul>
 *
 * <p>The national id is personal data: it is never logged, stored, put in a URL or echoed in an error
 * message, and every answer is {@code Cache-Control: no-store} with no referrer. Both routes are
 * dynamic and cheap to ask many times, so they take a {@code guard}: the serving layer's rate limiter,
 * run before each of them.
 */
public final class LookupApi {
    /** A form or JSON body holds one short id; anything bigger is refused before it is read. */
    static final long MAX_BODY_BYTES = 4096;

    private final Deployment deployment;
    private final RateLimits limits;

    /** @param limits the per-client budgets: group {@code lookup} for the JSON route, {@code find} for the form */
    public LookupApi(Deployment deployment, RateLimits limits) {
        this.deployment = deployment;
        this.limits = limits;
    }

    /** The paths this class serves, for the serving layer (rate limits, security headers). */
    public static final java.util.List<String> PATHS = java.util.List.of("/api/v1/lookup", "/find", "/en/find");

    public void routes(HttpRules rules) {
        rules.post("/api/v1/lookup", limits.guard("lookup"), this::lookupJson)
                .any("/api/v1/lookup", ApiException.methodNotAllowed("POST"))
                .post("/find", limits.guard("find", (req, res) -> backToForm(res, "", "limited")),
                        (req, res) -> find(req, res, false))
                .post("/en/find", limits.guard("find", (req, res) -> backToForm(res, "", "limited")),
                        (req, res) -> find(req, res, true))
                .any("/find", ApiException.methodNotAllowed("POST"))
                .any("/en/find", ApiException.methodNotAllowed("POST"));
    }

    /**
     * The JSON lookup for the front door ({@link org.testigo.web.front}): a well-formed request for a listed
     * voter within its client's budget is answered there, with the same bytes as {@link #lookupJson}; any
     * other (malformed, unknown, over budget) goes to the server behind, which refuses it with its reason.
     */
    public FrontRoute frontRoute() {
        return request -> {
            if (!request.method().equals("POST") || !request.path().equals("/api/v1/lookup")) {
                return Answer.PASS;
            }
            String plain = "application/json".equalsIgnoreCase(request.contentType()) ? plainNationalId(request.body()) : null;
            Optional<NationalId> id = plain != null ? NationalId.parse(plain)
                    : JsonBodies.objectOrEmpty(request.contentType(), request.body())
                            .map(body -> body.get("national_id"))
                            .filter(JsonNode::isTextual)
                            .flatMap(field -> NationalId.parse(field.textValue()));
            Optional<TableId> table = id.flatMap(deployment::lookup);
            if (table.isEmpty() || !limits.tryAcquire("lookup", request.client(), request.forwardedFor())) {
                return Answer.PASS;
            }
            if (found.size() > MAX_KEPT_ANSWERS) {
                found.clear(); // a crude bound; a table's answer is a hundred bytes, and is made again on demand
            }
            return found.computeIfAbsent(table.get(), t -> FOUND.with(Json.bytes(answer(t))));
        };
    }

    /**
     * The id in a body of exactly the shape the find page and the API's clients send, {@code {"national_id": "…"}}
     * (white space allowed, the id of letters, digits, spaces, dots and dashes), read without building a JSON tree:
     * the one request a flood of voters repeats. Null for any other body, which then goes through the JSON parser.
     */
    static String plainNationalId(byte[] b) {
        int i = skipSpace(b, 0);
        if (i >= b.length || b[i] != '{') {
            return null;
        }
        i = skipSpace(b, i + 1);
        byte[] key = "\"national_id\"".getBytes(StandardCharsets.US_ASCII);
        if (b.length - i < key.length || !java.util.Arrays.equals(b, i, i + key.length, key, 0, key.length)) {
            return null;
        }
        i = skipSpace(b, i + key.length);
        if (i >= b.length || b[i] != ':') {
            return null;
        }
        i = skipSpace(b, i + 1);
        if (i >= b.length || b[i] != '"') {
            return null;
        }
        int start = ++i;
        while (i < b.length && i - start <= 64 && idChar(b[i])) {
            i++;
        }
        if (i >= b.length || b[i] != '"') {
            return null;
        }
        String id = new String(b, start, i - start, StandardCharsets.US_ASCII);
        i = skipSpace(b, i + 1);
        if (i >= b.length || b[i] != '}') {
            return null;
        }
        return skipSpace(b, i + 1) == b.length ? id : null;
    }

    private static boolean idChar(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' || c == '.' || c == '-';
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static final PreparedResponse.Template FOUND = found();
    /** The most tables whose answer is kept: more than a country's polling tables. */
    private static final int MAX_KEPT_ANSWERS = 100_000;
    /** A table's answer depends on its id alone, and a flood of voters asks for the same few thousand. */
    private final java.util.concurrent.ConcurrentHashMap<TableId, PreparedResponse> found = new java.util.concurrent.ConcurrentHashMap<>();

    private static PreparedResponse.Template found() {
        java.util.List<Map.Entry<String, String>> h = new java.util.ArrayList<>();
        h.add(Map.entry(CachedDocuments.NO_STORE.name(), CachedDocuments.NO_STORE.get()));
        h.add(Map.entry(HeaderValues.CONTENT_TYPE_JSON.name(), HeaderValues.CONTENT_TYPE_JSON.get()));
        h.addAll(org.testigo.web.http.SecurityHeaders.LINES);
        return PreparedResponse.template(200, "OK", h);
    }

    private static Map<String, Object> answer(TableId table) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", table.value());
        out.put("page", page(table));
        return out;
    }

    private void lookupJson(ServerRequest req, ServerResponse res) {
        JsonNode body;
        try {
            body = JsonBodies.object(req);
        } catch (ApiException e) {
            if (e.code().equals("INVALID_JSON")) {
                // The parser's message quotes the text it choked on, which may be the id.
                throw ApiException.badRequest("INVALID_JSON", "body", "the body is not valid JSON; expected {\"national_id\": \"…\"}");
            }
            throw e;
        }
        JsonNode field = body.get("national_id");
        if (field == null || !field.isTextual()) {
            throw ApiException.badRequest("MALFORMED_NATIONAL_ID", "national_id",
                    "national_id must be given as a JSON string, e.g. {\"national_id\": \"12345678\"}");
        }
        NationalId id = NationalId.parse(field.textValue()).orElseThrow(() -> ApiException.badRequest("MALFORMED_NATIONAL_ID",
                "national_id", "national_id must be 1 to " + NationalId.MAX_LENGTH
                        + " letters and digits (spaces, dots and dashes are ignored)"));
        if (deployment.roll().isEmpty()) {
            throw ApiException.notFound("NO_ROLL", null, "this deployment has no voter roll, so it cannot find tables by national id");
        }
        TableId table = deployment.lookup(id).orElseThrow(() -> ApiException.notFound("UNKNOWN_VOTER", "national_id",
                "the voter roll does not list this national id"));
        keepPrivate(res);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(Json.bytes(answer(table)));
    }

    private void find(ServerRequest req, ServerResponse res, boolean underEn) {
        Map<String, String> form = form(req);
        boolean english = underEn || "en".equals(form.get("lang"));
        // Relative to where the form was posted: /find → the site root, /en/find → /en/.
        String root = english && !underEn ? "en/" : "";
        Optional<NationalId> id = form.containsKey("national_id") ? NationalId.parse(form.get("national_id")) : Optional.empty();
        if (id.isEmpty()) {
            backToForm(res, root, "malformed");
        } else if (deployment.roll().isEmpty()) {
            backToForm(res, root, "noroll");
        } else {
            Optional<TableId> table = deployment.lookup(id.get());
            if (table.isPresent()) {
                seeOther(res, root + page(table.get()));
            } else {
                backToForm(res, root, "unknown");
            }
        }
    }

    /** Back to the form, which names the problem; never with the id in the URL. */
    private static void backToForm(ServerResponse res, String root, String problem) {
        seeOther(res, root + "find.html?e=" + problem);
    }

    private static void seeOther(ServerResponse res, String target) {
        keepPrivate(res);
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, target);
        res.send();
    }

    /** The table's page relative to the site root; table ids hold only URL-safe characters. */
    static String page(TableId table) {
        return "table/" + table.value() + ".html";
    }

    private static void keepPrivate(ServerResponse res) {
        res.header(CachedDocuments.NO_STORE); // no referrer either: SecurityHeaders sets no-referrer on every answer
    }

    /** The form's fields; a body that is not a small URL-encoded form reads as no fields (malformed). */
    private static Map<String, String> form(ServerRequest req) {
        Optional<HttpMediaType> type = req.headers().contentType();
        Map<String, String> fields = new LinkedHashMap<>();
        if (type.isEmpty() || !type.get().test(MediaTypes.APPLICATION_FORM_URLENCODED)) {
            return fields;
        }
        String body = new String(JsonBodies.read(req, MAX_BODY_BYTES), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a broken %-escape: the field is as good as absent
            }
        }
        return fields;
    }
}
