package org.testigo.web.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Files whose name changes whenever their bytes do (the site's content-hashed assets, image derivatives
 * named by their SHA-256): served with {@code Cache-Control: public, max-age=31536000, immutable}, a strong
 * ETag, 304 on If-None-Match, and gzip/Brotli copies of text formats made once (best quality) and kept.
 *
 * <p>Only names of safe characters are looked up at all ({@link #SAFE_NAME}): a dot-segment, a backslash,
 * an encoded slash or a control character is a 404 before the lookup runs, so the lookup never sees a path
 * that could leave the served set.
 */
public final class ImmutableFiles {
    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    private static final Header CACHE_CONTROL_HEADER = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, CACHE_CONTROL);

    /**
     * What a file name under the prefix may be: segments of letters, digits, {@code . _ -}, not starting
     * with a dot (so no {@code ..}, no hidden files), separated by single slashes.
     */
    public static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}){0,7}");

    /** Compressed copies kept for text files; assets are few, so this bound is only a guard. */
    private static final int MAX_KEPT = 4_096;

    /**
     * One file's bytes.
     *
     * @param contentType its media type (with charset for text)
     * @param etag its strong tag, quoted, when the caller knows it (e.g. the SHA-256 the file is named
     *     by), or null to have it computed
     */
    public record FileBody(byte[] bytes, String contentType, String etag) {
        public FileBody(byte[] bytes, String contentType) {
            this(bytes, contentType, null);
        }
    }

    private record Kept(EncodedBody body, Header contentType) {
    }

    private final Function<String, Optional<FileBody>> lookup;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private ImmutableFiles(Function<String, Optional<FileBody>> lookup) {
        this.lookup = lookup;
    }

    /**
     * Serves {@code GET prefix/NAME} from {@code lookup(NAME)} (NAME without the prefix or a leading slash);
     * an empty answer is a JSON 404. {@code prefix} is a path such as {@code "/assets"}. The lookup must
     * return the same bytes for a name every time (it is immutable): compressed copies are kept by name.
     */
    public static void routes(HttpRules rules, String prefix, Function<String, Optional<FileBody>> lookup) {
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("a prefix starts with / and does not end with one: " + prefix);
        }
        ImmutableFiles files = new ImmutableFiles(lookup);
        rules.get(prefix + "/*", (req, res) -> files.serve(req, res, prefix));
    }

    private void serve(ServerRequest req, ServerResponse res, String prefix) {
        String path = req.path().path();
        String raw = req.path().rawPath();
        String name = path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : "";
        // The raw path too: %2F or %5C decoded into the name would be a different file than the URL shows.
        if (!SAFE_NAME.matcher(name).matches() || !raw.equals(path)) {
            throw notFound(name);
        }
        Kept k = kept.get(name);
        if (k == null) {
            FileBody file = lookup.apply(name).orElseThrow(() -> notFound(name));
            k = new Kept(EncodedBody.of(file.bytes(), file.contentType(), file.etag(), Compression.Effort.BEST),
                    HeaderValues.create(HeaderNames.CONTENT_TYPE, file.contentType()));
            if (k.body.varies()) { // images are not kept: the lookup (the image store) already holds them
                if (kept.size() >= MAX_KEPT) {
                    kept.clear();
                }
                kept.put(name, k);
            }
        }
        k.body.send(req, res, k.contentType, CACHE_CONTROL_HEADER);
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("NO_SUCH_FILE", "path", "no such file: " + JsonBodies.firstLine(name));
    }
}
