package org.testigo.tally.brbu;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One {@code KEY:VALUE} record of a BU QR text, split at the first {@code :}.
 *
 * @param key four uppercase letters, or all digits for a vote line ({@code candidate:votes})
 * @param value the text after the first {@code :}; may itself contain {@code :}
 * @param part the 1-based QR code ({@code QRBU:i:n}) the record was printed in, for error messages
 */
public record BuField(String key, String value, int part) {
    /** A count as the BU prints it: decimal, no leading zeros, at most 9 digits (fits an int). */
    private static final Pattern COUNT = Pattern.compile("0|[1-9][0-9]{0,8}");

    /** The value as a count, when it is one. */
    public OptionalInt count() {
        return COUNT.matcher(value).matches() ? OptionalInt.of(Integer.parseInt(value)) : OptionalInt.empty();
    }

    /** An all-digit key: a vote for a candidate (or a referendum answer). */
    public boolean isVote() {
        return !key.isEmpty() && key.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public String toString() {
        return key + ":" + value;
    }
}
