package org.testigo.web.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testigo.web.front.PreparedResponse;

/**
 * One body served many times, in each content coding a client may ask for: the identity bytes, and for
 * text formats of some size a gzip and a Brotli copy, each made the first time a client asks for it and
 * kept as long as this object (lazily: a document re-rendered before anyone asked for Brotli never pays
 * for it, and a revalidation answered 304 compresses nothing).
 *
 * <p>Each coding has its own strong ETag, derived from the identity body's hash ({@link ContentCoding#etag}):
 * the bytes differ, so a cache or a range request must not confuse them.
 */
public final class EncodedBody {
    private static final Header VARY = HeaderValues.createCached(HeaderNames.VARY, "Accept-Encoding");
    private static final byte[] NOT_SMALLER = new byte[0];

    private final byte[] identity;
    private final String etag;
    private final boolean compressible;
    private final Compression.Effort effort;
    private volatile byte[] gzip;
    private volatile byte[] br;
    /**
     * The ETag header per coding (indexed by ordinal), its bytes encoded once: a cached page is answered
     * tens of thousands of times a second, and every per-answer allocation shows in the collector's work.
     */
    private final Header[] etagHeaders = new Header[ContentCoding.values().length];
    /** The front door's whole answers, indexed like {@link #answer}. */
    private final PreparedResponse[] prepared = new PreparedResponse[2 * ContentCoding.values().length];

    private EncodedBody(byte[] identity, String etag, boolean compressible, Compression.Effort effort) {
        this.identity = identity;
        this.etag = etag;
        this.compressible = compressible;
        this.effort = effort;
    }

    /**
     * @param contentType decides, with the size, whether compressed copies are worth having
     * @param etag the identity body's strong tag (quoted), or null to hash the bytes
     * @param effort how hard to compress: documents re-rendered often use less than immutable files
     */
    public static EncodedBody of(byte[] body, String contentType, String etag, Compression.Effort effort) {
        return new EncodedBody(body, etag == null ? CachedDocuments.etag(body) : etag,
                Compression.worthCompressing(contentType, body.length), effort);
    }

    /** The identity bytes. */
    public byte[] identity() {
        return identity;
    }

    /** The identity body's strong ETag. */
    public String etag() {
        return etag;
    }

    /** Whether a client's choice of coding changes the answer (and so caches must key on Accept-Encoding). */
    public boolean varies() {
        return compressible;
    }

    /** The coding a request gets. */
    public ContentCoding choose(String acceptEncoding) {
        if (!compressible) {
            return ContentCoding.IDENTITY;
        }
        return ContentCoding.negotiate(acceptEncoding, true, Compression.brotliAvailable());
    }

    /**
     * The bytes in {@code coding}, or null when that copy would not be smaller than the identity body
     * (then the identity body is served).
     */
    public byte[] bytes(ContentCoding coding) {
        return switch (coding) {
            case IDENTITY -> identity;
            case GZIP -> orNull(gzip());
            case BR -> orNull(br());
        };
    }

    private static byte[] orNull(byte[] b) {
        return b == NOT_SMALLER ? null : b;
    }

    private byte[] gzip() {
        byte[] g = gzip;
        if (g == null) {
            // Two racing first requests may both compress; the copies are identical, so either wins.
            g = smallerOrMarker(Compression.gzip(identity, effort.gzipLevel()));
            gzip = g;
        }
        return g;
    }

    private byte[] br() {
        byte[] b = br;
        if (b == null) {
            b = Compression.brotli(identity, effort.brotliQuality()).map(this::smallerOrMarker).orElse(NOT_SMALLER);
            br = b;
        }
        return b;
    }

    private byte[] smallerOrMarker(byte[] encoded) {
        return encoded.length < identity.length ? encoded : NOT_SMALLER;
    }

    /**
     * The answer to a GET with these Accept-Encoding and If-None-Match headers (either null when absent), as
     * {@code 2 × coding ordinal + (1 when not modified)}: the negotiated coding (identity when its copy would
     * not be smaller), and whether If-None-Match names that coding's tag (then 304).
     */
    private int answer(String acceptEncoding, String ifNoneMatch) {
        ContentCoding coding = choose(acceptEncoding);
        if (coding != ContentCoding.IDENTITY) {
            if (CachedDocuments.matches(ifNoneMatch, coding.etag(etag))) {
                return 2 * coding.ordinal() + 1;
            }
            if (bytes(coding) != null) {
                return 2 * coding.ordinal();
            }
            coding = ContentCoding.IDENTITY; // compressing did not help: the identity body, its tag
        }
        return 2 * coding.ordinal() + (CachedDocuments.matches(ifNoneMatch, etag) ? 1 : 0);
    }

    /**
     * Answers a GET: the negotiated coding's ETag, {@code cacheControl}, Vary when the coding could vary;
     * 304 when If-None-Match names that coding's tag, else the bytes with {@code contentType}.
     */
    public void send(ServerRequest req, ServerResponse res, Header contentType, Header cacheControl) {
        int a = answer(req.headers().value(HeaderNames.ACCEPT_ENCODING).orElse(null),
                req.headers().value(HeaderNames.IF_NONE_MATCH).orElse(null));
        ContentCoding coding = ContentCoding.values()[a >> 1];
        res.header(etagHeader(coding));
        res.header(cacheControl);
        if (compressible) {
            res.header(VARY);
        }
        if ((a & 1) == 1) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        if (coding != ContentCoding.IDENTITY) {
            res.header(coding.contentEncoding());
        }
        res.header(contentType);
        res.send(bytes(coding));
    }

    /**
     * The same answer as {@link #send}, whole in bytes for the front door, with every security header; made once
     * per coding and status. An EncodedBody is always served with one content type and one Cache-Control (its
     * owner's), so those are not part of the key; {@code contentType} and {@code cacheControl} must not vary.
     */
    public PreparedResponse prepared(String acceptEncoding, String ifNoneMatch, Header contentType, Header cacheControl) {
        int a = answer(acceptEncoding, ifNoneMatch);
        PreparedResponse p = prepared[a];
        if (p == null) {
            ContentCoding coding = ContentCoding.values()[a >> 1];
            boolean notModified = (a & 1) == 1;
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            headers.add(Map.entry(HeaderNames.ETAG.defaultCase(), coding.etag(etag)));
            headers.add(Map.entry(HeaderNames.CACHE_CONTROL.defaultCase(), cacheControl.get()));
            if (compressible) {
                headers.add(Map.entry(VARY.name(), VARY.get()));
            }
            if (!notModified) {
                if (coding != ContentCoding.IDENTITY) {
                    headers.add(Map.entry(HeaderNames.CONTENT_ENCODING.defaultCase(), coding.token()));
                }
                headers.add(Map.entry(contentType.name(), contentType.get()));
            }
            headers.addAll(SecurityHeaders.LINES);
            p = notModified ? PreparedResponse.of(304, "Not Modified", headers, new byte[0])
                    : PreparedResponse.of(200, "OK", headers, bytes(coding));
            prepared[a] = p; // racing first answers may both make it; they are equal, so either wins
        }
        return p;
    }

    private Header etagHeader(ContentCoding coding) {
        Header h = etagHeaders[coding.ordinal()];
        if (h == null) {
            // Racing first answers may both make it; the headers are equal, so either wins.
            h = HeaderValues.createCached(HeaderNames.ETAG, coding.etag(etag));
            etagHeaders[coding.ordinal()] = h;
        }
        return h;
    }
}
