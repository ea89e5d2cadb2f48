package org.testigo.scan;

/**
 * One QR code read from an image.
 *
 * @param text the decoded text
 * @param strategy the name of the strategy that read it, e.g. {@code boofcv}, {@code zxing}, {@code boofcv/half}
 */
public record FoundCode(String text, String strategy) {
}
