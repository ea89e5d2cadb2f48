package org.testigo.scan;

import static org.testigo.scan.ImageRefusal.Reason.CORRUPT;
import static org.testigo.scan.ImageRefusal.Reason.TRUNCATED;

import java.nio.charset.StandardCharsets;

/**
 * Walks a WebP's RIFF chunks (RFC 9649): the VP8X canvas, or the VP8/VP8L frame header, gives the size;
 * an EXIF chunk the orientation. Every chunk must fit in the file the RIFF header announces.
 */
final class WebpStructure {
    private WebpStructure() {
    }

    static ImageStructure read(byte[] b) throws ImageRefusal {
        long riff = u32le(b, 4);
        if (riff + 8 > b.length) {
            throw new ImageRefusal(TRUNCATED, "the WebP file announces " + (riff + 8) + " bytes but has " + b.length + " (the file is truncated)");
        }
        int end = (int) (riff + 8);
        int at = 12;
        int width = -1;
        int height = -1;
        int orientation = 1;
        boolean frame = false;
        while (at + 8 <= end) {
            String type = new String(b, at, 4, StandardCharsets.ISO_8859_1);
            long size = u32le(b, at + 4);
            int data = at + 8;
            if (data + size > end) {
                throw new ImageRefusal(TRUNCATED, "the WebP file ends inside its " + type.strip() + " chunk at byte " + at + " (the file is truncated)");
            }
            switch (type) {
                case "VP8X" -> {
                    if (size < 10) {
                        throw new ImageRefusal(CORRUPT, "the WebP VP8X chunk is too short (" + size + " bytes)");
                    }
                    width = u24le(b, data + 4) + 1;
                    height = u24le(b, data + 7) + 1;
                }
                case "VP8 " -> {
                    if (size < 10 || (b[data + 3] & 0xff) != 0x9d || (b[data + 4] & 0xff) != 0x01 || (b[data + 5] & 0xff) != 0x2a) {
                        throw new ImageRefusal(CORRUPT, "the WebP VP8 frame header is damaged (no start code 9D 01 2A)");
                    }
                    frame = true;
                    if (width < 0) {
                        width = u16le(b, data + 6) & 0x3fff;
                        height = u16le(b, data + 8) & 0x3fff;
                    }
                }
                case "VP8L" -> {
                    if (size < 5 || (b[data] & 0xff) != 0x2f) {
                        throw new ImageRefusal(CORRUPT, "the WebP VP8L header is damaged (no signature 0x2F)");
                    }
                    frame = true;
                    if (width < 0) {
                        long bits = u32le(b, data + 1);
                        width = (int) (bits & 0x3fff) + 1;
                        height = (int) ((bits >> 14) & 0x3fff) + 1;
                    }
                }
                case "ANMF" -> frame = true;
                case "EXIF" -> {
                    // Some writers keep JPEG's "Exif\0\0" prefix inside the chunk.
                    int tiff = size >= 6 && b[data] == 'E' && b[data + 1] == 'x' && b[data + 2] == 'i' && b[data + 3] == 'f' ? data + 6 : data;
                    orientation = TiffDirectory.orientationOf(b, tiff, (int) (data + size));
                }
                default -> {
                }
            }
            at = (int) (data + size + (size & 1));
        }
        if (!frame || width <= 0 || height <= 0) {
            throw new ImageRefusal(CORRUPT, "the WebP file holds no image frame (no VP8 or VP8L chunk)");
        }
        return new ImageStructure("image/webp", width, height, orientation);
    }

    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int u24le(byte[] b, int at) {
        return u16le(b, at) | (b[at + 2] & 0xff) << 16;
    }

    private static long u32le(byte[] b, int at) {
        return u24le(b, at) | (b[at + 3] & 0xffL) << 24;
    }
}
