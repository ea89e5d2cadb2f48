package org.testigo.scan;

/**
 * One QR code read from an image.
 *
 * @param text the decoded text
 * @param strategy the strategy that read it: a decoder on a view, e.g. {@code boofcv@work},
 *        {@code zxing@threshold}, {@code boofcv@full} (see {@link QrCascade})
 * @param nanos time from the start of the work on the image to this code, nanoseconds
 */
public record FoundCode(String text, String strategy, long nanos) {

    public FoundCode(String text, String strategy) {
        this(text, strategy, 0);
    }

    public long millis() {
        return nanos / 1_000_000;
    }
}
