package org.testigo.scan;

import static org.testigo.scan.ImageRefusal.Reason.CORRUPT;
import static org.testigo.scan.ImageRefusal.Reason.TRUNCATED;

/**
 * Walks a JPEG's marker segments from SOI to the first SOS (ITU-T T.81, annex B): the frame header gives
 * the size, the first APP1 "Exif" segment the orientation. Nothing is decoded and nothing allocated but
 * the result, so an absurd frame size is refused for the price of reading a few hundred bytes.
 */
final class JpegStructure {
    private JpegStructure() {
    }

    static ImageStructure read(byte[] b) throws ImageRefusal {
        int at = 2; // after SOI (FF D8), which sniffing checked
        int width = -1;
        int height = -1;
        int orientation = 1;
        boolean exifSeen = false;
        while (true) {
            if (at >= b.length) {
                throw new ImageRefusal(TRUNCATED, "the JPEG file ends inside its header, at byte " + b.length
                        + ", before any image data (the file is truncated)");
            }
            if ((b[at] & 0xff) != 0xff) {
                throw new ImageRefusal(CORRUPT, String.format("the JPEG header is damaged: expected a marker at byte %d, found 0x%02X",
                        at, b[at] & 0xff));
            }
            while (at < b.length && (b[at] & 0xff) == 0xff) {
                at++; // fill bytes before a marker are allowed (T.81 B.1.1.2)
            }
            if (at >= b.length) {
                continue; // reported as truncated above
            }
            int marker = b[at++] & 0xff;
            if (marker == 0xd9) {
                throw new ImageRefusal(CORRUPT, "the JPEG file ends (EOI marker at byte " + (at - 2) + ") before any image data");
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
                continue; // markers without a length
            }
            if (at + 2 > b.length) {
                throw new ImageRefusal(TRUNCATED, "the JPEG file ends inside its " + name(marker) + " segment at byte " + (at - 2)
                        + " (the file is truncated)");
            }
            int length = (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
            if (length < 2) {
                throw new ImageRefusal(CORRUPT, "the JPEG " + name(marker) + " segment at byte " + (at - 2) + " has an impossible length " + length);
            }
            if (at + length > b.length) {
                throw new ImageRefusal(TRUNCATED, "the JPEG file ends inside its " + name(marker) + " segment at byte " + (at - 2) + " ("
                        + length + " bytes declared, " + (b.length - at) + " present; the file is truncated)");
            }
            if (marker == 0xda) {
                if (width < 0) {
                    throw new ImageRefusal(CORRUPT, "the JPEG image data (SOS at byte " + (at - 2) + ") comes before any frame header (SOF)");
                }
                if (at + length >= b.length) {
                    throw new ImageRefusal(TRUNCATED, "the JPEG file ends right after its scan header, with no image data (the file is truncated)");
                }
                return new ImageStructure("image/jpeg", width, height, orientation);
            }
            if (isFrameHeader(marker)) {
                if (length < 8) {
                    throw new ImageRefusal(CORRUPT, "the JPEG frame header (" + name(marker) + ") is too short: " + length + " bytes");
                }
                if (width < 0) {
                    height = (b[at + 3] & 0xff) << 8 | (b[at + 4] & 0xff);
                    width = (b[at + 5] & 0xff) << 8 | (b[at + 6] & 0xff);
                }
            } else if (marker == 0xe1 && !exifSeen && length >= 8 && b[at + 2] == 'E' && b[at + 3] == 'x' && b[at + 4] == 'i'
                    && b[at + 5] == 'f' && b[at + 6] == 0 && b[at + 7] == 0) {
                exifSeen = true;
                orientation = TiffDirectory.orientationOf(b, at + 8, at + length);
            }
            at += length;
        }
    }

    /** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    static String name(int marker) {
        if (isFrameHeader(marker)) {
            return "SOF" + (marker - 0xc0);
        }
        if (marker >= 0xe0 && marker <= 0xef) {
            return "APP" + (marker - 0xe0);
        }
        return switch (marker) {
            case 0xc4 -> "DHT";
            case 0xcc -> "DAC";
            case 0xda -> "SOS";
            case 0xdb -> "DQT";
            case 0xdd -> "DRI";
            case 0xfe -> "COM";
            default -> String.format("0xFF%02X", marker);
        };
    }
}
