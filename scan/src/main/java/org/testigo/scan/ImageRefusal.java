package org.testigo.scan;

/** An image Testigo will not decode, with the reason in words a witness can act on. */
public final class ImageRefusal extends Exception {

    /** Why an image was refused; the names are stable (API and CSV reports use them). */
    public enum Reason {
        EMPTY,
        TOO_LARGE,
        NOT_AN_IMAGE,
        UNSUPPORTED_FORMAT,
        TOO_MANY_PIXELS,
        TRUNCATED,
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
