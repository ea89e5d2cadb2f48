package org.testigo.web.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content codings Testigo serves (RFC 9110 §8.4.1), and the choice among them from a request's
 * Accept-Encoding (§12.5.3): the highest q-value among those available; {@code *} stands for any coding
 * the header does not name; q=0 refuses; identity is acceptable unless refused, and least preferred when
 * the header does not name it. Ties go to the smaller body (br, then gzip, then identity).
 */
public enum ContentCoding {
    BR("br", "-br"),
    GZIP("gzip", "-gzip"),
    IDENTITY("identity", "");

    /**
     * Answers already worked out, per header text and per set of available codings (index
     * {@code gzip + 2 × br}): browsers send a handful of distinct Accept-Encoding values, and parsing one
     * on every request of a flood showed in profiles. Bounded, since a client may send any text.
     */
    private static final int MEMO_LIMIT = 512;
    @SuppressWarnings("unchecked")
    private static final ConcurrentHashMap<String, ContentCoding>[] MEMO = new ConcurrentHashMap[] {
        new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>()};

    private final String token;
    private final String etagSuffix;
    private final Header contentEncoding;

    ContentCoding(String token, String etagSuffix) {
        this.token = token;
        this.etagSuffix = etagSuffix;
        this.contentEncoding = HeaderValues.createCached(HeaderNames.CONTENT_ENCODING, token);
    }

    /** The Content-Encoding header naming this coding, made once. */
    public Header contentEncoding() {
        return contentEncoding;
    }

    /** The name in Content-Encoding and Accept-Encoding. */
    public String token() {
        return token;
    }

    /**
     * The coding's strong ETag, derived from the identity body's: {@code "h"}, {@code "h-gzip"},
     * {@code "h-br"}. Different bytes are different representations, so they get different strong tags.
     */
    public String etag(String identityEtag) {
        if (this == IDENTITY) {
            return identityEtag;
        }
        return identityEtag.substring(0, identityEtag.length() - 1) + etagSuffix + '"';
    }

    /**
     * The coding to answer with, given the Accept-Encoding header (null when absent) and which encoded
     * bodies exist. When the client refuses everything available, identity anyway: §12.5.3 lets a server
     * ignore the header rather than answer 406, and an unreadable 406 helps nobody.
     */
    public static ContentCoding negotiate(String acceptEncoding, boolean gzip, boolean br) {
        if (acceptEncoding == null || (!gzip && !br)) {
            return IDENTITY;
        }
        ConcurrentHashMap<String, ContentCoding> memo = MEMO[(gzip ? 1 : 0) + (br ? 2 : 0)];
        ContentCoding known = memo.get(acceptEncoding);
        if (known == null) {
            known = parse(acceptEncoding, gzip, br);
            if (memo.size() < MEMO_LIMIT && acceptEncoding.length() <= 200) {
                memo.put(acceptEncoding, known);
            }
        }
        return known;
    }

    private static ContentCoding parse(String acceptEncoding, boolean gzip, boolean br) {
        double qBr = -1;
        double qGzip = -1;
        double qIdentity = -1;
        double qAny = -1;
        for (String element : acceptEncoding.split(",")) {
            String[] parts = element.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                    q = qValue(p.substring(2).strip());
                }
            }
            switch (name) {
                case "br" -> qBr = Math.max(qBr, q);
                case "gzip", "x-gzip" -> qGzip = Math.max(qGzip, q);
                case "identity" -> qIdentity = Math.max(qIdentity, q);
                case "*" -> qAny = Math.max(qAny, q);
                default -> {
                    // a coding Testigo does not produce (deflate, zstd, compress): irrelevant
                }
            }
        }
        qBr = qBr < 0 ? Math.max(qAny, 0) : qBr;
        qGzip = qGzip < 0 ? Math.max(qAny, 0) : qGzip;
        // identity is acceptable by default, unless refused by name or by "*;q=0" — but when not named it is
        // the last resort: "br;q=0.5, gzip;q=0.8" means "compress, preferably gzip", as nginx and Apache read it
        qIdentity = qIdentity >= 0 ? qIdentity : (qAny == 0 ? 0 : 0.0001);
        ContentCoding best = IDENTITY;
        double bestQ = 0;
        if (br && qBr > bestQ) {
            best = BR;
            bestQ = qBr;
        }
        if (gzip && qGzip > bestQ) {
            best = GZIP;
            bestQ = qGzip;
        }
        if (qIdentity > bestQ) {
            best = IDENTITY;
        }
        return best;
    }

    /** A q-value (0 to 1, at most three decimals); a malformed one counts as 0, so it refuses rather than prefers. */
    private static double qValue(String text) {
        if (text.length() > 5 || text.isEmpty()) {
            return 0;
        }
        try {
            double q = Double.parseDouble(text);
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
