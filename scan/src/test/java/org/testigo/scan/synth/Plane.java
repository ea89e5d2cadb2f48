package org.testigo.scan.synth;

import java.util.SplittableRandom;

/**
 * A grey picture as floats, 0 = black and 1 = the white of the paper under full light; values above 1
 * are highlights (glare) and are clipped only when the picture is encoded, as a camera would.
 */
final class Plane {
    final int width;
    final int height;
    final float[] v;

    Plane(int width, int height) {
        this.width = width;
        this.height = height;
        this.v = new float[width * height];
    }

    float get(int x, int y) {
        return v[y * width + x];
    }

    /** Bilinear sample; outside the plane, {@code outside}. */
    float sample(double x, double y, float outside) {
        if (x < 0 || y < 0 || x > width - 1 || y > height - 1) {
            return outside;
        }
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        int r0 = y0 * width;
        int r1 = y1 * width;
        float top = v[r0 + x0] + (v[r0 + x1] - v[r0 + x0]) * fx;
        float bottom = v[r1 + x0] + (v[r1 + x1] - v[r1 + x0]) * fx;
        return top + (bottom - top) * fy;
    }

    /**
     * Gaussian blur of standard deviation {@code sigma}, approximated by three box blurs (the central
     * limit theorem makes three passes within a few percent of a true Gaussian).
     */
    void gaussian(double sigma) {
        if (sigma < 0.3) {
            return;
        }
        if (sigma < 1.2) {
            // Two passes of the kernel [a, 1 - 2a, a] have variance 4a.
            float a = (float) (sigma * sigma / 4);
            for (int pass = 0; pass < 2; pass++) {
                taps(a);
            }
            return;
        }
        // Three passes of a box of radius r have variance r(r + 1).
        int radius = Math.max(1, (int) Math.round((Math.sqrt(1 + 4 * sigma * sigma) - 1) / 2));
        for (int pass = 0; pass < 3; pass++) {
            boxRows(radius);
            boxColumns(radius);
        }
    }

    private void taps(float a) {
        float b = 1 - 2 * a;
        float[] line = new float[Math.max(width, height)];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            System.arraycopy(v, base, line, 0, width);
            for (int x = 0; x < width; x++) {
                v[base + x] = a * line[clamp(x - 1, width)] + b * line[x] + a * line[clamp(x + 1, width)];
            }
        }
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = v[y * width + x];
            }
            for (int y = 0; y < height; y++) {
                v[y * width + x] = a * line[clamp(y - 1, height)] + b * line[y] + a * line[clamp(y + 1, height)];
            }
        }
    }

    private void boxRows(int r) {
        float[] line = new float[width];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            System.arraycopy(v, base, line, 0, width);
            double sum = 0;
            for (int x = -r; x <= r; x++) {
                sum += line[clamp(x, width)];
            }
            float inv = 1f / (2 * r + 1);
            for (int x = 0; x < width; x++) {
                v[base + x] = (float) (sum * inv);
                sum += line[clamp(x + r + 1, width)] - line[clamp(x - r, width)];
            }
        }
    }

    private void boxColumns(int r) {
        float[] line = new float[height];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = v[y * width + x];
            }
            double sum = 0;
            for (int y = -r; y <= r; y++) {
                sum += line[clamp(y, height)];
            }
            float inv = 1f / (2 * r + 1);
            for (int y = 0; y < height; y++) {
                v[y * width + x] = (float) (sum * inv);
                sum += line[clamp(y + r + 1, height)] - line[clamp(y - r, height)];
            }
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }

    /** Linear motion blur: the mean along a segment of {@code length} pixels at {@code angle} radians. */
    void motion(double length, double angle) {
        int steps = Math.max(2, (int) Math.ceil(length));
        double dx = Math.cos(angle) * length / (steps - 1);
        double dy = Math.sin(angle) * length / (steps - 1);
        float[] out = new float[v.length];
        int[] offX = new int[steps];
        int[] offY = new int[steps];
        for (int i = 0; i < steps; i++) {
            double t = i - (steps - 1) / 2.0;
            offX[i] = (int) Math.round(t * dx);
            offY[i] = (int) Math.round(t * dy);
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float sum = 0;
                for (int i = 0; i < steps; i++) {
                    sum += v[clamp(y + offY[i], height) * width + clamp(x + offX[i], width)];
                }
                out[y * width + x] = sum / steps;
            }
        }
        System.arraycopy(out, 0, v, 0, v.length);
    }

    /**
     * Sensor noise: Gaussian of {@code sigma} (in 0..1 units); {@code grain} &gt; 0 blurs the noise field
     * first, as the demosaicing and denoising of a cheap phone leave blotches rather than single pixels.
     */
    void noise(double sigma, double grain, SplittableRandom random) {
        if (sigma <= 0) {
            return;
        }
        Plane n = new Plane(width, height);
        for (int i = 0; i < n.v.length; i++) {
            n.v[i] = (float) random.nextGaussian();
        }
        double gain = sigma;
        if (grain > 0.3) {
            n.gaussian(grain);
            // White noise blurred by a Gaussian of s keeps 1 / (2 s sqrt(pi)) of its spread; restore it.
            gain = sigma * 2 * grain * Math.sqrt(Math.PI);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (n.v[i] * gain);
        }
    }
}
