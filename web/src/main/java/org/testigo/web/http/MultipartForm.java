package org.testigo.web.http;

import io.helidon.http.HttpMediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts, strictly: every malformed shape
 * is a 400 {@code MULTIPART_MALFORMED} naming what is wrong. The body is already in memory and bounded
 * by the route's limit, so parsing is a few scans of a byte array.
 *
 * <p>(Helidon's own multipart support, {@code helidon-http-media-multipart}, is not available to this
 * build; this parser reads only what form uploads use: a name, an optional file name and content type.)
 */
public final class MultipartForm {
    /** More parts than any acta upload has (an image, a format, up to 32 QR texts). */
    public static final int MAX_PARTS = 64;
    private static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final Pattern PARAM = Pattern.compile(";\\s*([A-Za-z0-9_*-]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;\\s]+)");
    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * One part.
     *
     * @param name the form field's name
     * @param fileName the file name the client gave, or null
     * @param contentType the part's declared content type, or null
     */
    public record Part(String name, String fileName, String contentType, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private MultipartForm() {
    }

    /** Whether a request's content type is multipart/form-data. */
    public static boolean isFormData(HttpMediaType type) {
        return type.mediaType().type().equalsIgnoreCase("multipart") && type.mediaType().subtype().equalsIgnoreCase("form-data");
    }

    /** The parts of {@code body}, in order. */
    public static List<Part> parse(HttpMediaType type, byte[] body) {
        String boundary = type.parameters().get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw malformed("Content-Type", "multipart/form-data needs a boundary parameter of 1-70 characters");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw malformed("body", "the body holds no part: the boundary \"" + boundary + "\" never occurs");
        }
        byte[] between = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int pos = at + delimiter.length;
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                return parts; // the close delimiter; an epilogue may follow and is ignored
            }
            pos = skipTransportPadding(body, pos);
            if (!startsWith(body, pos, CRLF)) {
                throw malformed("body", "a boundary must be followed by a line break or \"--\" (part " + (parts.size() + 1) + ")");
            }
            pos += 2;
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, pos);
            boolean noHeaders = startsWith(body, pos, CRLF);
            if (!noHeaders && (headersEnd < 0 || headersEnd - pos > MAX_HEADER_BYTES)) {
                throw malformed("body", "part " + (parts.size() + 1) + " has no end to its headers");
            }
            String headerText = noHeaders ? "" : new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
            int contentStart = noHeaders ? pos + 2 : headersEnd + 4;
            int contentEnd = indexOf(body, between, contentStart);
            if (contentEnd < 0) {
                throw malformed("body", "part " + (parts.size() + 1) + " never ends: the closing boundary is missing (truncated upload?)");
            }
            if (parts.size() == MAX_PARTS) {
                throw malformed("body", "more than " + MAX_PARTS + " parts");
            }
            parts.add(part(headerText, java.util.Arrays.copyOfRange(body, contentStart, contentEnd), parts.size() + 1));
            pos = contentEnd + between.length;
        }
    }

    private static Part part(String headers, byte[] content, int number) {
        String name = null;
        String fileName = null;
        String contentType = null;
        for (String line : headers.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("body", "part " + number + " has a header line without a name: \"" + JsonBodies.firstLine(line) + "\"");
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                if (!value.toLowerCase(Locale.ROOT).startsWith("form-data")) {
                    throw malformed("body", "part " + number + " is not form-data (Content-Disposition: " + JsonBodies.firstLine(value) + ")");
                }
                Matcher m = PARAM.matcher(value);
                while (m.find()) {
                    String param = m.group(1).toLowerCase(Locale.ROOT);
                    String v = m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(2);
                    if (param.equals("name")) {
                        name = v;
                    } else if (param.equals("filename")) {
                        fileName = v;
                    }
                }
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (name == null || name.isEmpty()) {
            throw malformed("body", "part " + number + " has no name (Content-Disposition: form-data; name=\"…\")");
        }
        return new Part(name, fileName, contentType, content);
    }

    /** RFC 2046 allows spaces and tabs after a boundary. */
    private static int skipTransportPadding(byte[] b, int pos) {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t')) {
            pos++;
        }
        return pos;
    }

    private static boolean startsWith(byte[] b, int pos, byte[] prefix) {
        if (pos + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, byte[] needle, int from) {
        byte first = needle[0];
        int last = b.length - needle.length;
        for (int i = Math.max(0, from); i <= last; i++) {
            if (b[i] == first && startsWith(b, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static ApiException malformed(String field, String message) {
        return ApiException.badRequest("MULTIPART_MALFORMED", field, "malformed multipart/form-data: " + message);
    }
}
