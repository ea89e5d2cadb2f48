package org.testigo.scan;

import java.util.HashMap;
import java.util.Map;

/**
 * The first image file directory (IFD0) of a TIFF structure: a TIFF file itself, or the EXIF block a
 * JPEG, PNG or WebP carries. Every offset and count is checked against the bytes before it is used, so
 * a hostile directory costs at most a pass over the file (TIFF 6.0, section 2: header and IFD layout).
 */
final class TiffDirectory {
    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int STRIP_OFFSETS = 273;
    static final int ORIENTATION = 274;
    static final int STRIP_BYTE_COUNTS = 279;
    static final int TILE_OFFSETS = 324;
    static final int TILE_BYTE_COUNTS = 325;

    /** No real directory has this many entries; a larger count is garbage, not a bigger image. */
    private static final int MAX_ENTRIES = 4_096;

    /** Bytes per value of TIFF field types 1-12 (index = type); 0 = unknown type. */
    private static final int[] TYPE_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};

    /** The directory could not be read; {@code truncated} when it points past the end of the bytes. */
    static final class Malformed extends Exception {
        final boolean truncated;

        Malformed(String message, boolean truncated) {
            super(message, null, false, false);
            this.truncated = truncated;
        }
    }

    private record Entry(int type, long count, int valueAt) {
    }

    private final byte[] b;
    private final int base;
    private final int end;
    private final boolean little;
    private final Map<Integer, Entry> entries;

    private TiffDirectory(byte[] b, int base, int end, boolean little, Map<Integer, Entry> entries) {
        this.b = b;
        this.base = base;
        this.end = end;
        this.little = little;
        this.entries = entries;
    }

    /** Reads the header at {@code base} and IFD0; offsets inside are relative to {@code base}. */
    static TiffDirectory read(byte[] b, int base, int end) throws Malformed {
        if (end - base < 8) {
            throw new Malformed("the TIFF header is cut short (" + (end - base) + " bytes)", true);
        }
        boolean little;
        if (b[base] == 'I' && b[base + 1] == 'I') {
            little = true;
        } else if (b[base] == 'M' && b[base + 1] == 'M') {
            little = false;
        } else {
            throw new Malformed("the TIFF header does not start with II or MM", false);
        }
        TiffDirectory header = new TiffDirectory(b, base, end, little, Map.of());
        if (header.u16(base + 2) != 42) {
            throw new Malformed("the TIFF header lacks its magic number 42", false);
        }
        long ifd = header.u32(base + 4);
        if (ifd < 8 || base + ifd + 2 > end) {
            throw new Malformed("the first TIFF directory (at offset " + ifd + ") lies outside the file", ifd >= 8);
        }
        int at = (int) (base + ifd);
        int count = header.u16(at);
        if (count == 0 || count > MAX_ENTRIES) {
            throw new Malformed("the first TIFF directory claims " + count + " entries", false);
        }
        if ((long) at + 2 + 12L * count > end) {
            throw new Malformed("the file ends inside the first TIFF directory (" + count + " entries at offset " + ifd + ")", true);
        }
        Map<Integer, Entry> entries = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int e = at + 2 + 12 * i;
            int tag = header.u16(e);
            int type = header.u16(e + 2);
            long n = header.u32(e + 4);
            if (type <= 0 || type >= TYPE_SIZE.length) {
                continue; // unknown types are skipped, as TIFF 6.0 asks readers to
            }
            long size = n * TYPE_SIZE[type];
            long valueAt = size <= 4 ? e + 8 : base + header.u32(e + 8);
            if (valueAt + size > end) {
                throw new Malformed("TIFF tag " + tag + " points past the end of the file", true);
            }
            entries.putIfAbsent(tag, new Entry(type, n, (int) valueAt));
        }
        return new TiffDirectory(b, base, end, little, entries);
    }

    boolean has(int tag) {
        return entries.containsKey(tag);
    }

    /** The values of an integer tag (BYTE, SHORT or LONG), or null when absent or of another type. */
    long[] values(int tag) {
        Entry e = entries.get(tag);
        if (e == null || !(e.type == 1 || e.type == 3 || e.type == 4)) {
            return null;
        }
        long[] out = new long[(int) e.count]; // bounded: read() checked count × size fits in the file
        int size = TYPE_SIZE[e.type];
        for (int i = 0; i < out.length; i++) {
            int at = e.valueAt + i * size;
            out[i] = switch (e.type) {
                case 1 -> b[at] & 0xff;
                case 3 -> u16(at);
                default -> u32(at);
            };
        }
        return out;
    }

    /** The first value of an integer tag, or {@code fallback}. */
    long value(int tag, long fallback) {
        long[] v = values(tag);
        return v == null || v.length == 0 ? fallback : v[0];
    }

    /** The EXIF orientation in IFD0 (1-8), or 1 when absent or out of range. */
    int orientation() {
        long o = value(ORIENTATION, 1);
        return o >= 1 && o <= 8 ? (int) o : 1;
    }

    /** The orientation of an EXIF block, or 1 when it has none or cannot be read. */
    static int orientationOf(byte[] b, int base, int end) {
        try {
            return read(b, base, end).orientation();
        } catch (Malformed e) {
            return 1; // unreadable metadata is no reason to refuse the pixels: show them as stored
        }
    }

    private int u16(int at) {
        int x = b[at] & 0xff;
        int y = b[at + 1] & 0xff;
        return little ? x | y << 8 : x << 8 | y;
    }

    private long u32(int at) {
        long x = u16(at);
        long y = u16(at + 2);
        return little ? x | y << 16 : x << 16 | y;
    }
}
