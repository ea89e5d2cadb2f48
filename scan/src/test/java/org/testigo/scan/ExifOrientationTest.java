package org.testigo.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A phone stores the sensor's pixels and writes in EXIF where they belong; the loader must show what the
 * person saw. The stored pictures here are built from the EXIF 2.32 table for tag 0x0112 (where the 0th
 * row and the 0th column of the stored image lie in the visual one), not from the loader's transforms.
 */
class ExifOrientationTest {
    private static final int W = 96;
    private static final int H = 64;
    private static final int BLOCK = 24;

    /**
     * What the person saw: white, a red block top-left and a green one bottom-left. Two adjacent corners
     * are enough to tell all eight orientations apart, and the page is wider than tall.
     */
    private static int visual(int x, int y, boolean grey) {
        if (x < BLOCK && y < BLOCK) {
            return grey ? 0x000000 : 0xff0000;
        }
        if (x < BLOCK && y >= H - BLOCK) {
            return grey ? 0x808080 : 0x00ff00;
        }
        return 0xffffff;
    }

    @ParameterizedTest(name = "orientation {0}: row 0 at the {1}, column 0 at the {2}, {3}")
    @CsvSource({
        "1, top, left, colour", "2, top, right, colour", "3, bottom, right, colour", "4, bottom, left, colour",
        "5, left, top, colour", "6, right, top, colour", "7, right, bottom, colour", "8, left, bottom, colour",
        "1, top, left, grey", "2, top, right, grey", "3, bottom, right, grey", "4, bottom, left, grey",
        "5, left, top, grey", "6, right, top, grey", "7, right, bottom, grey", "8, left, bottom, grey"})
    void showsThePictureAsThePersonSawIt(int orientation, String row0, String column0, String kind) throws Exception {
        boolean grey = kind.equals("grey");
        boolean sideways = row0.equals("left") || row0.equals("right");
        int sw = sideways ? H : W; // the stored picture
        int sh = sideways ? W : H;
        BufferedImage stored = new BufferedImage(sw, sh, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int sy = 0; sy < sh; sy++) {
            for (int sx = 0; sx < sw; sx++) {
                int vx;
                int vy;
                if (!sideways) { // stored rows stay rows
                    vy = row0.equals("top") ? sy : H - 1 - sy;
                    vx = column0.equals("left") ? sx : W - 1 - sx;
                } else { // stored rows become columns
                    vx = row0.equals("left") ? sy : W - 1 - sy;
                    vy = column0.equals("top") ? sx : H - 1 - sx;
                }
                stored.setRGB(sx, sy, visual(vx, vy, grey));
            }
        }
        byte[] jpeg = Pictures.withExif(Pictures.jpeg(stored, 0.95f),
                set -> set.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation));

        LoadedImage loaded = new ImageLoader().load(jpeg);

        assertThat(loaded.exifOrientation()).isEqualTo(orientation);
        assertThat(loaded.width()).isEqualTo(W);
        assertThat(loaded.height()).isEqualTo(H);
        int[][] probes = {{BLOCK / 2, BLOCK / 2}, {BLOCK / 2, H - BLOCK / 2}, {W - BLOCK / 2, BLOCK / 2}, {W - BLOCK / 2, H - BLOCK / 2}};
        for (int[] p : probes) {
            assertThat(Pictures.near(loaded.pixels().getRGB(p[0], p[1]), new Color(visual(p[0], p[1], grey)), 24))
                    .as("colour at (%d, %d): %06x", p[0], p[1], loaded.pixels().getRGB(p[0], p[1]) & 0xffffff).isTrue();
        }

        // The grey path (the JPEG's own luma band, no colour picture) must turn the same way.
        LoadedGray gray = new ImageLoader().loadGray(jpeg);
        assertThat(gray.exifOrientation()).isEqualTo(orientation);
        assertThat(gray.gray().width).isEqualTo(W);
        assertThat(gray.gray().height).isEqualTo(H);
        for (int[] p : probes) {
            int rgb = visual(p[0], p[1], grey);
            // ITU-R BT.601 luma, the Y that JFIF stores: red 76, green 150, grey 128, black 0, white 255.
            int luma = (int) Math.round(0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff));
            if (grey && luma == 128) {
                // Java's TYPE_BYTE_GRAY is linear grey: setRGB(0x808080) stores sample 55 (sRGB 128 = 21.6% linear
                // light), and 55 is what the file holds; getRGB converts it back to 128 for the colour path above.
                luma = 55;
            }
            assertThat(gray.gray().get(p[0], p[1])).as("grey at (%d, %d)", p[0], p[1]).isCloseTo(luma, org.assertj.core.data.Offset.offset(24));
        }
    }
}
