package org.testigo.intake;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Clean acta pictures for intake tests: a white receipt-like sheet with rows of "printed" bars and the
 * QR code of a real payload, small (400 × 600) so that thousands decode quickly. Also the hostile files
 * intake must refuse. (The realistic, degraded generator lives in the scan module's tests.)
 */
public final class ActaPictures {
    public static final int WIDTH = 400;
    public static final int HEIGHT = 600;

    private ActaPictures() {
    }

    /** A PNG of an acta whose QR code holds {@code payload}. */
    public static byte[] png(String payload) {
        return encode(sheet(payload, payload.hashCode()), "png");
    }

    /** A JPEG of an acta whose QR code holds {@code payload}. */
    public static byte[] jpeg(String payload) {
        return encode(sheet(payload, payload.hashCode()), "jpeg");
    }

    /** A PNG of a sheet with printed rows and no code at all; {@code variant} makes each one different. */
    public static byte[] withoutCode(int variant) {
        return encode(sheet(null, variant), "png");
    }

    /** The first {@code fraction} of a JPEG acta: a valid header, then the data stops. */
    public static byte[] truncatedJpeg(String payload, double fraction) {
        byte[] whole = jpeg(payload);
        return Arrays.copyOf(whole, (int) (whole.length * fraction));
    }

    /**
     * A decompression bomb: a valid PNG of {@code side} × {@code side} gray pixels, all zero, in a few
     * kilobytes (zlib squeezes a run of zeros about a thousand times).
     */
    public static byte[] pngBomb(int side) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(side).putInt(side).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        // Only the first rows' worth of zeros: the header alone is what intake must judge.
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[(side + 1) * 64]);
        deflater.finish();
        byte[] buf = new byte[1 << 16];
        int n = deflater.deflate(buf);
        chunk(out, "IDAT", Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static BufferedImage sheet(String payload, int variant) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(40, 40, 40));
            // "Printed" lines: label and number columns whose lengths vary with the variant.
            int seed = variant;
            for (int row = 0; row < 14; row++) {
                seed = seed * 1_103_515_245 + 12_345;
                int label = 80 + Math.floorMod(seed >> 8, 160);
                g.fillRect(24, 24 + row * 18, label, 8);
                g.fillRect(WIDTH - 24 - 40, 24 + row * 18, 16 + Math.floorMod(seed >> 16, 24), 8);
            }
            if (payload != null) {
                BitMatrix m = qr(payload);
                int modules = m.getWidth();
                int scale = Math.max(1, 300 / modules);
                int size = modules * scale;
                int x0 = (WIDTH - size) / 2;
                int y0 = HEIGHT - size - 30;
                g.setColor(Color.BLACK);
                for (int y = 0; y < modules; y++) {
                    for (int x = 0; x < modules; x++) {
                        if (m.get(x, y)) {
                            g.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
                        }
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static BitMatrix qr(String payload) {
        try {
            // Size 1 × 1 asks for the code's natural size: one pixel per module, with a 4-module quiet zone.
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 1, 1,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot draw a QR code for " + payload, e);
        }
    }

    private static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
