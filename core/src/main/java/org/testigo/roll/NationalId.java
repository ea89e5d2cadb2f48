package org.testigo.roll;

import java.util.Optional;

/**
 * A voter's national identity number as the roll spells it: 1 to {@value #MAX_LENGTH} characters from
 * {@code A–Z} and {@code 0–9} (docs/election-package.md §7). One person has one spelling: no spaces,
 * dots or dashes, capital letters only.
 *
 * <p>What a person types is not that spelling: {@link #parse} trims it, drops the separators people
 * write ({@code 12.345.678}, {@code V-12345678}, {@code 12 345 678}) and capitalises letters.
 *
 * <p>The value is personal data. {@link #toString()} never shows it, so that an id that slips into a
 * log line or an exception message shows as {@code NationalId[…]}; {@link #value()} is for the roll only.
 */
public final class NationalId {
    /** Longest id the roll holds. */
    public static final int MAX_LENGTH = 20;
    /** Longest text {@link #parse} looks at: a form field longer than this is not someone's id. */
    public static final int MAX_TYPED = 64;
    /** Longest id held as a number (18 digits never overflow a long). */
    static final int MAX_NUMERIC_DIGITS = 18;

    private final String value;

    private NationalId(String value) {
        this.value = value;
    }

    /**
     * The id a person typed, normalised: surrounding whitespace trimmed, spaces, {@code .} and
     * {@code -} inside dropped, {@code a–z} capitalised. Empty when what is left is not an id (empty,
     * too long, or holding any other character).
     */
    public static Optional<NationalId> parse(String typed) {
        if (typed == null || typed.length() > MAX_TYPED) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder(typed.length());
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == ' ' || c == '.' || c == '-' || c == '\t' || c == '\u00A0') {
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 'a' + 'A');
            }
            s.append(c);
        }
        String v = s.toString();
        return isCanonical(v) ? Optional.of(new NationalId(v)) : Optional.empty();
    }

    /** An id already in the roll's spelling; empty when {@code canonical} is not. */
    public static Optional<NationalId> canonical(String canonical) {
        return isCanonical(canonical) ? Optional.of(new NationalId(canonical)) : Optional.empty();
    }

    /** True when {@code s} is 1 to {@value #MAX_LENGTH} characters of {@code A–Z 0–9}. */
    public static boolean isCanonical(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!allowed(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean allowed(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    /** The roll's spelling of the id. Personal data: never log it. */
    public String value() {
        return value;
    }

    /**
     * The id as a number when it is one: digits only, no leading zero, at most 18 digits; otherwise -1.
     * {@code 0123} is not the number 123 (it is another spelling, so another id).
     */
    long number() {
        return number(value);
    }

    static long number(CharSequence s) {
        int n = s.length();
        if (n == 0 || n > MAX_NUMERIC_DIGITS || s.charAt(0) == '0') {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NationalId other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Never the value: an id must not reach a log by accident. */
    @Override
    public String toString() {
        return "NationalId[…]";
    }
}
