package org.testigo.scan.synth;

/** A plane-to-plane projective map, the model of a camera looking at flat paper. */
final class Homography {
    private final double[] h; // row-major 3×3, h[8] = 1

    private Homography(double[] h) {
        this.h = h;
    }

    /** The map taking {@code from[i]} to {@code to[i]}, i = 0..3 (each point as {x, y}). */
    static Homography fromPoints(double[][] from, double[][] to) {
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = from[i][0];
            double y = from[i][1];
            double u = to[i][0];
            double v = to[i][1];
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        // Gauss-Jordan with partial pivoting on the 8×8 system.
        for (int col = 0; col < 8; col++) {
            int pivot = col;
            for (int r = col + 1; r < 8; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            if (Math.abs(a[col][col]) < 1e-12) {
                throw new IllegalArgumentException("degenerate quadrilateral");
            }
            for (int r = 0; r < 8; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c < 9; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] h = new double[9];
        for (int i = 0; i < 8; i++) {
            h[i] = a[i][8] / a[i][i];
        }
        h[8] = 1;
        return new Homography(h);
    }

    Homography inverse() {
        double[] m = h;
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        double[] inv = {
            (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det};
        double n = inv[8];
        for (int i = 0; i < 9; i++) {
            inv[i] /= n;
        }
        return new Homography(inv);
    }

    /** Maps (x, y) into {@code out}. */
    void map(double x, double y, double[] out) {
        double w = h[6] * x + h[7] * y + h[8];
        out[0] = (h[0] * x + h[1] * y + h[2]) / w;
        out[1] = (h[3] * x + h[4] * y + h[5]) / w;
    }

    double[] map(double x, double y) {
        double[] out = new double[2];
        map(x, y, out);
        return out;
    }
}
