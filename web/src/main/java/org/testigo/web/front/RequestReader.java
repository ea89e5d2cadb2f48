package org.testigo.web.front;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Reads one request from bytes received, conservatively: it recognises only the plain shape a browser or
 * a load tool sends for a page or a lookup, and calls everything else {@link #PASS}, for the server behind
 * to route, validate and, if need be, refuse with its precise error. Anything it lets through must mean the
 * same to Helidon: so no query, no percent-escape, no dot or empty path segment, HTTP/1.1 only, CRLF line
 * ends only, no folded, repeated or control-character header it reads, no chunked body, no Expect or Upgrade.
 */
final class RequestReader {
    /** The most head bytes read before passing the request on (the server behind refuses 414 or 431 beyond its own ceilings). */
    static final int MAX_HEAD = 8 * 1024;
    /** The largest body read here: find-my-table's; bigger bodies belong to the server behind. */
    static final int MAX_BODY = 4 * 1024;

    /** A complete request: what to answer and how many bytes it took. */
    record Read(FrontRequest request, int length, boolean close) {
    }

    /** Not complete yet: read more. */
    static final Read MORE = new Read(null, 0, false);
    /** Not one to answer here. */
    static final Read PASS = new Read(null, 0, false);

    private static final byte[] EMPTY = new byte[0];

    private RequestReader() {
    }

    /** The request starting at {@code from} in {@code b} (bytes up to {@code to}), or {@link #MORE} or {@link #PASS}. */
    static Read read(byte[] b, int from, int to, InetAddress client) {
        int headEnd = headEnd(b, from, to);
        if (headEnd == -2) {
            return PASS;
        }
        if (headEnd < 0) {
            return to - from > MAX_HEAD ? PASS : MORE;
        }
        if (headEnd - from > MAX_HEAD) {
            return PASS;
        }
        // Request line: METHOD SP /target SP HTTP/1.1 CRLF
        int sp1 = indexOf(b, from, headEnd, (byte) ' ');
        if (sp1 <= from) {
            return PASS;
        }
        String method = ascii(b, from, sp1);
        if (!method.equals("GET") && !method.equals("POST")) {
            return PASS;
        }
        int sp2 = indexOf(b, sp1 + 1, headEnd, (byte) ' ');
        if (sp2 < 0 || !plainPath(b, sp1 + 1, sp2)) {
            return PASS;
        }
        int lineEnd = indexOf(b, sp2, headEnd + 1, (byte) '\r');
        if (lineEnd != sp2 + 9 || !ascii(b, sp2 + 1, lineEnd).equals("HTTP/1.1")) {
            return PASS;
        }
        String path = ascii(b, sp1 + 1, sp2);
        String acceptEncoding = null;
        String ifNoneMatch = null;
        String contentType = null;
        String forwardedFor = null;
        int contentLength = -1;
        boolean close = false;
        int line = lineEnd + 2;
        while (line < headEnd) {
            int end = indexOf(b, line, headEnd + 2, (byte) '\r');
            int colon = indexOf(b, line, end, (byte) ':');
            if (colon <= line || !tokens(b, line, colon)) {
                return PASS; // folded line, empty or odd name: the server behind decides
            }
            int v = colon + 1;
            int ve = end;
            while (v < ve && (b[v] == ' ' || b[v] == '\t')) {
                v++;
            }
            while (ve > v && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
                ve--;
            }
            if (!visible(b, v, ve)) {
                return PASS;
            }
            int n = colon - line;
            // Header names compared in place, ignoring case: no string is made for the headers not read here.
            if (named(b, line, n, "accept-encoding")) {
                if (acceptEncoding != null) {
                    return PASS;
                }
                acceptEncoding = ascii(b, v, ve);
            } else if (named(b, line, n, "if-none-match")) {
                if (ifNoneMatch != null) {
                    return PASS;
                }
                ifNoneMatch = ascii(b, v, ve);
            } else if (named(b, line, n, "content-type")) {
                if (contentType != null) {
                    return PASS;
                }
                contentType = ascii(b, v, ve);
            } else if (named(b, line, n, "x-forwarded-for")) {
                forwardedFor = forwardedFor == null ? ascii(b, v, ve) : forwardedFor + "," + ascii(b, v, ve);
            } else if (named(b, line, n, "content-length")) {
                if (contentLength >= 0 || ve - v > 4) {
                    return PASS;
                }
                contentLength = digits(b, v, ve);
                if (contentLength < 0 || contentLength > MAX_BODY) {
                    return PASS;
                }
            } else if (named(b, line, n, "connection")) {
                String c = ascii(b, v, ve).toLowerCase(java.util.Locale.ROOT);
                if (c.contains("upgrade")) {
                    return PASS;
                }
                close = c.contains("close");
            } else if (named(b, line, n, "transfer-encoding") || named(b, line, n, "expect") || named(b, line, n, "upgrade")
                    || named(b, line, n, "http2-settings")) {
                return PASS;
            }
            line = end + 2;
        }
        int length = headEnd + 4 - from;
        byte[] body = EMPTY;
        if (contentLength > 0) {
            if (method.equals("GET")) {
                return PASS;
            }
            if (to - from < length + contentLength) {
                return MORE;
            }
            body = java.util.Arrays.copyOfRange(b, from + length, from + length + contentLength);
            length += contentLength;
        } else if (method.equals("POST") && contentLength < 0) {
            return PASS; // a POST without a length: the server behind answers it
        }
        return new Read(new FrontRequest(method, path, acceptEncoding, ifNoneMatch, contentType, forwardedFor, client, body),
                length, close);
    }

    /**
     * The index of the CR that ends the head's last line (the blank line follows), -1 when not received yet, -2 when a line
     * ends in a bare LF (legal for some parsers, not for this one).
     */
    private static int headEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                if (i == from || b[i - 1] != '\r') {
                    return -2;
                }
                if (i + 2 < to && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i - 1; // the CR ending the last line before the blank one
                }
            }
        }
        return -1;
    }

    /**
     * A path of plain segments: starts with '/', then visible ASCII without '%', '?', '#', '\\', no empty
     * segment ("//") and no segment starting with '.' (so no "." or ".."). Such a path decodes to itself.
     */
    private static boolean plainPath(byte[] b, int from, int to) {
        if (to <= from || b[from] != '/') {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c <= ' ' || c >= 0x7f || c == '%' || c == '?' || c == '#' || c == '\\') {
                return false;
            }
            if (c == '/' && i + 1 < to && (b[i + 1] == '/' || b[i + 1] == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean tokens(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Visible ASCII, spaces and tabs only: a value with control characters or non-ASCII bytes is the server's to judge. */
    private static boolean visible(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if ((c < ' ' && c != '\t') || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static int digits(byte[] b, int from, int to) {
        if (to <= from) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            n = n * 10 + (b[i] - '0');
        }
        return n;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Whether the {@code length} bytes at {@code from} are {@code lower}, ignoring ASCII case. */
    private static boolean named(byte[] b, int from, int length, String lower) {
        if (length != lower.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
