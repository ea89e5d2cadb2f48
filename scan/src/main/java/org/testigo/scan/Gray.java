package org.testigo.scan;

import boofcv.struct.image.GrayU8;
import java.awt.image.BufferedImage;

/** Luminance conversion without boofcv-io (which would drag in BoofCV's whole reconstruction stack). */
public final class Gray {
    private Gray() {
    }

    /** ITU-R BT.601 luma, integer arithmetic. */
    public static GrayU8 of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        GrayU8 gray = new GrayU8(w, h);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                gray.data[base + x] = (byte) ((r * 299 + g * 587 + b * 114) / 1000);
            }
        }
        return gray;
    }
}
