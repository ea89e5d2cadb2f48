package org.testigo.scan;

/** An image Testigo will not decode, with the reason in words a witness can act on. */
public final class ImageRefusal extends Exception {

    /** Why an image was refused; the names are stable (API and CSV reports use them). */
    public enum Reason {
        /** The file has no bytes. */
        EMPTY,
        /** The file has more bytes than {@link ImageLimits#maxBytes()}. */
        TOO_LARGE,
        /** The bytes are no image at all (a PDF, a ZIP, text, HTML…); the message says what they seem to be. */
        NOT_AN_IMAGE,
        /** An image of a kind Testigo does not decode (HEIC, GIF, BMP, SVG…), or no decoder is installed. */
        UNSUPPORTED_FORMAT,
        /** The header announces more pixels, or a longer side, than the limits allow (decompression bombs). */
        TOO_MANY_PIXELS,
        /** A side is shorter than {@link ImageLimits#minSide()}: no QR code fits. */
        TOO_SMALL,
        /** The file ends before its last pixel. */
        TRUNCATED,
        /** The file is damaged: a bad header, checksum or compressed data. */
        CORRUPT
    }

    private final Reason reason;

    public ImageRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The API's spelling of the reason, e.g. {@code too-many-pixels}. */
    public String code() {
        return reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
