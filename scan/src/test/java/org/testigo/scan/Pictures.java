package org.testigo.scan;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Test pictures written by independent encoders (the JDK's writers, commons-imaging, by hand). */
final class Pictures {
    private Pictures() {
    }

    static BufferedImage filled(int w, int h, int type, Color color) {
        BufferedImage img = new BufferedImage(w, h, type);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    /** A JPEG from the JDK's own writer (not the loader's code), default 4:2:0 chroma. */
    static byte[] jpeg(BufferedImage image, float quality) {
        return write(image, "image/jpeg", "com.sun.imageio.plugins.jpeg.", param -> {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
        });
    }

    static byte[] png(BufferedImage image) {
        return write(image, "image/png", "com.sun.imageio.plugins.png.", param -> { });
    }

    /** A TIFF from the JDK's writer (the loader reads TIFF with TwelveMonkeys): strips of about 8 KB. */
    static byte[] tiff(BufferedImage image, String compression) {
        return write(image, "image/tiff", "com.sun.imageio.plugins.tiff.", param -> {
            if (compression != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
        });
    }

    private static byte[] write(BufferedImage image, String mime, String writerPackage, java.util.function.Consumer<ImageWriteParam> setup) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(mime);
        ImageWriter writer = null;
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (w.getClass().getName().startsWith(writerPackage)) {
                writer = w;
            }
        }
        if (writer == null) {
            throw new IllegalStateException("no " + writerPackage + " writer");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            setup.accept(param);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JPEG with an EXIF block (written by commons-imaging) holding what {@code fill} adds. */
    static byte[] withExif(byte[] jpeg, ExifFill fill) throws Exception {
        TiffOutputSet set = new TiffOutputSet();
        fill.fill(set);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(jpeg, out, set);
        return out.toByteArray();
    }

    interface ExifFill {
        void fill(TiffOutputSet set) throws Exception;
    }

    /** One PNG chunk: length, type, data, CRC over type and data. */
    static byte[] pngChunk(String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        writeInt(out, data.length);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
        return out.toByteArray();
    }

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

    static byte[] ihdr(int width, int height, int bitDepth, int colourType) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        writeInt(d, width);
        writeInt(d, height);
        d.write(bitDepth);
        d.write(colourType);
        d.write(0);
        d.write(0);
        d.write(0);
        return pngChunk("IHDR", d.toByteArray());
    }

    /** zlib of {@code n} zero bytes, fed in 1 MB pieces (the whole never exists in memory). */
    static byte[] zlibZeros(long n) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[1 << 16];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long left = n; left > 0; left -= zeros.length) {
            deflater.setInput(zeros, 0, (int) Math.min(zeros.length, left));
            while (!deflater.needsInput()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /** Whether two colours are within {@code tolerance} on every channel (JPEG is lossy). */
    static boolean near(int rgb, Color expected, int tolerance) {
        Color c = new Color(rgb);
        return Math.abs(c.getRed() - expected.getRed()) <= tolerance && Math.abs(c.getGreen() - expected.getGreen()) <= tolerance
                && Math.abs(c.getBlue() - expected.getBlue()) <= tolerance;
    }

    /**
     * A lossless WebP (RFC 9649, section 3) of a black-and-white picture, encoded by hand: no transforms,
     * no colour cache, one group of "simple" prefix codes. Green, red and blue each have the two symbols
     * 0 and 255 (one bit per pixel each), alpha the single symbol 255 and distance the single symbol 0
     * (no bits). Written here because no WebP encoder is available to the tests.
     */
    static byte[] webpLossless(boolean[][] white) {
        int h = white.length;
        int w = white[0].length;
        Bits bits = new Bits();
        bits.put(0x2f, 8);
        bits.put(w - 1, 14);
        bits.put(h - 1, 14);
        bits.put(0, 1); // alpha_is_used
        bits.put(0, 3); // version
        bits.put(0, 1); // no transform
        bits.put(0, 1); // no colour cache
        bits.put(0, 1); // no meta prefix codes
        for (int code = 0; code < 3; code++) { // green, red, blue: symbols 0 and 255
            bits.put(1, 1); // simple code
            bits.put(1, 1); // two symbols
            bits.put(0, 1); // first symbol in 1 bit
            bits.put(0, 1); // ... = 0
            bits.put(255, 8); // second symbol
        }
        bits.put(1, 1); // alpha: simple, one symbol, 8 bits, 255
        bits.put(0, 1);
        bits.put(1, 1);
        bits.put(255, 8);
        bits.put(1, 1); // distance: simple, one symbol, 1 bit, 0
        bits.put(0, 1);
        bits.put(0, 1);
        bits.put(0, 1);
        for (boolean[] row : white) {
            for (boolean p : row) {
                int v = p ? 1 : 0;
                bits.put(v, 1); // green
                bits.put(v, 1); // red
                bits.put(v, 1); // blue
            }
        }
        byte[] vp8l = bits.bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int padded = vp8l.length + (vp8l.length & 1);
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        writeIntLe(out, 4 + 8 + padded);
        out.writeBytes("WEBPVP8L".getBytes(StandardCharsets.ISO_8859_1));
        writeIntLe(out, vp8l.length);
        out.writeBytes(vp8l);
        if ((vp8l.length & 1) == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** Least-significant-bit-first writer, as VP8L reads. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int n;

        void put(int value, int count) {
            acc |= ((long) value & ((1L << count) - 1)) << n;
            n += count;
            while (n >= 8) {
                out.write((int) (acc & 0xff));
                acc >>>= 8;
                n -= 8;
            }
        }

        byte[] bytes() {
            if (n > 0) {
                out.write((int) (acc & 0xff));
                acc = 0;
                n = 0;
            }
            return out.toByteArray();
        }
    }
}
