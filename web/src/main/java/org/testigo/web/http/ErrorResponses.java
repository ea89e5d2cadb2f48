package org.testigo.web.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testigo.views.Json;

/**
 * The one place errors become responses: a JSON body {@code {status, error, field, message, details}}
 * for every refusal, including those the server raises before routing (oversized or malformed HTTP).
 * Unexpected exceptions are logged here and answered 500 without internals.
 */
public final class ErrorResponses {
    private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    public static byte[] body(Status status, String code, String field, String message, List<Map<String, Object>> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.code());
        body.put("error", code);
        if (field != null) {
            body.put("field", field);
        }
        body.put("message", message);
        if (!details.isEmpty()) {
            body.put("details", details);
        }
        return htmlSafe(Json.bytes(body));
    }

    /**
     * JSON with {@code < > &} written as {@code \\u003c \\u003e \\u0026}: messages quote what the client sent,
     * and even though errors are {@code application/json} with nosniff, a body that a careless consumer pastes
     * into HTML must not carry markup. Valid JSON stays valid: those characters only occur inside strings.
     */
    static byte[] htmlSafe(byte[] json) {
        int extra = 0;
        for (byte b : json) {
            if (b == '<' || b == '>' || b == '&') {
                extra += 5;
            }
        }
        if (extra == 0) {
            return json;
        }
        byte[] out = new byte[json.length + extra];
        int j = 0;
        for (byte b : json) {
            if (b == '<' || b == '>' || b == '&') {
                String esc = b == '<' ? "\\u003c" : b == '>' ? "\\u003e" : "\\u0026";
                for (int k = 0; k < esc.length(); k++) {
                    out[j++] = (byte) esc.charAt(k);
                }
            } else {
                out[j++] = b;
            }
        }
        return out;
    }

    public static void send(ServerResponse res, ApiException e) {
        SecurityHeaders.apply(res);
        res.status(e.status());
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderValues.CACHE_NO_CACHE);
        if (e.status() == Status.UNAUTHORIZED_401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"testigo\"");
        }
        res.send(body(e.status(), e.code(), e.field(), e.getMessage(), e.details()));
    }

    /** Handler for exceptions escaping a route: known refusals as themselves, anything else as a 500. */
    public static void handle(ServerRequest req, ServerResponse res, Throwable t) {
        if (t instanceof ApiException e) {
            send(res, e);
            return;
        }
        LOG.log(Level.ERROR, "unexpected failure serving " + req.prologue().method() + " " + req.path().path(), t);
        send(res, new ApiException(Status.INTERNAL_SERVER_ERROR_500, "INTERNAL", null,
                "the server failed to handle this request; it has been logged"));
    }

    /** Not among Helidon's constants: RFC 6585's answer to oversized headers. */
    public static final Status HEADERS_TOO_LARGE_431 = Status.create(431, "Request Header Fields Too Large");

    /** Refusals the server makes before a route runs (bad HTTP, payload too large), as JSON too. */
    public static DirectHandlers directHandlers(long maxBodyBytes) {
        return directHandlers(maxBodyBytes, 0, 0);
    }

    /**
     * Refusals the server makes before a route runs, as JSON with every security header: a body over
     * {@code maxBodyBytes} (413), a request line over {@code maxRequestLine} (414), headers over
     * {@code maxHeaderBytes} (431: Helidon reports those as a 400 "Header size exceeded"), malformed HTTP (400).
     */
    public static DirectHandlers directHandlers(long maxBodyBytes, int maxRequestLine, int maxHeaderBytes) {
        DirectHandler json = new JsonDirectHandler(maxBodyBytes, maxRequestLine, maxHeaderBytes);
        DirectHandlers.Builder b = DirectHandlers.builder();
        for (DirectHandler.EventType t : DirectHandler.EventType.values()) {
            b.addHandler(t, json);
        }
        return b.build();
    }

    private record JsonDirectHandler(long maxBodyBytes, int maxRequestLine, int maxHeaderBytes) implements DirectHandler {
        @Override
        public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                ServerResponseHeaders headers, String message) {
            boolean tooLarge = eventType == DirectHandler.EventType.PAYLOAD_TOO_LARGE
                    || status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code();
            if (tooLarge) {
                return answer(Status.REQUEST_ENTITY_TOO_LARGE_413, "BODY_TOO_LARGE",
                        "the request body is larger than this server accepts (at most " + maxBodyBytes + " bytes)");
            }
            // Helidon reports oversized headers as a 400 with this message (only when the server includes
            // "safe" messages: TestigoServer sets ErrorHandling.includeEntity)
            if (message != null && message.contains("Header size exceeded")) {
                return answer(HEADERS_TOO_LARGE_431, "HEADERS_TOO_LARGE", "the request's headers are larger than this server accepts"
                        + (maxHeaderBytes > 0 ? " (at most " + maxHeaderBytes + " bytes)" : ""));
            }
            if (status.code() == Status.REQUEST_URI_TOO_LONG_414.code()) {
                return answer(status, "URI_TOO_LONG", "the request line (path and query) is longer than this server accepts"
                        + (maxRequestLine > 0 ? " (at most " + maxRequestLine + " bytes)" : ""));
            }
            String code = switch (eventType) {
                case BAD_REQUEST -> "BAD_HTTP_REQUEST";
                case FORBIDDEN -> "FORBIDDEN";
                case HTTP_VERSION_NOT_SUPPORTED -> "HTTP_VERSION_NOT_SUPPORTED";
                default -> "REQUEST_REFUSED";
            };
            String text = switch (eventType) {
                case INTERNAL_ERROR -> "the server failed to handle this request; it has been logged";
                default -> message == null || message.isBlank() ? status.reasonPhrase() : message;
            };
            return answer(status, code, text);
        }

        private static TransportResponse answer(Status status, String code, String text) {
            DirectHandler.TransportResponse.Builder answer = DirectHandler.TransportResponse.builder();
            SecurityHeaders.ALL.forEach(answer::header);
            return answer
                    .status(status)
                    .header(HeaderValues.CONTENT_TYPE_JSON)
                    .keepAlive(false)
                    .entity(body(status, code, null, text, List.of()))
                    .build();
        }
    }
}
