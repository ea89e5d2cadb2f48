package org.testigo.scan;

import com.google.zxing.FormatException;
import com.google.zxing.qrcode.decoder.Version;

/**
 * The modules of a QR code whose colour ISO 18004 fixes whatever the message: finder patterns with their
 * light separators, timing patterns, alignment patterns. The mesh sampler scores a local grid against them,
 * since they are the only modules that tell a grid shifted by a whole module from the right one.
 */
final class FunctionPattern {
    static final byte UNKNOWN = 0;
    static final byte DARK = 1;
    static final byte LIGHT = 2;

    private final int n;
    private final byte[] colour;

    FunctionPattern(int modules) {
        this.n = modules;
        this.colour = new byte[modules * modules];
        finder(0, 0);
        finder(n - 7, 0);
        finder(0, n - 7);
        for (int i = 8; i < n - 8; i++) {
            set(i, 6, i % 2 == 0);
            set(6, i, i % 2 == 0);
        }
        int[] centres = centres(modules);
        for (int cy : centres) {
            for (int cx : centres) {
                boolean onFinder = (cx < 9 && cy < 9) || (cx > n - 10 && cy < 9) || (cx < 9 && cy > n - 10);
                if (onFinder) {
                    continue;
                }
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
                    }
                }
            }
        }
    }

    /** DARK, LIGHT or UNKNOWN (data, format or version information). */
    byte known(int col, int row) {
        return colour[row * n + col];
    }

    private static int[] centres(int modules) {
        try {
            return Version.getProvisionalVersionForDimension(modules).getAlignmentPatternCenters();
        } catch (FormatException e) {
            throw new IllegalArgumentException("no QR version has " + modules + " modules a side", e);
        }
    }

    /** A finder pattern with its top-left module at (col, row), and the light separator around it. */
    private void finder(int col, int row) {
        for (int dy = -1; dy <= 7; dy++) {
            for (int dx = -1; dx <= 7; dx++) {
                int x = col + dx;
                int y = row + dy;
                if (x < 0 || y < 0 || x >= n || y >= n) {
                    continue;
                }
                int ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
                set(x, y, ring != 2 && ring != 4);
            }
        }
    }

    private void set(int col, int row, boolean dark) {
        colour[row * n + col] = dark ? DARK : LIGHT;
    }
}
