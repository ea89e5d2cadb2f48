package org.testigo.web.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.testigo.web.front.Answer;
import org.testigo.web.front.FrontRequest;

/**
 * Serves read-only documents (JSON, HTML pages) with a strong ETag (a hash of the bytes, so a mirror serving the
 * same bytes has the same tag) and honours If-None-Match. Rendered documents are kept until the
 * state they were rendered from changes, so repeated reads cost a map lookup. Each is served gzipped or in
 * Brotli when the client accepts it ({@link EncodedBody}: compressed once per render, on first demand, with
 * a tag per coding and {@code Vary: Accept-Encoding}), at {@link Compression.Effort#FAST}: documents are
 * re-rendered whenever the state moves (every few hundred milliseconds while results arrive).
 */
public final class CachedDocuments {
    /** For answers that must never be reused (receipts, tokens, health). */
    public static final io.helidon.http.Header NO_STORE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-store");

    /** A table's document is a few kilobytes: this bounds the cache to tens of megabytes. */
    private static final int MAX_DOCUMENTS = 20_000;

    /** A document as rendered at {@code version}; {@code renewing} while one request renders its successor. */
    private record Rendered(long version, EncodedBody body, AtomicBoolean renewing) {
    }

    private final ConcurrentHashMap<String, Rendered> cache = new ConcurrentHashMap<>();
    private final LongSupplier version;
    private final io.helidon.http.Header cacheControl;

    /**
     * @param version current version of the state documents are rendered from
     * @param maxAgeSeconds how long clients and proxies may reuse a document without asking
     */
    public CachedDocuments(LongSupplier version, int maxAgeSeconds) {
        this.version = version;
        this.cacheControl = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds);
    }

    /** For documents that are not public (the command centre's): {@code cacheControl} as given, e.g. "private, no-cache". */
    public CachedDocuments(LongSupplier version, String cacheControl) {
        this.version = version;
        this.cacheControl = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, cacheControl);
    }

    /** Serves a JSON document. */
    public void serve(ServerRequest req, ServerResponse res, String key, Supplier<byte[]> render) {
        serve(req, res, key, HeaderValues.CONTENT_TYPE_JSON, render);
    }

    /**
     * Serves the document under {@code key}, rendering it again only when the state's version moved.
     * Keys must be distinct across content types (e.g. prefix them with the page kind).
     */
    public void serve(ServerRequest req, ServerResponse res, String key, io.helidon.http.Header contentType,
            Supplier<byte[]> render) {
        serveIfExists(req, res, key, contentType, () -> Optional.of(render.get()));
    }

    /**
     * Serves the document under {@code key} when one exists: kept from an earlier render at the current
     * version, or rendered now; {@code render} answers empty when there is no such document, and then
     * nothing is sent and this returns false. One version read and one map lookup for a kept document:
     * the path of nearly every request of a flood.
     *
     * <p>When the state has moved, one request renders the new version while the others answer with the
     * last one meanwhile (for the few milliseconds of a render): results arrive every few hundred
     * milliseconds on election night, and a thousand readers of the home page must not all render it at
     * each of them — writes must not slow reads down.
     */
    public boolean serveIfExists(ServerRequest req, ServerResponse res, String key, io.helidon.http.Header contentType,
            Supplier<Optional<byte[]>> render) {
        Optional<EncodedBody> body = obtain(key, contentType, render);
        body.ifPresent(b -> b.send(req, res, contentType, cacheControl));
        return body.isPresent();
    }

    /**
     * The front door's answer for the document under {@code key}: at once when a rendering is kept at the current
     * version (or is the last one while another request renders its successor); otherwise, off the event loop,
     * the same render {@link #serveIfExists} would do — or {@link Answer#PASS} when there is no such document,
     * for the server behind to answer 404.
     */
    public Answer answer(FrontRequest request, String key, io.helidon.http.Header contentType,
            Supplier<Optional<byte[]>> render) {
        Rendered r = cache.get(key);
        if (r != null && (r.version == version.getAsLong() || r.renewing.get())) {
            return r.body.prepared(request.acceptEncoding(), request.ifNoneMatch(), contentType, cacheControl);
        }
        return new Answer.Later(() -> obtain(key, contentType, render)
                .<Answer>map(b -> b.prepared(request.acceptEncoding(), request.ifNoneMatch(), contentType, cacheControl))
                .orElse(Answer.PASS));
    }

    /** The document under {@code key}: kept, or rendered now when the state moved and no other request renders it. */
    private Optional<EncodedBody> obtain(String key, io.helidon.http.Header contentType, Supplier<Optional<byte[]>> render) {
        long v = version.getAsLong(); // read before rendering, so a render is never kept under a newer version than its state
        Rendered r = cache.get(key);
        if ((r == null || r.version != v) && (r == null || r.renewing.compareAndSet(false, true))) {
            Rendered last = r;
            try {
                Optional<byte[]> body = render.get();
                if (body.isEmpty()) {
                    return Optional.empty();
                }
                r = keep(key, v, body.get(), contentType);
            } finally {
                if (last != null) {
                    last.renewing.set(false); // a render that failed lets the next request try again
                }
            }
        }
        return Optional.of(r.body);
    }

    private Rendered keep(String key, long v, byte[] body, io.helidon.http.Header contentType) {
        Rendered r = new Rendered(v, EncodedBody.of(body, contentType.get(), null, Compression.Effort.FAST), new AtomicBoolean());
        if (cache.size() > MAX_DOCUMENTS) {
            cache.clear(); // a crude bound: a crawler walking a million tables must not exhaust memory
        }
        cache.put(key, r);
        return r;
    }

    /** Whether an If-None-Match header names {@code etag} (or is *). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** A strong ETag for {@code body}: a hash of the bytes, so mirrors serving the same bytes agree. */
    public static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
