package org.testigo.scan;

/**
 * What an image may cost before Testigo refuses it. Checked from the file's header, before any pixel is
 * decoded, so a decompression bomb costs a header read and nothing more. The memory one image can take
 * while loading is then bounded by {@code maxPixels}: at most 4 bytes a pixel for the decoder's own
 * picture plus 3 for the upright copy (350 MB at the default 50 megapixels, 36 MB for a 12 MP photo
 * decoded straight to 3 bytes a pixel).
 *
 * @param maxBytes the largest file accepted
 * @param maxPixels width × height at most (50 megapixels covers every phone and scanner in use)
 * @param maxSide the longest side accepted, whatever the pixel count (a 1 × 50,000,000 strip is no acta)
 * @param minSide the shortest side accepted: the smallest QR code (version 1) is 21 modules wide, so a
 *        smaller picture cannot hold one, nor anything a person could transcribe
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxSide, int minSide) {

    /** The smallest QR code, version 1, is 21 × 21 modules. */
    public static final int QR_MIN_SIDE = 21;

    public static final ImageLimits DEFAULT = new ImageLimits(40L * 1024 * 1024, 50_000_000L, 20_000, QR_MIN_SIDE);

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxSide <= 0 || minSide <= 0 || minSide > maxSide) {
            throw new IllegalArgumentException("image limits must be positive, with minSide ≤ maxSide");
        }
    }

    /** Limits with the default minimum side. */
    public ImageLimits(long maxBytes, long maxPixels, int maxSide) {
        this(maxBytes, maxPixels, maxSide, Math.min(QR_MIN_SIDE, maxSide));
    }
}
