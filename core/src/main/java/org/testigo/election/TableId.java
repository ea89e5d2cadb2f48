package org.testigo.election;

import java.util.regex.Pattern;

/**
 * Identity of one polling table (mesa, seção) inside an election. The text is the format's own
 * canonical spelling, e.g. {@code 010113042.01} for Venezuela (9-digit centre code, 2-digit table).
 */
public record TableId(String value) implements Comparable<TableId> {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public TableId {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "table id must be 1-64 characters of letters, digits and . _ : - (got " + quote(value) + ")");
        }
    }

    public static boolean isValid(String value) {
        return value != null && ALLOWED.matcher(value).matches();
    }

    @Override
    public int compareTo(TableId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String quote(String s) {
        return s == null ? "null" : '"' + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + '"';
    }
}
