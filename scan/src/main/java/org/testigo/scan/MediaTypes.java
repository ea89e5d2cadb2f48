package org.testigo.scan;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Recognises the image kinds Testigo decodes by their magic numbers, and names what other files are. */
public final class MediaTypes {
    private MediaTypes() {
    }

    /** {@code image/jpeg}, {@code image/png}, {@code image/webp}, {@code image/tiff}, or null. */
    public static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0d && b[5] == 0x0a
                && b[6] == 0x1a && b[7] == 0x0a) {
            return "image/png";
        }
        if (b.length >= 12 && starts(b, 0, "RIFF") && starts(b, 8, "WEBP")) {
            return "image/webp";
        }
        if (b.length >= 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42))) {
            return "image/tiff";
        }
        return null;
    }

    /**
     * An image format people send but Testigo does not decode (e.g. {@code "a HEIC photo"}), or null.
     * Telling these apart from non-images lets the refusal say what to do: send a JPEG instead.
     */
    public static String unsupportedImage(byte[] b) {
        if (starts(b, 0, "GIF87a") || starts(b, 0, "GIF89a")) {
            return "a GIF image";
        }
        if (b.length >= 12 && starts(b, 4, "ftyp")) {
            String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
            if (brand.equals("heic") || brand.equals("heix") || brand.equals("mif1") || brand.equals("msf1") || brand.equals("hevc")) {
                return "a HEIC photo (an iPhone's default format)";
            }
            if (brand.equals("avif") || brand.equals("avis")) {
                return "an AVIF image";
            }
        }
        if (b.length >= 14 && starts(b, 0, "BM") && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0) {
            return "a BMP image";
        }
        if (starts(b, 0, "II*\0") || starts(b, 0, "MM\0*")) {
            return null;
        }
        if (starts(b, 0, "II+\0") || starts(b, 0, "MM\0+")) {
            return "a BigTIFF image";
        }
        String head = text(b);
        if (head != null && (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg")))) {
            return "an SVG drawing";
        }
        return null;
    }

    /** What a file that is not an image seems to be, in words: {@code "a PDF document"}, {@code "plain text"}. */
    public static String describe(byte[] b) {
        if (starts(b, 0, "%PDF")) {
            return "a PDF document";
        }
        if (starts(b, 0, "PK\3\4") || starts(b, 0, "PK\5\6")) {
            return "a ZIP archive (or a document packed as one: docx, xlsx, odt)";
        }
        if (b.length >= 12 && starts(b, 4, "ftyp")) {
            return "a video or other ISO media file";
        }
        String head = text(b);
        if (head != null) {
            if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head") || head.startsWith("<body")) {
                return "an HTML page";
            }
            if (head.startsWith("<?xml") || head.startsWith("<")) {
                return "an XML or HTML document";
            }
            return "plain text";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, b.length); i++) {
            hex.append(String.format("%02X ", b[i] & 0xff));
        }
        return "data of an unknown kind (first bytes " + hex.toString().strip() + ")";
    }

    /** The first 512 bytes as lower-case text without leading space, or null when they are not text. */
    private static String text(byte[] b) {
        int n = Math.min(512, b.length);
        int start = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        for (int i = start; i < n; i++) {
            int c = b[i] & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                return null; // control bytes: binary (UTF-8 multi-byte sequences are all ≥ 0x80, so pass)
            }
        }
        return new String(b, start, n - start, StandardCharsets.UTF_8).stripLeading().toLowerCase(Locale.ROOT);
    }

    private static boolean starts(byte[] b, int at, String ascii) {
        if (b.length < at + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
