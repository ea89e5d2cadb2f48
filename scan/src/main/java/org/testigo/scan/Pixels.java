package org.testigo.scan;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;

/**
 * The two pixel layouts the rest of the scan station works on: {@link BufferedImage#TYPE_3BYTE_BGR} for
 * colour and {@link BufferedImage#TYPE_BYTE_GRAY} for grey (scanner pages, bilevel faxes). A JPEG
 * decodes straight into one of them; anything else is drawn into one once, so orientation, luminance and
 * derivatives read plain byte arrays instead of calling {@code getRGB} per pixel.
 */
final class Pixels {
    private Pixels() {
    }

    /** {@code image} when already in a plain layout, else a copy in one (transparency over white paper). */
    static BufferedImage plain(BufferedImage image) {
        if (isPlain(image)) {
            return image;
        }
        boolean grey = isGrey(image.getColorModel());
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(),
                grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            if (image.getColorModel().hasAlpha()) {
                // A transparent PNG shows on a white page in every viewer; a QR code on it must too.
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** A whole-raster TYPE_3BYTE_BGR or TYPE_BYTE_GRAY image whose bytes start at 0 with no padding. */
    static boolean isPlain(BufferedImage image) {
        int type = image.getType();
        if (type != BufferedImage.TYPE_3BYTE_BGR && type != BufferedImage.TYPE_BYTE_GRAY) {
            return false;
        }
        WritableRaster r = image.getRaster();
        if (!(r.getSampleModel() instanceof ComponentSampleModel sm) || !(r.getDataBuffer() instanceof DataBufferByte db)) {
            return false;
        }
        int channels = type == BufferedImage.TYPE_BYTE_GRAY ? 1 : 3;
        return r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0 && sm.getPixelStride() == channels
                && sm.getScanlineStride() == image.getWidth() * channels && db.getOffset() == 0 && db.getNumBanks() == 1;
    }

    static int channels(BufferedImage image) {
        if (!isPlain(image)) {
            throw new IllegalStateException("expected a plain TYPE_3BYTE_BGR or TYPE_BYTE_GRAY image, got type " + image.getType());
        }
        return image.getType() == BufferedImage.TYPE_BYTE_GRAY ? 1 : 3;
    }

    /** The pixel bytes of a plain image (B, G, R per pixel, or one grey byte), row after row. */
    static byte[] bytes(BufferedImage image) {
        channels(image);
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    private static boolean isGrey(ColorModel cm) {
        if (cm.hasAlpha()) {
            return false;
        }
        if (cm instanceof IndexColorModel icm) {
            for (int i = 0; i < icm.getMapSize(); i++) {
                if (icm.getRed(i) != icm.getGreen(i) || icm.getGreen(i) != icm.getBlue(i)) {
                    return false;
                }
            }
            return true;
        }
        return cm.getNumColorComponents() == 1;
    }
}
