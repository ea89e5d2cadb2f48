package org.testigo.tally.brbu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A SHA-512 value: the {@code HASH} of a BU QR code, printed as 128 uppercase hex digits. The BU's
 * signature is made over the 64 raw bytes of the last one (BR-BU-QR.md §4), never over the hex text.
 */
public final class Sha512Hash {
    /** Length of the printed form. */
    public static final int HEX_LENGTH = 128;

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();
    private final byte[] bytes;

    private Sha512Hash(byte[] bytes) {
        if (bytes.length != 64) {
            throw new IllegalArgumentException("a SHA-512 value has 64 bytes, not " + bytes.length);
        }
        this.bytes = bytes;
    }

    /** SHA-512 of the ASCII bytes of a QR text (the alphanumeric-mode charset is pure ASCII). */
    public static Sha512Hash ofAscii(String text) {
        return of(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** SHA-512 of some bytes, e.g. of a public-key file. */
    public static Sha512Hash of(byte[] data) {
        try {
            return new Sha512Hash(MessageDigest.getInstance("SHA-512").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-512", e);
        }
    }

    /** Reads 128 hex digits, upper or lower case; empty when the text is anything else. */
    public static Optional<Sha512Hash> parseHex(String hex) {
        if (hex == null || hex.length() != HEX_LENGTH || !isHex(hex)) {
            return Optional.empty();
        }
        return Optional.of(new Sha512Hash(HexFormat.of().parseHex(hex)));
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The printed form: 128 uppercase hex digits. */
    public String hex() {
        return UPPER.formatHex(bytes);
    }

    /** The 64 raw bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sha512Hash other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
