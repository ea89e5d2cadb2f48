package org.testigo.scan;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The public faces of an acta image: a web-size copy and a thumbnail. Both are re-encoded from pixels
 * alone — a fresh JPEG with no metadata segment of any kind — so nothing the phone wrote (GPS, maker
 * notes, embedded thumbnails, comments) can reach the public. Originals are never published.
 */
public final class Derivatives {

    /** Longest side of the web copy: enough to read every number on an acta. */
    public static final int WEB_SIDE = 1600;
    /** Longest side of the thumbnail. */
    public static final int THUMB_SIDE = 320;

    /** Two JPEGs, metadata-free. */
    public record Derived(byte[] web, byte[] thumbnail) {
    }

    private Derivatives() {
    }

    public static Derived of(LoadedImage image) {
        return new Derived(jpeg(fit(image.pixels(), WEB_SIDE), 0.85f), jpeg(fit(image.pixels(), THUMB_SIDE), 0.8f));
    }

    static BufferedImage fit(BufferedImage source, int side) {
        int w = source.getWidth();
        int h = source.getHeight();
        double scale = Math.min(1.0, (double) side / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Baseline JPEG written without metadata (null IIOMetadata: not even a JFIF comment). */
    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a JPEG into memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
