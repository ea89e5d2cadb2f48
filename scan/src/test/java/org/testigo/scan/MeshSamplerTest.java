package org.testigo.scan;

import static org.assertj.core.api.Assertions.assertThat;

import boofcv.struct.image.GrayU8;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The mesh sampler against codes ZXing's encoder made, printed on paper bent by a mapping written here
 * (a cylinder, a crease), with anchors placed by that same mapping: what it reads is checked against the
 * encoded text, and against what one homography reads from the same picture.
 */
class MeshSamplerTest {
    /** A payload shaped like a Venezuelan acta's (table, then comma-separated counts). */
    private static final String TEXT = "180601001.01.1.0001!48,2,3,0,1,1,0,1,0,1,0,1,4,1,0,0,0,1,0,1,1,0,0,0,0,0,0,0,0,0,0,0,0,4,6,290,0,1!0!0";
    /** Picture pixels per module of the flat paper. */
    private static final double PX = 6;
    /** Perspective: how much smaller (per row) the picture of the paper gets toward the bottom. */
    private static final double TILT = 0.003;
    /** Modules of quiet zone and margin around the code. */
    private static final double MARGIN = 6;

    /** A bend of the paper: where a point of the projected paper (in modules) lies on the flat paper. */
    private interface Bend {
        /** The flat-paper point seen at projected point {x, y}, or null where no paper shows (a crease hides a strip). */
        double[] paperAt(double x, double y);

        /** The projected point of flat-paper point {x, y}. */
        double[] projected(double x, double y);
    }

    /** Paper on a cylinder whose axis runs along the columns: modules squeezed toward both sides. */
    private record Cylinder(double centre, double radius) implements Bend {
        @Override
        public double[] paperAt(double x, double y) {
            double t = (x - centre) / radius;
            return Math.abs(t) >= 1 ? null : new double[] {centre + radius * Math.asin(t), y};
        }

        @Override
        public double[] projected(double x, double y) {
            return new double[] {centre + radius * Math.sin((x - centre) / radius), y};
        }
    }

    /**
     * A crease through (x0, 0) leaning by {@code lean} modules per row: beyond it the paper rises toward
     * the lens, foreshortened by {@code squeeze}, and a strip {@code hidden} modules wide disappears in the fold.
     */
    private record Crease(double x0, double lean, double squeeze, double hidden) implements Bend {
        private double[] normal() {
            double len = Math.hypot(1, lean);
            return new double[] {1 / len, -lean / len};
        }

        private double distance(double x, double y) {
            double[] nrm = normal();
            return (x - x0) * nrm[0] + y * nrm[1];
        }

        @Override
        public double[] paperAt(double x, double y) {
            double d = distance(x, y);
            if (d <= 0) {
                return new double[] {x, y};
            }
            double move = d / squeeze + hidden - d;
            double[] nrm = normal();
            return new double[] {x + move * nrm[0], y + move * nrm[1]};
        }

        @Override
        public double[] projected(double x, double y) {
            double d = distance(x, y);
            if (d <= 0) {
                return new double[] {x, y};
            }
            double seen = Math.max(0, d - hidden) * squeeze;
            double[] nrm = normal();
            return new double[] {x + (seen - d) * nrm[0], y + (seen - d) * nrm[1]};
        }
    }

    private static ByteMatrix encode(String text) throws WriterException {
        return Encoder.encode(text, ErrorCorrectionLevel.Q, Map.of(EncodeHintType.CHARACTER_SET, "ISO-8859-1")).getMatrix();
    }

    /** The code printed black on light paper, bent, seen with a mild perspective; 3 × 3 samples per pixel. */
    private static GrayU8 picture(ByteMatrix code, Bend bend) {
        int n = code.getWidth();
        int side = (int) ((n + 2 * MARGIN) * PX);
        GrayU8 out = new GrayU8(side, side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double sum = 0;
                for (int sy = 0; sy < 3; sy++) {
                    for (int sx = 0; sx < 3; sx++) {
                        double[] g = fromPixel(x + (sx + 0.5) / 3, y + (sy + 0.5) / 3);
                        double[] paper = bend.paperAt(g[0], g[1]);
                        sum += paper == null ? 40 : dark(code, paper[0], paper[1]) ? 30 : 200;
                    }
                }
                out.set(x, y, (int) (sum / 9));
            }
        }
        return out;
    }

    private static boolean dark(ByteMatrix code, double gx, double gy) {
        int c = (int) Math.floor(gx);
        int r = (int) Math.floor(gy);
        return c >= 0 && r >= 0 && c < code.getWidth() && r < code.getHeight() && code.get(c, r) == 1;
    }

    /** The projected-paper point (modules) seen at a pixel: the inverse of {@link #toPixel}. */
    private static double[] fromPixel(double px, double py) {
        // toPixel: w = 1 + TILT·y, x' = PX·(x + MARGIN) / w, y' = PX·(y + MARGIN) / w; solved for y, then x.
        double y = (py / PX - MARGIN) / (1 - TILT * py / PX);
        double x = px * (1 + TILT * y) / PX - MARGIN;
        return new double[] {x, y};
    }

    /** A camera looking at the paper a little from below: the rows further down come out smaller. */
    private static double[] toPixel(double x, double y) {
        double w = 1 + TILT * y;
        return new double[] {PX * (x + MARGIN) / w, PX * (y + MARGIN) / w};
    }

    /** The finder patterns' centres and outer corners, where the bend and the camera put them. */
    private static LocatedCode located(int n, Bend bend) {
        List<GridHomography.Anchor> anchors = new ArrayList<>();
        for (int[] origin : new int[][] {{0, 0}, {n - 7, 0}, {0, n - 7}}) {
            for (double[] g : new double[][] {{3.5, 3.5}, {0, 0}, {7, 0}, {0, 7}, {7, 7}}) {
                double gx = origin[0] + g[0];
                double gy = origin[1] + g[1];
                double[] seen = bend.projected(gx, gy);
                double[] px = toPixel(seen[0], seen[1]);
                anchors.add(new GridHomography.Anchor(gx, gy, px[0], px[1]));
            }
        }
        return new LocatedCode(n, anchors);
    }

    private static String readByOneHomography(GrayU8 picture, LocatedCode code) {
        return MeshSampler.decode(MeshSampler.sampler(picture, code).bits(null));
    }

    @Test
    void readsACodeOnACylinderThatOneHomographyMisreads() throws WriterException {
        ByteMatrix code = encode(TEXT);
        int n = code.getWidth();
        Bend bend = new Cylinder(n / 2.0 + 3, 0.75 * n);
        GrayU8 picture = picture(code, bend);
        LocatedCode located = located(n, bend);

        assertThat(readByOneHomography(picture, located)).isNull();
        assertThat(MeshSampler.read(picture, located)).isEqualTo(TEXT);
    }

    @Test
    void readsACodeAcrossALeaningCreaseThatOneHomographyMisreads() throws WriterException {
        ByteMatrix code = encode(TEXT);
        int n = code.getWidth();
        Bend bend = new Crease(n * 0.45, 0.3, 0.85, 0.4);
        GrayU8 picture = picture(code, bend);
        LocatedCode located = located(n, bend);

        assertThat(readByOneHomography(picture, located)).isNull();
        assertThat(MeshSampler.read(picture, located)).isEqualTo(TEXT);
    }

    @Test
    void readsAFlatCodeWithTheHomographyAlone() throws WriterException {
        ByteMatrix code = encode(TEXT);
        int n = code.getWidth();
        Bend flat = new Crease(1e6, 0, 1, 0);
        GrayU8 picture = picture(code, flat);

        assertThat(readByOneHomography(picture, located(n, flat))).isEqualTo(TEXT);
    }

    @Test
    void refusesACodeWithMoreDamageThanErrorCorrectionRepairs() throws WriterException {
        ByteMatrix code = encode(TEXT);
        int n = code.getWidth();
        // Level Q repairs about a quarter of the codewords; a third of the rows scrambled is beyond it.
        SplittableRandom random = new SplittableRandom(7);
        for (int r = 10; r < 10 + n / 3; r++) {
            for (int c = 9; c < n - 9; c++) {
                code.set(c, r, random.nextBoolean() ? 1 : 0);
            }
        }
        Bend bend = new Cylinder(n / 2.0 + 3, 0.75 * n);

        assertThat(MeshSampler.read(picture(code, bend), located(n, bend))).isNull();
    }

    @Test
    void knowsTheColourOfEveryFunctionModuleZxingPrints() throws WriterException {
        for (String text : List.of(TEXT, "short", TEXT.repeat(4))) {
            ByteMatrix code = encode(text);
            int n = code.getWidth();
            FunctionPattern pattern = new FunctionPattern(n);
            int known = 0;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    byte colour = pattern.known(c, r);
                    if (colour != FunctionPattern.UNKNOWN) {
                        known++;
                        assertThat(colour == FunctionPattern.DARK).as("module (%d, %d) of a %d-module code", c, r, n).isEqualTo(code.get(c, r) == 1);
                    }
                }
            }
            // Three finders with their separators (3 × 64) and two timing lines at least.
            assertThat(known).isGreaterThanOrEqualTo(3 * 64 + 2 * (n - 16));
        }
    }

    @Test
    void fitsTheHomographyItWasGivenPointsOf() {
        // x' = (2x + 0.3y + 10) / w, y' = (-0.2x + 1.8y + 5) / w, w = 0.001x + 0.002y + 1.
        List<GridHomography.Anchor> anchors = new ArrayList<>();
        for (double[] g : new double[][] {{0, 0}, {40, 0}, {0, 40}, {40, 40}, {20, 10}, {7, 33}}) {
            double w = 0.001 * g[0] + 0.002 * g[1] + 1;
            anchors.add(new GridHomography.Anchor(g[0], g[1], (2 * g[0] + 0.3 * g[1] + 10) / w, (-0.2 * g[0] + 1.8 * g[1] + 5) / w));
        }
        GridHomography h = GridHomography.fit(anchors);
        double[] p = new double[2];
        h.map(13, 27, p);
        double w = 0.001 * 13 + 0.002 * 27 + 1;
        assertThat(p[0]).isCloseTo((2 * 13 + 0.3 * 27 + 10) / w, Offset.offset(1e-6));
        assertThat(p[1]).isCloseTo((-0.2 * 13 + 1.8 * 27 + 5) / w, Offset.offset(1e-6));
        double[] g = new double[2];
        h.unmap(p[0], p[1], g);
        assertThat(g[0]).isCloseTo(13, Offset.offset(1e-6));
        assertThat(g[1]).isCloseTo(27, Offset.offset(1e-6));
    }
}
