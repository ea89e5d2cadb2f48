package org.testigo.scan;

import boofcv.struct.image.GrayU8;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a located QR code whose paper is not flat (curled, folded) by sampling its modules through a mesh
 * rather than one homography. Every decoder we use maps the module grid to the picture with a single
 * homography from the finder (and alignment) patterns; on a curled or folded sheet that map is off by a
 * module or more somewhere, and the code fails error correction although it is sharp and whole.
 *
 * <p>Here the homography (fitted to the finder patterns' corners) is only the start. The grid is covered by
 * control points a few modules apart, each carrying a small correction (in modules) to where the homography
 * puts the grid. Starting next to the finder patterns (seeded with how far off the homography is there)
 * and spreading outward, each control point is predicted from its solved neighbours (carrying on their
 * trend, so a steady squeeze is followed) and then moved, within ±{@value #REACH} module and pulled toward
 * the prediction, to where the module centres around it are darkest or lightest — sampled on a module edge
 * a value is grey, at the centre black or white — and agree best with the modules whose colour the
 * standard fixes (finder, timing, alignment patterns), which alone tell a shift by a whole module. Each module is then sampled through
 * the bilinear interpolation of the corrections, averaged over its central part, set off against its four
 * neighbours (blur and JPEG bleed them into it) and thresholded against the mean of the modules around it
 * (shading across a crease). ZXing's decoder does the rest (format,
 * mask, error correction, a mirrored reading).
 */
final class MeshSampler {
    /** Modules between control points: short enough that a crease or curl changes little between two. */
    static final double SPACING = 3;
    /**
     * How much of the change between two solved control points in line the prediction of the next carries
     * on: across a fold or a curl the grid drifts steadily from the homography; damped, so noise in two
     * solved points is not doubled.
     */
    static final double TREND = 0.5;
    /**
     * How far (modules) a control point may move from its prediction: a little over half a module, since a
     * squeeze or a crease adds up between neighbours; much more and it could slip onto the next module.
     */
    static final double REACH = 0.6;
    /** The first solve searches in steps of this (modules), then in {@link #STEP} around the best. */
    private static final double COARSE = 0.2;
    /** The fine search step (modules). */
    private static final double STEP = 0.1;
    /** Half-width (modules) of the block of module centres scored around a control point (5 × 5; 4 × 4 read fewer codes). */
    private static final double PATCH = 2.5;
    /** Half-width (modules) of the window whose mean value is a module's threshold (7 beat 3, 4 and 5; 10 no better). */
    private static final int THRESHOLD_RADIUS = 7;
    /** How hard {@link #equalized} pushes a module away from its neighbours (1 beat 0.3, 0.6 and 1.5). */
    private static final double EQUALIZE = 1;
    /**
     * The pull toward the prediction: a move of one module costs this many times the code's typical
     * contrast. Without it a control point on a crease or in a flat area could wander to a neighbouring
     * module's position and take the points solved after it along; on the benchmark's curled codes 1 to 2
     * read the most, 0.1 a third of them.
     */
    private static final double PENALTY = 1.5;

    private final Picture picture;
    private final GridHomography homography;
    private final int n;
    private final FunctionPattern pattern;
    private double[] scratch = new double[0];

    private MeshSampler(GrayU8 image, GridHomography homography, int modules) {
        this.picture = new Picture(GrayOps.compact(image));
        this.homography = homography;
        this.n = modules;
        this.pattern = new FunctionPattern(modules);
    }

    /** The code's text, or null when neither the plain homography nor the mesh yields one that error correction accepts. */
    static String read(GrayU8 image, LocatedCode code) {
        MeshSampler sampler = sampler(image, code);
        if (sampler == null) {
            return null;
        }
        String text = decode(sampler.bits(null));
        if (text != null) {
            return text;
        }
        return decode(sampler.bits(sampler.refine(code.anchors())));
    }

    /** A sampler of the code through the homography of its anchors; null when they do not fix one. */
    static MeshSampler sampler(GrayU8 image, LocatedCode code) {
        GridHomography h = GridHomography.fit(code.anchors());
        return h == null ? null : new MeshSampler(image, h, code.modules());
    }

    /** The code's text from a sampled module matrix, or null. */
    static String decode(BitMatrix bits) {
        try {
            return new Decoder().decode(bits).getText();
        } catch (ChecksumException | FormatException e) {
            return null;
        }
    }

    /** Corrections on a square lattice of control points; between them, bilinear. */
    static final class Mesh {
        final int k;
        final double spacing;
        final double[] dx;
        final double[] dy;

        Mesh(int modules) {
            this.k = Math.max(2, (int) Math.round(modules / SPACING) + 1);
            this.spacing = modules / (double) (k - 1);
            this.dx = new double[k * k];
            this.dy = new double[k * k];
        }

        /** Writes the corrected grid point of (gx, gy) into {@code out}. */
        void correct(double gx, double gy, double[] out) {
            double fx = Math.clamp(gx / spacing, 0, k - 1.000001);
            double fy = Math.clamp(gy / spacing, 0, k - 1.000001);
            int i = (int) fx;
            int j = (int) fy;
            double ax = fx - i;
            double ay = fy - j;
            int p = j * k + i;
            double w00 = (1 - ax) * (1 - ay);
            double w10 = ax * (1 - ay);
            double w01 = (1 - ax) * ay;
            double w11 = ax * ay;
            out[0] = gx + w00 * dx[p] + w10 * dx[p + 1] + w01 * dx[p + k] + w11 * dx[p + k + 1];
            out[1] = gy + w00 * dy[p] + w10 * dy[p + 1] + w01 * dy[p + k] + w11 * dy[p + k + 1];
        }
    }

    /** Solves the mesh outward from the anchors: predict each control point from its neighbours, then search around the prediction. */
    Mesh refine(List<GridHomography.Anchor> anchors) {
        Mesh mesh = new Mesh(n);
        int k = mesh.k;
        double[] nearest = new double[k * k];
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                double gx = i * mesh.spacing;
                double gy = j * mesh.spacing;
                double best = Double.MAX_VALUE;
                for (GridHomography.Anchor a : anchors) {
                    best = Math.min(best, Math.hypot(a.gx() - gx, a.gy() - gy));
                }
                nearest[j * k + i] = best;
                order.add(j * k + i);
            }
        }
        order.sort(Comparator.comparingDouble(p -> nearest[p]));
        boolean[] solved = new boolean[k * k];
        // The code's contrast as the homography samples it: the unit of the pull toward predictions.
        double typical = 0;
        for (int p = 0; p < k * k; p++) {
            typical += score((p % k) * mesh.spacing, (p / k) * mesh.spacing, 0, 0);
        }
        typical = Math.max(1, typical / (k * k));
        double[][] residuals = new double[anchors.size()][];
        for (int a = 0; a < anchors.size(); a++) {
            GridHomography.Anchor anchor = anchors.get(a);
            double[] g = new double[2];
            homography.unmap(anchor.px(), anchor.py(), g);
            residuals[a] = new double[] {g[0] - anchor.gx(), g[1] - anchor.gy()};
        }
        for (int p : order) {
            int i = p % k;
            int j = p / k;
            double px = 0;
            double py = 0;
            int count = 0;
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int ni = i + di;
                    int nj = j + dj;
                    if ((di == 0 && dj == 0) || ni < 0 || nj < 0 || ni >= k || nj >= k || !solved[nj * k + ni]) {
                        continue;
                    }
                    int q = nj * k + ni;
                    int fi = ni + di;
                    int fj = nj + dj;
                    if (fi >= 0 && fj >= 0 && fi < k && fj < k && solved[fj * k + fi]) {
                        px += mesh.dx[q] + TREND * (mesh.dx[q] - mesh.dx[fj * k + fi]);
                        py += mesh.dy[q] + TREND * (mesh.dy[q] - mesh.dy[fj * k + fi]);
                    } else {
                        px += mesh.dx[q];
                        py += mesh.dy[q];
                    }
                    count++;
                }
            }
            if (count > 0) {
                px /= count;
                py /= count;
            } else {
                // No solved neighbour yet: start from where the nearby anchors say the grid is, which a
                // homography fitted to anchors on both sides of a fold gets wrong on each side.
                double[] seed = anchorResidual(residuals, anchors, i * mesh.spacing, j * mesh.spacing);
                px = seed[0];
                py = seed[1];
            }
            double gx = i * mesh.spacing;
            double gy = j * mesh.spacing;
            double bestScore = -Double.MAX_VALUE;
            double bx = px;
            double by = py;
            // Coarse then fine: a fifth of the samples of one fine sweep over the whole reach.
            for (double step : new double[] {COARSE, STEP}) {
                double cx = bx;
                double cy = by;
                int steps = step == COARSE ? (int) Math.round(REACH / COARSE) : (int) Math.round(COARSE / STEP);
                for (int sy = -steps; sy <= steps; sy++) {
                    for (int sx = -steps; sx <= steps; sx++) {
                        double ox = cx + sx * step;
                        double oy = cy + sy * step;
                        double ddx = ox - px;
                        double ddy = oy - py;
                        double s = score(gx, gy, ox, oy) - PENALTY * (ddx * ddx + ddy * ddy) * typical;
                        if (s > bestScore) {
                            bestScore = s;
                            bx = ox;
                            by = oy;
                        }
                    }
                }
            }
            mesh.dx[p] = bx;
            mesh.dy[p] = by;
            solved[p] = true;
        }
        return mesh;
    }

    /** The anchors' residuals (grid seen minus grid known) averaged by inverse squared distance from (gx, gy). */
    private static double[] anchorResidual(double[][] residuals, List<GridHomography.Anchor> anchors, double gx, double gy) {
        double sx = 0;
        double sy = 0;
        double sw = 0;
        for (int a = 0; a < anchors.size(); a++) {
            double d2 = Math.pow(anchors.get(a).gx() - gx, 2) + Math.pow(anchors.get(a).gy() - gy, 2);
            double w = 1 / (d2 + 1);
            sx += w * residuals[a][0];
            sy += w * residuals[a][1];
            sw += w;
        }
        return new double[] {sx / sw, sy / sw};
    }

    /**
     * How well the grid shifted by (ox, oy) sits on the modules around (gx, gy): the mean distance of the
     * module-centre values from their mean, plus agreement with the modules whose colour the standard fixes
     * (finder, timing and alignment patterns) — contrast alone cannot tell a shift of a whole module, those can.
     */
    private double score(double gx, double gy, double ox, double oy) {
        int c0 = Math.max(0, (int) Math.ceil(gx - PATCH - 0.5));
        int c1 = Math.min(n - 1, (int) Math.floor(gx + PATCH - 0.5));
        int r0 = Math.max(0, (int) Math.ceil(gy - PATCH - 0.5));
        int r1 = Math.min(n - 1, (int) Math.floor(gy + PATCH - 0.5));
        int count = (c1 - c0 + 1) * (r1 - r0 + 1);
        if (count <= 0) {
            return 0;
        }
        double[] values = scratch.length >= count ? scratch : (scratch = new double[count]);
        double[] pt = new double[2];
        double sum = 0;
        int v = 0;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                homography.map(c + 0.5 + ox, r + 0.5 + oy, pt);
                double s = picture.at(pt[0], pt[1]);
                values[v++] = s;
                sum += s;
            }
        }
        double mean = sum / count;
        double score = 0;
        v = 0;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                double d = values[v++] - mean;
                byte known = pattern.known(c, r);
                score += known == FunctionPattern.UNKNOWN ? Math.abs(d) : known == FunctionPattern.DARK ? -2 * d : 2 * d;
            }
        }
        return score / count;
    }

    /** The module matrix: each module's central part averaged, equalized, dark where below the mean of its neighbourhood. */
    BitMatrix bits(Mesh mesh) {
        double[] values = new double[n * n];
        double[] g = new double[2];
        double[] pt = new double[2];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double sum = 0;
                for (int sy = -1; sy <= 1; sy++) {
                    for (int sx = -1; sx <= 1; sx++) {
                        double gx = c + 0.5 + 0.25 * sx;
                        double gy = r + 0.5 + 0.25 * sy;
                        if (mesh != null) {
                            mesh.correct(gx, gy, g);
                        } else {
                            g[0] = gx;
                            g[1] = gy;
                        }
                        homography.map(g[0], g[1], pt);
                        sum += picture.at(pt[0], pt[1]);
                    }
                }
                values[r * n + c] = sum / 9;
            }
        }
        values = equalized(values);
        // Summed-area table of the values, for each module's neighbourhood mean.
        double[] table = new double[(n + 1) * (n + 1)];
        for (int r = 0; r < n; r++) {
            double row = 0;
            for (int c = 0; c < n; c++) {
                row += values[r * n + c];
                table[(r + 1) * (n + 1) + c + 1] = table[r * (n + 1) + c + 1] + row;
            }
        }
        BitMatrix bits = new BitMatrix(n);
        for (int r = 0; r < n; r++) {
            int y0 = Math.max(0, r - THRESHOLD_RADIUS);
            int y1 = Math.min(n, r + THRESHOLD_RADIUS + 1);
            for (int c = 0; c < n; c++) {
                int x0 = Math.max(0, c - THRESHOLD_RADIUS);
                int x1 = Math.min(n, c + THRESHOLD_RADIUS + 1);
                double s = table[y1 * (n + 1) + x1] - table[y0 * (n + 1) + x1] - table[y1 * (n + 1) + x0] + table[y0 * (n + 1) + x0];
                if (values[r * n + c] < s / ((y1 - y0) * (x1 - x0))) {
                    bits.set(c, r);
                }
            }
        }
        return bits;
    }

    /**
     * Each module's value pushed away from the mean of its four neighbours by {@value #EQUALIZE} times the
     * difference. Blur, JPEG and small modules bleed neighbours into each other — a light module among dark
     * ones reads grey — and this undoes much of it; on the benchmark's unread heavy-JPEG and low-resolution
     * codes it cut the wrong modules by a half to nine tenths.
     */
    private double[] equalized(double[] values) {
        double[] out = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double around = 0;
                int m = 0;
                if (c > 0) {
                    around += values[r * n + c - 1];
                    m++;
                }
                if (c < n - 1) {
                    around += values[r * n + c + 1];
                    m++;
                }
                if (r > 0) {
                    around += values[(r - 1) * n + c];
                    m++;
                }
                if (r < n - 1) {
                    around += values[(r + 1) * n + c];
                    m++;
                }
                out[r * n + c] = values[r * n + c] + EQUALIZE * (values[r * n + c] - around / m);
            }
        }
        return out;
    }

    /** Bilinear reading of a grey picture, clamped at its borders; as in BoofCV, pixel (x, y)'s centre is at integer x, y. */
    private record Picture(GrayU8 image) {
        double at(double x, double y) {
            return GrayOps.bilinear(image, x, y);
        }
    }
}
