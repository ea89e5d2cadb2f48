package org.testigo.web.http;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * gzip and Brotli for bodies served many times: the live server keeps both next to each rendered document
 * and asset, and the static-mirror exporter writes them as {@code .gz}/{@code .br} files beside each file,
 * so both compress the same way.
 *
 * <p>Brotli is native code (brotli4j, x86-64 Linux here). Where it fails to load, {@link #brotliAvailable()}
 * is false, a warning is logged once, and everything is served gzip-only: slower to download, never broken.
 */
public final class Compression {
    private static final System.Logger LOG = System.getLogger(Compression.class.getName());

    /**
     * Below this a body and its headers fit in one TCP segment (MSS ~1,460 bytes) compressed or not, so
     * compressing saves no round trip and costs CPU and a Vary entry in caches (Cloudflare and Akamai stop
     * around 1 KB too).
     */
    public static final int MIN_BYTES = 1024;

    /**
     * How hard to compress: {@link #BEST} for files compressed once and served for ever (assets, the static
     * mirror's .gz/.br), {@link #FAST} for documents re-rendered whenever the state moves. Brotli 11 is
     * 12–15% smaller than 5 but 60–150 times slower (121 ms against 2 ms for a 67 KB CSV here); gzip 9 gains
     * about 1% over 6 for twice the time (docs/BENCHMARKS.md, "Serving").
     */
    public record Effort(int gzipLevel, int brotliQuality) {
        public static final Effort BEST = new Effort(9, 11);
        public static final Effort FAST = new Effort(6, 5);
    }

    private static final boolean BROTLI = loadBrotli();

    private Compression() {
    }

    private static boolean loadBrotli() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable t) { // UnsatisfiedLinkError and friends: a missing native library is not fatal
            LOG.log(Level.WARNING, "Brotli's native library did not load (" + t
                    + "); serving gzip only. Install on x86-64 Linux or add brotli4j's native jar for this platform.");
            return false;
        }
    }

    /** Whether Brotli works in this process. */
    public static boolean brotliAvailable() {
        return BROTLI;
    }

    /** {@code bytes} gzipped at the best level (RFC 1952). */
    public static byte[] gzip(byte[] bytes) {
        return gzip(bytes, Effort.BEST.gzipLevel());
    }

    /** {@code bytes} gzipped at {@code level} (1–9). */
    public static byte[] gzip(byte[] bytes, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new LeveledGzip(out, level)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** {@code bytes} in Brotli (RFC 7932) at its best quality, or empty when Brotli is unavailable. */
    public static Optional<byte[]> brotli(byte[] bytes) {
        return brotli(bytes, Effort.BEST.brotliQuality());
    }

    /** {@code bytes} in Brotli at {@code quality} (0–11), or empty when Brotli is unavailable. */
    public static Optional<byte[]> brotli(byte[] bytes, int quality) {
        if (!BROTLI) {
            return Optional.empty();
        }
        try {
            return Optional.of(Encoder.compress(bytes, new Encoder.Parameters().setQuality(quality)));
        } catch (IOException e) {
            throw new UncheckedIOException("Brotli failed to compress " + bytes.length + " bytes in memory", e);
        }
    }

    /**
     * Whether a body of this type and size is worth compressing: text formats (HTML, CSS, JS, JSON, SVG,
     * CSV, XML) of at least {@link #MIN_BYTES}. JPEG, PNG, WebP and archives are already compressed.
     */
    public static boolean worthCompressing(String contentType, int length) {
        return length >= MIN_BYTES && compressible(contentType);
    }

    /** Whether a content type is a text format that compresses. */
    public static boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        int semicolon = t.indexOf(';');
        if (semicolon >= 0) {
            t = t.substring(0, semicolon);
        }
        t = t.strip();
        return t.startsWith("text/") || t.equals("application/json") || t.endsWith("+json")
                || t.equals("application/javascript") || t.equals("application/xml") || t.endsWith("+xml")
                || t.equals("application/wasm");
    }

    /** GZIPOutputStream at a chosen level (the JDK's constructor offers only the default, 6). */
    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(ByteArrayOutputStream out, int level) throws IOException {
            super(out, 8192);
            def.setLevel(level);
        }
    }
}
