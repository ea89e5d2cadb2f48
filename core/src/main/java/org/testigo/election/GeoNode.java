package org.testigo.election;

import java.util.regex.Pattern;

/**
 * A place in the election's geography: {@code code} is unique in the election, {@code parent} is the
 * code of the node above ("" for the top level, whose parent is the nation), {@code level} counts from
 * 0 at the top level and names itself through {@link Election#levels()}.
 */
public record GeoNode(String code, String parent, int level, String name) {
    public static final String NATION = "";
    // Compiled once: String.matches would compile it for each of a million nodes.
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public GeoNode {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("node code must be 1-64 letters, digits, . _ - (got " + code + ")");
        }
        if (parent == null) {
            throw new IllegalArgumentException("node " + code + " needs a parent (\"\" for the top level)");
        }
        if (level < 0) {
            throw new IllegalArgumentException("node " + code + " has a negative level");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("node " + code + " needs a name");
        }
    }
}
