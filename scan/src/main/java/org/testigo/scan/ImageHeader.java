package org.testigo.scan;

/**
 * What an image's header says about it, read without decoding a pixel.
 *
 * @param mediaType sniffed from the bytes, e.g. {@code image/jpeg}
 * @param width in pixels, as stored (before EXIF orientation)
 * @param height in pixels, as stored
 */
public record ImageHeader(String mediaType, int width, int height) {

    public long pixels() {
        return (long) width * height;
    }
}
