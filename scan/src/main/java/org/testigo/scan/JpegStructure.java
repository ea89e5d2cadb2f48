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

    /**
     * True when the decoder's raw first band is luma: one component (grey), or three that libjpeg treats
     * as YCbCr (a JFIF segment, an Adobe segment with transform 1, or no Adobe segment saying RGB and
     * component ids other than 'R','G','B'). Then the grey picture is band 0 of the raw raster, with no
     * colour conversion. Reads only what {@link #read} already checked; false on anything unusual.
     */
    static boolean lumaFirst(byte[] b) {
        int at = 2;
        boolean jfif = false;
        int adobeTransform = -1;
        int components = -1;
        boolean rgbIds = false;
        while (at + 4 <= b.length) {
            if ((b[at] & 0xff) != 0xff) {
                return false;
            }
            while (at < b.length && (b[at] & 0xff) == 0xff) {
                at++;
            }
            if (at >= b.length) {
                return false;
            }
            int marker = b[at++] & 0xff;
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
                continue;
            }
            if (at + 2 > b.length) {
                return false;
            }
            int length = (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
            if (length < 2 || at + length > b.length) {
                return false;
            }
            if (marker == 0xda) {
                break;
            }
            if (marker == 0xe0 && length >= 7 && b[at + 2] == 'J' && b[at + 3] == 'F' && b[at + 4] == 'I' && b[at + 5] == 'F') {
                jfif = true;
            } else if (marker == 0xee && length >= 14 && b[at + 2] == 'A' && b[at + 3] == 'd' && b[at + 4] == 'o' && b[at + 5] == 'b'
                    && b[at + 6] == 'e') {
                adobeTransform = b[at + 13] & 0xff;
            } else if (isFrameHeader(marker) && components < 0 && length >= 8) {
                components = b[at + 7] & 0xff;
                if (components == 3 && length >= 8 + 3 * 3) {
                    rgbIds = b[at + 8] == 'R' && b[at + 11] == 'G' && b[at + 14] == 'B';
                }
            }
            at += length;
        }
        if (components == 1) {
            return true;
        }
        if (components != 3) {
            return false;
        }
        if (jfif) {
            return true;
        }
        if (adobeTransform >= 0) {
            return adobeTransform == 1;
        }
        return !rgbIds;
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
