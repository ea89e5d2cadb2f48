package org.testigo.scan;

/**
 * What an image may cost before Testigo refuses it. Checked from the file's header, before any pixel is
 * decoded, so a decompression bomb costs a header read and nothing more.
 *
 * @param maxBytes the largest file accepted
 * @param maxPixels width × height at most (50 megapixels covers every phone and scanner in use)
 * @param maxSide the longest side accepted, whatever the pixel count (a 1 × 50,000,000 strip is no acta)
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxSide) {

    public static final ImageLimits DEFAULT = new ImageLimits(40L * 1024 * 1024, 50_000_000L, 20_000);

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxSide <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }
}
