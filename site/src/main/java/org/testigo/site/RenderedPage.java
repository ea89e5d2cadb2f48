package org.testigo.site;

/**
 * One file of the site as bytes: a page, a JSON document, an asset or an image.
 *
 * @param path where it lives, relative to the site's root, e.g. {@code en/table/010113042.01.html}
 * @param contentType the media type to serve it with, e.g. {@code text/html; charset=utf-8}
 * @param immutable whether the bytes can never change under this path (content-named assets and images)
 */
public record RenderedPage(String path, String contentType, byte[] bytes, boolean immutable) {
    public static final String HTML = "text/html; charset=utf-8";
    public static final String JSON = "application/json";
    public static final String CSS = "text/css; charset=utf-8";
    public static final String JS = "text/javascript; charset=utf-8";
    public static final String JPEG = "image/jpeg";
    public static final String TEXT = "text/plain; charset=utf-8";

    public RenderedPage {
        if (path == null || contentType == null || bytes == null) {
            throw new IllegalArgumentException("a rendered page needs a path, a content type and bytes");
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without a copy, for writing out; callers must not change them. */
    public byte[] bytesUnsafe() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }
}
