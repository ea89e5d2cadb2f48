package org.testigo.scan;

import boofcv.struct.image.GrayU8;

/**
 * Undoes part of a straight motion blur: finds the direction the picture is smeared in and sharpens along
 * it only. A phone moved while the shutter was open smears every module over the next one or two in one
 * direction; the round unsharp masks of the other views sharpen every direction alike, which leaves the
 * finder patterns' rings merged and neither decoder even locates the code.
 *
 * <p>The direction: a blur along θ flattens the picture along θ, so the mean absolute difference between
 * pixels one step apart is smallest along θ (of {@value #DIRECTIONS} directions tried). The sharpening:
 * each pixel pushed away from the mean of the {@code length} pixels on the line through it along θ.
 */
final class MotionSharpen {
    /** Directions tried, over half a turn: 15° apart. */
    static final int DIRECTIONS = 12;

    private MotionSharpen() {
    }

    /** The direction (radians, in [0, π)) along which the picture varies least. */
    static double blurDirection(GrayU8 g) {
        GrayU8 c = GrayOps.compact(g);
        double best = Double.MAX_VALUE;
        double angle = 0;
        for (int d = 0; d < DIRECTIONS; d++) {
            double theta = Math.PI * d / DIRECTIONS;
            double ux = Math.cos(theta);
            double uy = Math.sin(theta);
            double sum = 0;
            // Every other pixel in each direction: a quarter of the picture is plenty for a mean.
            for (int y = 2; y < c.height - 2; y += 2) {
                for (int x = 2; x < c.width - 2; x += 2) {
                    sum += Math.abs(GrayOps.bilinear(c, x + ux, y + uy) - GrayOps.bilinear(c, x - ux, y - uy));
                }
            }
            if (sum < best) {
                best = sum;
                angle = theta;
            }
        }
        return angle;
    }

    /** Each pixel plus {@code amount} times its difference from the mean of {@code length} pixels along {@code angle}. */
    static GrayU8 along(GrayU8 g, double angle, int length, double amount) {
        GrayU8 c = GrayOps.compact(g);
        GrayU8 out = new GrayU8(c.width, c.height);
        double ux = Math.cos(angle);
        double uy = Math.sin(angle);
        for (int y = 0; y < c.height; y++) {
            for (int x = 0; x < c.width; x++) {
                double sum = 0;
                for (int i = 0; i < length; i++) {
                    double t = i - (length - 1) / 2.0;
                    sum += GrayOps.bilinear(c, x + t * ux, y + t * uy);
                }
                double v = c.data[y * c.width + x] & 0xff;
                v += amount * (v - sum / length);
                out.data[y * c.width + x] = (byte) (v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5));
            }
        }
        return out;
    }
}
