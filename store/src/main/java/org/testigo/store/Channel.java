package org.testigo.store;

import java.util.regex.Pattern;

/**
 * How a piece of evidence reached Testigo: {@code qr} (QR text scanned by a witness), {@code import}
 * (a published dataset), and later {@code image}, {@code citizen}… An open set of short lowercase
 * names rather than an enum, so that a new intake path needs no change to the store.
 */
public record Channel(String name) {
    private static final Pattern ALLOWED = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public static final Channel QR = new Channel("qr");
    public static final Channel IMPORT = new Channel("import");
    public static final Channel IMAGE = new Channel("image");
    public static final Channel CITIZEN = new Channel("citizen");
    /** A witness phoning in a sampled table's turnout or result for the quick count: evidence, never an acta. */
    public static final Channel CHECKIN = new Channel("checkin");

    public Channel {
        if (name == null || !ALLOWED.matcher(name).matches()) {
            throw new IllegalArgumentException("channel must be 1-32 lowercase letters, digits and -, starting with a letter (got "
                    + (name == null ? "null" : '"' + name + '"') + ")");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
