package org.testigo.web.http;

import io.helidon.http.Status;
import java.util.List;
import java.util.Map;

/**
 * A request the API will not serve, with the status, a stable error code, the field at fault and a
 * message for people. Handlers throw it; {@link ErrorResponses} renders it. Never carries a stack trace
 * to the client.
 */
public final class ApiException extends RuntimeException {
    private final Status status;
    private final String code;
    private final String field;
    private final List<Map<String, Object>> details;

    public ApiException(Status status, String code, String field, String message, List<Map<String, Object>> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.details = List.copyOf(details);
    }

    public ApiException(Status status, String code, String field, String message) {
        this(status, code, field, message, List.of());
    }

    public static ApiException badRequest(String code, String field, String message) {
        return new ApiException(Status.BAD_REQUEST_400, code, field, message);
    }

    public static ApiException notFound(String code, String field, String message) {
        return new ApiException(Status.NOT_FOUND_404, code, field, message);
    }

    /** Registered after a path's real routes: any other method on that path. */
    public static io.helidon.webserver.http.Handler methodNotAllowed(String allowed) {
        return (req, res) -> {
            throw new ApiException(Status.METHOD_NOT_ALLOWED_405, "METHOD_NOT_ALLOWED", null,
                    req.prologue().method().text() + " is not allowed on " + req.path().path() + "; use " + allowed);
        };
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public List<Map<String, Object>> details() {
        return details;
    }
}
