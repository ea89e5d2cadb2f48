package org.testigo.roll;

import java.util.Arrays;

/**
 * Unsigned integers of a fixed width packed end to end in a {@code long[]}, low bits first: the index
 * stores each delta and each table number in as many bits as it needs, not in 32 or 64.
 */
final class Bits {
    private Bits() {
    }

    /** The {@code width}-bit value (0 to 63 bits) at bit {@code position}. */
    static long get(long[] words, long position, int width) {
        if (width == 0) {
            return 0;
        }
        int word = (int) (position >>> 6);
        int offset = (int) (position & 63);
        long value = words[word] >>> offset;
        if (offset + width > 64) {
            value |= words[word + 1] << (64 - offset);
        }
        return value & ((1L << width) - 1);
    }

    /** Writes {@code value} (fitting {@code width} bits, 0 to 63) at bit {@code position} of zeroed words. */
    static void put(long[] words, long position, int width, long value) {
        if (width == 0) {
            return;
        }
        if (width < 64 && (value >>> width) != 0) {
            throw new IllegalArgumentException(value + " does not fit in " + width + " bits (a bug in the index builder)");
        }
        int word = (int) (position >>> 6);
        int offset = (int) (position & 63);
        words[word] |= value << offset;
        if (offset + width > 64) {
            words[word + 1] |= value >>> (64 - offset);
        }
    }

    /** Bits needed to write {@code value} ≥ 0 (0 for 0). */
    static int width(long value) {
        return 64 - Long.numberOfLeadingZeros(value);
    }

    /** Words needed for {@code bits} bits, plus one so that a read of the last value never runs past the end. */
    static int words(long bits) {
        long words = (bits + 63) / 64 + 1;
        if (words > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a roll this large does not fit in memory (" + bits + " bits)");
        }
        return (int) words;
    }

    /** An append-only bit string that grows as needed. */
    static final class Sink {
        private long[] words = new long[1024];
        private long length;

        void append(long value, int width) {
            if (Bits.words(length + width) > words.length) {
                words = Arrays.copyOf(words, Math.max(Bits.words(length + width), words.length + (words.length >> 1)));
            }
            put(words, length, width, value);
            length += width;
        }

        long length() {
            return length;
        }

        long[] toArray() {
            return Arrays.copyOf(words, Bits.words(length));
        }
    }
}
