package org.testigo.scan;

import java.util.List;

/**
 * A plane projective map from QR module-grid coordinates (x = column, y = row, in modules) to picture
 * pixels, fitted by least squares to anchor points. The mesh sampler starts from it and corrects it
 * locally; on flat paper it alone already places every module.
 */
final class GridHomography {
    /** Row-major 3 × 3, h[8] = 1. */
    private final double[] h;

    private GridHomography(double[] h) {
        this.h = h;
    }

    /** A grid point and where it was seen in the picture. */
    record Anchor(double gx, double gy, double px, double py) {
    }

    /**
     * The least-squares homography through the anchors (at least four, not all on a line), or null when
     * they do not determine one. Coordinates are normalised first (centroid at 0, mean distance √2), as
     * the direct linear method needs to be well conditioned.
     */
    static GridHomography fit(List<Anchor> anchors) {
        if (anchors.size() < 4) {
            return null;
        }
        double[] ng = normaliser(anchors, true);
        double[] np = normaliser(anchors, false);
        // Unknowns h0..h7 of the normalised map, h8 = 1: two equations per anchor, solved via normal equations.
        double[][] ata = new double[8][8];
        double[] atb = new double[8];
        double[] row = new double[8];
        for (Anchor a : anchors) {
            double x = (a.gx() - ng[0]) * ng[2];
            double y = (a.gy() - ng[1]) * ng[2];
            double u = (a.px() - np[0]) * np[2];
            double v = (a.py() - np[1]) * np[2];
            fill(row, x, y, 1, 0, 0, 0, -u * x, -u * y);
            accumulate(ata, atb, row, u);
            fill(row, 0, 0, 0, x, y, 1, -v * x, -v * y);
            accumulate(ata, atb, row, v);
        }
        double[] s = solve(ata, atb);
        if (s == null) {
            return null;
        }
        double[] n = {s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], 1};
        // Undo the normalisations: H = Tp^-1 · N · Tg.
        double[] tg = {ng[2], 0, -ng[2] * ng[0], 0, ng[2], -ng[2] * ng[1], 0, 0, 1};
        double[] tpInv = {1 / np[2], 0, np[0], 0, 1 / np[2], np[1], 0, 0, 1};
        double[] m = multiply(tpInv, multiply(n, tg));
        if (Math.abs(m[8]) < 1e-12) {
            return null;
        }
        for (int i = 0; i < 9; i++) {
            m[i] /= m[8];
        }
        return new GridHomography(m);
    }

    /** Writes the picture point of grid point (gx, gy) into {@code out}. */
    void map(double gx, double gy, double[] out) {
        double w = h[6] * gx + h[7] * gy + 1;
        out[0] = (h[0] * gx + h[1] * gy + h[2]) / w;
        out[1] = (h[3] * gx + h[4] * gy + h[5]) / w;
    }

    /** Writes the grid point seen at picture point (px, py) into {@code out}. */
    void unmap(double px, double py, double[] out) {
        // The inverse of h by its adjugate (scale does not matter for a homography).
        double a = h[4] * h[8] - h[5] * h[7];
        double b = h[2] * h[7] - h[1] * h[8];
        double c = h[1] * h[5] - h[2] * h[4];
        double d = h[5] * h[6] - h[3] * h[8];
        double e = h[0] * h[8] - h[2] * h[6];
        double f = h[2] * h[3] - h[0] * h[5];
        double g = h[3] * h[7] - h[4] * h[6];
        double i = h[1] * h[6] - h[0] * h[7];
        double j = h[0] * h[4] - h[1] * h[3];
        double w = g * px + i * py + j;
        out[0] = (a * px + b * py + c) / w;
        out[1] = (d * px + e * py + f) / w;
    }

    /** {centre x, centre y, scale} making the points' mean distance from their centroid √2. */
    private static double[] normaliser(List<Anchor> anchors, boolean grid) {
        double cx = 0;
        double cy = 0;
        for (Anchor a : anchors) {
            cx += grid ? a.gx() : a.px();
            cy += grid ? a.gy() : a.py();
        }
        cx /= anchors.size();
        cy /= anchors.size();
        double d = 0;
        for (Anchor a : anchors) {
            d += Math.hypot((grid ? a.gx() : a.px()) - cx, (grid ? a.gy() : a.py()) - cy);
        }
        d /= anchors.size();
        return new double[] {cx, cy, d > 0 ? Math.sqrt(2) / d : 1};
    }

    private static void fill(double[] row, double... values) {
        System.arraycopy(values, 0, row, 0, 8);
    }

    private static void accumulate(double[][] ata, double[] atb, double[] row, double b) {
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                ata[i][j] += row[i] * row[j];
            }
            atb[i] += row[i] * b;
        }
    }

    /** Gaussian elimination with partial pivoting; null when singular. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            if (Math.abs(a[p][c]) < 1e-12) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return m;
    }
}
