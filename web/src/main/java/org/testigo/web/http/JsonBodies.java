package org.testigo.web.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HttpException;
import io.helidon.http.HttpMediaType;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.util.Optional;

/** Reads a JSON request body, refusing every malformed shape with a precise 4xx. */
public final class JsonBodies {
    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** JSON bodies are a few kilobytes; anything near this is a mistake or an attack. */
    public static final long MAX_BYTES = 1 << 20;

    private JsonBodies() {
    }

    /**
     * For the front door, which answers only what it is sure of: {@code body} as a JSON object when
     * {@code contentType} is what {@link #object} accepts and the bytes parse as one; otherwise empty (and
     * the server behind then reports exactly what is wrong).
     */
    public static Optional<JsonNode> objectOrEmpty(String contentType, byte[] body) {
        try {
            HttpMediaType type = HttpMediaType.create(contentType);
            String charset = type.charset().orElse("utf-8");
            if (!type.test(MediaTypes.APPLICATION_JSON) || !(charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8"))
                    || body.length == 0) {
                return Optional.empty();
            }
            JsonNode node = STRICT.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The body as a JSON object; 415 unless it is declared {@code application/json}, 400 if not JSON. */
    public static JsonNode object(ServerRequest req) {
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isEmpty() || !type.get().test(MediaTypes.APPLICATION_JSON)) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type",
                    "send the body as JSON with \"Content-Type: application/json\""
                            + (req.path().path().equals("/api/v1/submissions") ? ", or a photo as multipart/form-data" : "") + " (got "
                            + type.map(HttpMediaType::text).orElse("none") + ")");
        }
        String charset = type.get().charset().orElse("utf-8");
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, "UNSUPPORTED_CHARSET", "Content-Type",
                    "JSON must be UTF-8 (got charset " + charset + ")");
        }
        byte[] bytes = read(req, MAX_BYTES);
        if (bytes.length == 0) {
            throw ApiException.badRequest("EMPTY_BODY", "body", "the request body is empty; expected a JSON object");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(bytes);
        } catch (JsonParseException e) {
            throw ApiException.badRequest("INVALID_JSON", "body", "the body is not valid JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw ApiException.badRequest("INVALID_JSON", "body", "the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("NOT_AN_OBJECT", "body", "expected a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return node;
    }

    /**
     * The whole request body, at most {@code maxBytes} of it: 413 when the declared length or what
     * arrives is larger (the server's own limit is the largest of all routes', the image uploads';
     * each route holds its body to its own), 400 when the framing is broken.
     */
    public static byte[] read(ServerRequest req, long maxBytes) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        java.util.OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (java.io.InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (RequestException | HttpException e) {
            // Helidon stops reading a body over the server's limit (a chunked upload announces no length)
            // with a 413; any other failure to read is the client's broken framing.
            Status status = e instanceof RequestException r ? r.status() : ((HttpException) e).status();
            if (status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
                throw tooLarge(maxBytes);
            }
            throw unreadable(e);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw unreadable(e);
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, "BODY_TOO_LARGE", "body",
                "the request body is larger than this route accepts (at most " + maxBytes + " bytes)");
    }

    private static ApiException unreadable(Exception e) {
        return ApiException.badRequest("BODY_UNREADABLE", "body", "the request body could not be read"
                + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
    }

    /** A required text field. */
    public static String text(JsonNode body, String field, int maxLength) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw ApiException.badRequest("FIELD_MISSING", field, "field \"" + field + "\" is required");
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest("FIELD_WRONG_TYPE", field, "field \"" + field + "\" must be a string, got "
                    + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (n.textValue().length() > maxLength) {
            throw ApiException.badRequest("FIELD_TOO_LONG", field, "field \"" + field + "\" is longer than "
                    + maxLength + " characters");
        }
        return n.textValue();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
