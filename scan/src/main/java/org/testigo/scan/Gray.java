package org.testigo.scan;

import boofcv.struct.image.GrayU8;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Luminance conversion without boofcv-io (which would drag in BoofCV's whole reconstruction stack).
 * The layouts {@link ImageLoader} produces (3-byte BGR, 8-bit grey) and packed int RGB are read straight
 * from their data buffers; anything else goes through {@code getRGB}, ten times slower.
 */
public final class Gray {
    private Gray() {
    }

    /** ITU-R BT.601 luma, integer arithmetic: (299 R + 587 G + 114 B) / 1000. */
    public static GrayU8 of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        GrayU8 gray = new GrayU8(w, h);
        byte[] out = gray.data;
        if (Pixels.isPlain(image)) {
            byte[] in = Pixels.bytes(image);
            if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
                System.arraycopy(in, 0, out, 0, w * h);
            } else {
                for (int i = 0, s = 0, n = w * h; i < n; i++, s += 3) {
                    out[i] = (byte) (((in[s + 2] & 0xff) * 299 + (in[s + 1] & 0xff) * 587 + (in[s] & 0xff) * 114) / 1000);
                }
            }
            return gray;
        }
        if (isPackedIntRgb(image)) {
            int[] in = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            for (int i = 0, n = w * h; i < n; i++) {
                out[i] = luma(in[i]);
            }
            return gray;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                out[base + x] = luma(row[x]);
            }
        }
        return gray;
    }

    private static byte luma(int p) {
        return (byte) ((((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 + (p & 0xff) * 114) / 1000);
    }

    /** TYPE_INT_RGB (or ARGB, alpha ignored) over a whole, unpadded raster. */
    private static boolean isPackedIntRgb(BufferedImage image) {
        int type = image.getType();
        if (type != BufferedImage.TYPE_INT_RGB && type != BufferedImage.TYPE_INT_ARGB) {
            return false;
        }
        WritableRaster r = image.getRaster();
        return r.getSampleModel() instanceof SinglePixelPackedSampleModel sm && r.getDataBuffer() instanceof DataBufferInt db
                && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0 && sm.getScanlineStride() == image.getWidth()
                && db.getOffset() == 0;
    }
}
