package org.testigo.web.front;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A complete HTTP/1.1 answer in bytes, made once and written many times: the status line, the header lines
 * (with Content-Length, without Date, which the writer adds per second) and the body.
 */
public final class PreparedResponse implements Answer {
    private static final byte[] NONE = new byte[0];

    private final byte[] statusLine;
    private final byte[] headerLines;
    /** The Content-Length line: apart, so answers made from one {@link Template} share their header lines. */
    private final byte[] lengthLine;
    private final byte[] body;

    private PreparedResponse(byte[] statusLine, byte[] headerLines, byte[] lengthLine, byte[] body) {
        this.statusLine = statusLine;
        this.headerLines = headerLines;
        this.lengthLine = lengthLine;
        this.body = body;
    }

    /**
     * @param status e.g. 200; 304 and 204 send no body whatever {@code body} holds (RFC 9110 §15.4.5)
     * @param reason the status line's reason phrase, e.g. "OK"
     * @param headers name and value of each header, in order; Content-Length is added
     */
    public static PreparedResponse of(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {
        return template(status, reason, headers).with(body);
    }

    /** The fixed part of answers that differ only in their bodies (see {@link Template#with}). */
    public static Template template(int status, String reason, List<Map.Entry<String, String>> headers) {
        StringBuilder h = new StringBuilder(512);
        for (Map.Entry<String, String> e : headers) {
            String name = e.getKey();
            String value = e.getValue();
            if (!token(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("not a header line: " + name);
            }
            h.append(name).append(": ").append(value).append("\r\n");
        }
        return new Template(("HTTP/1.1 " + status + " " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII),
                h.toString().getBytes(StandardCharsets.ISO_8859_1), status == 304 || status == 204);
    }

    /** A status line and header lines encoded once, for answers made per request (find my table's). */
    public static final class Template {
        private final byte[] statusLine;
        private final byte[] headerLines;
        private final boolean bodiless;

        private Template(byte[] statusLine, byte[] headerLines, boolean bodiless) {
            this.statusLine = statusLine;
            this.headerLines = headerLines;
            this.bodiless = bodiless;
        }

        /** The answer with {@code body} and its Content-Length. */
        public PreparedResponse with(byte[] body) {
            if (bodiless) {
                return new PreparedResponse(statusLine, headerLines, NONE, NONE);
            }
            return new PreparedResponse(statusLine, headerLines,
                    ("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII), body);
        }
    }

    private static boolean token(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    byte[] statusLine() {
        return statusLine;
    }

    byte[] headerLines() {
        return headerLines;
    }

    byte[] lengthLine() {
        return lengthLine;
    }

    byte[] body() {
        return body;
    }

    /** Bytes on the wire, given the Date line's length. */
    int length(int dateLine) {
        return statusLine.length + dateLine + headerLines.length + lengthLine.length + 2 + body.length;
    }
}
