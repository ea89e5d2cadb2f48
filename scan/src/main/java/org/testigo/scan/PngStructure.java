package org.testigo.scan;

import static org.testigo.scan.ImageRefusal.Reason.CORRUPT;
import static org.testigo.scan.ImageRefusal.Reason.TRUNCATED;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Walks a PNG's chunks (PNG specification, 3rd edition, section 5): IHDR gives the size, eXIf the
 * orientation; every chunk must fit in the file and pass its CRC, and IEND must come. Ancillary chunks
 * are never inflated here (nor by the decoder, which is asked to skip metadata), so a compressed text
 * or colour-profile chunk cannot expand into memory.
 */
final class PngStructure {
    private PngStructure() {
    }

    static ImageStructure read(byte[] b) throws ImageRefusal {
        int at = 8; // after the signature, which sniffing checked
        int width = -1;
        int height = -1;
        int orientation = 1;
        boolean data = false;
        CRC32 crc = new CRC32();
        while (true) {
            if (at + 8 > b.length) {
                throw new ImageRefusal(TRUNCATED, "the PNG file ends at byte " + b.length + " before its IEND chunk (the file is truncated)");
            }
            long length = u32(b, at);
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > Integer.MAX_VALUE) {
                throw new ImageRefusal(CORRUPT, "the PNG " + printable(type) + " chunk at byte " + at + " declares an impossible length " + length);
            }
            if (at == 8 && !type.equals("IHDR")) {
                throw new ImageRefusal(CORRUPT, "the PNG file does not start with its IHDR chunk (found " + printable(type) + ")");
            }
            if (at + 12 + length > b.length) {
                throw new ImageRefusal(TRUNCATED, "the PNG file ends inside its " + printable(type) + " chunk at byte " + at + " (" + length
                        + " bytes declared, " + Math.max(0, b.length - at - 12) + " present; the file is truncated)");
            }
            int dataAt = at + 8;
            crc.reset();
            crc.update(b, at + 4, 4 + (int) length);
            if (crc.getValue() != u32(b, dataAt + (int) length)) {
                throw new ImageRefusal(CORRUPT, "the PNG " + printable(type) + " chunk at byte " + at + " fails its CRC check (the file is damaged)");
            }
            switch (type) {
                case "IHDR" -> {
                    if (length != 13) {
                        throw new ImageRefusal(CORRUPT, "the PNG IHDR chunk has " + length + " bytes; it must have 13");
                    }
                    long w = u32(b, dataAt);
                    long h = u32(b, dataAt + 4);
                    if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
                        throw new ImageRefusal(CORRUPT, "the PNG IHDR chunk gives an impossible size " + w + " × " + h);
                    }
                    width = (int) w;
                    height = (int) h;
                }
                case "IDAT" -> data = true;
                case "eXIf" -> orientation = TiffDirectory.orientationOf(b, dataAt, dataAt + (int) length);
                case "IEND" -> {
                    if (!data) {
                        throw new ImageRefusal(CORRUPT, "the PNG file has no image data (no IDAT chunk)");
                    }
                    return new ImageStructure("image/png", width, height, orientation);
                }
                default -> {
                }
            }
            at = dataAt + (int) length + 4;
        }
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "(unnamed)";
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xffL) << 16 | (b[at + 2] & 0xffL) << 8 | (b[at + 3] & 0xffL);
    }
}
