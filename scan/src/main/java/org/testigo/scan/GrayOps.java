package org.testigo.scan;

import boofcv.struct.image.GrayU8;

/**
 * The picture transformations the cascade retries with. Each returns a new image and leaves its input
 * alone, so views can be shared between strategies. Plain loops over bytes: these run on megapixels.
 */
final class GrayOps {
    private GrayOps() {
    }

    /** A compact copy (stride = width), so the loops below can index {@code y * width + x}. */
    static GrayU8 compact(GrayU8 g) {
        if (g.stride == g.width && g.startIndex == 0) {
            return g;
        }
        GrayU8 out = new GrayU8(g.width, g.height);
        for (int y = 0; y < g.height; y++) {
            System.arraycopy(g.data, g.startIndex + y * g.stride, out.data, y * g.width, g.width);
        }
        return out;
    }

    /** Each output pixel is the mean of a {@code f × f} block: shrinks modules and averages noise away. */
    static GrayU8 shrink(GrayU8 g, int f) {
        int w = g.width / f;
        int h = g.height / f;
        GrayU8 out = new GrayU8(w, h);
        if (f == 2) {
            // The common case (a 12 MP photo to its 2000 px view, that to 1000 px): two rows at a time.
            byte[] in = g.data;
            for (int y = 0; y < h; y++) {
                int r0 = 2 * y * g.width;
                int r1 = r0 + g.width;
                int o = y * w;
                for (int x = 0, s = 0; x < w; x++, s += 2) {
                    int sum = (in[r0 + s] & 0xff) + (in[r0 + s + 1] & 0xff) + (in[r1 + s] & 0xff) + (in[r1 + s + 1] & 0xff);
                    out.data[o + x] = (byte) (sum >> 2);
                }
            }
            return out;
        }
        int[] sums = new int[w];
        int area = f * f;
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(sums, 0);
            for (int dy = 0; dy < f; dy++) {
                int row = (y * f + dy) * g.width;
                for (int x = 0; x < w; x++) {
                    int base = row + x * f;
                    int s = 0;
                    for (int dx = 0; dx < f; dx++) {
                        s += g.data[base + dx] & 0xff;
                    }
                    sums[x] += s;
                }
            }
            int o = y * w;
            for (int x = 0; x < w; x++) {
                out.data[o + x] = (byte) (sums[x] / area);
            }
        }
        return out;
    }

    /** Twice the size, bilinear: gives a decoder's finder search more than one pixel per module. */
    static GrayU8 enlarge(GrayU8 g) {
        int w = g.width * 2;
        int h = g.height * 2;
        GrayU8 out = new GrayU8(w, h);
        for (int y = 0; y < h; y++) {
            double sy = Math.max(0, (y - 0.5) / 2);
            int y0 = Math.min((int) sy, g.height - 1);
            int y1 = Math.min(y0 + 1, g.height - 1);
            int fy = (int) ((sy - y0) * 256);
            for (int x = 0; x < w; x++) {
                double sx = Math.max(0, (x - 0.5) / 2);
                int x0 = Math.min((int) sx, g.width - 1);
                int x1 = Math.min(x0 + 1, g.width - 1);
                int fx = (int) ((sx - x0) * 256);
                int a = g.data[y0 * g.width + x0] & 0xff;
                int b = g.data[y0 * g.width + x1] & 0xff;
                int c = g.data[y1 * g.width + x0] & 0xff;
                int d = g.data[y1 * g.width + x1] & 0xff;
                int top = a * 256 + (b - a) * fx;
                int bottom = c * 256 + (d - c) * fx;
                out.data[y * w + x] = (byte) ((top * 256 + (bottom - top) * fy) >> 16);
            }
        }
        return out;
    }

    /** Linear stretch of the 1st..99th percentile to 0..255: dim pictures get their full range back. */
    static GrayU8 stretch(GrayU8 g) {
        int[] hist = new int[256];
        int n = g.width * g.height;
        for (int i = 0; i < n; i++) {
            hist[g.data[i] & 0xff]++;
        }
        int lo = percentile(hist, n / 100);
        int hi = percentile(hist, n - n / 100);
        if (hi - lo < 8) {
            hi = Math.min(255, lo + 8);
        }
        byte[] map = new byte[256];
        for (int v = 0; v < 256; v++) {
            map[v] = (byte) Math.max(0, Math.min(255, (v - lo) * 255 / (hi - lo)));
        }
        GrayU8 out = new GrayU8(g.width, g.height);
        for (int i = 0; i < n; i++) {
            out.data[i] = map[g.data[i] & 0xff];
        }
        return out;
    }

    private static int percentile(int[] hist, int rank) {
        int seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += hist[v];
            if (seen > rank) {
                return v;
            }
        }
        return 255;
    }

    /** Box mean of radius {@code r}, from an integral image. */
    static GrayU8 mean(GrayU8 g, int r) {
        int w = g.width;
        int h = g.height;
        long[] integral = integral(g);
        GrayU8 out = new GrayU8(w, h);
        for (int y = 0; y < h; y++) {
            int y0 = Math.max(0, y - r);
            int y1 = Math.min(h, y + r + 1);
            for (int x = 0; x < w; x++) {
                int x0 = Math.max(0, x - r);
                int x1 = Math.min(w, x + r + 1);
                long sum = integral[y1 * (w + 1) + x1] - integral[y0 * (w + 1) + x1] - integral[y1 * (w + 1) + x0]
                        + integral[y0 * (w + 1) + x0];
                out.data[y * w + x] = (byte) (sum / ((long) (x1 - x0) * (y1 - y0)));
            }
        }
        return out;
    }

    private static long[] integral(GrayU8 g) {
        int w = g.width;
        long[] s = new long[(w + 1) * (g.height + 1)];
        for (int y = 0; y < g.height; y++) {
            long row = 0;
            for (int x = 0; x < w; x++) {
                row += g.data[y * w + x] & 0xff;
                s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
            }
        }
        return s;
    }

    /**
     * Unsharp mask: adds back {@code amount} times the detail lost by a blur of radius {@code r}. With a
     * radius near the blur of the picture and an amount above 1 it is a cheap inverse of a defocus.
     */
    static GrayU8 sharpen(GrayU8 g, int r, double amount) {
        GrayU8 blurred = mean(mean(g, r), r);
        GrayU8 out = new GrayU8(g.width, g.height);
        int k = (int) Math.round(amount * 256);
        for (int i = 0; i < out.data.length; i++) {
            int v = g.data[i] & 0xff;
            int b = blurred.data[i] & 0xff;
            int s = v + (((v - b) * k) >> 8);
            out.data[i] = (byte) (s < 0 ? 0 : s > 255 ? 255 : s);
        }
        return out;
    }

    /**
     * Local thresholding: black where a pixel is darker than the mean around it (radius {@code r}) by a
     * little; survives a shadow edge or a glare across the code, which defeats a global threshold.
     */
    static GrayU8 threshold(GrayU8 g, int r) {
        GrayU8 local = mean(g, r);
        GrayU8 out = new GrayU8(g.width, g.height);
        for (int i = 0; i < out.data.length; i++) {
            int v = g.data[i] & 0xff;
            int m = local.data[i] & 0xff;
            out.data[i] = (byte) (v * 100 < m * 94 ? 0 : 255);
        }
        return out;
    }

    /** Rotation by {@code degrees} about the centre onto a larger white canvas (nearest neighbour). */
    static GrayU8 rotate(GrayU8 g, double degrees) {
        double a = Math.toRadians(degrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        int w = (int) Math.ceil(Math.abs(g.width * cos) + Math.abs(g.height * sin));
        int h = (int) Math.ceil(Math.abs(g.width * sin) + Math.abs(g.height * cos));
        GrayU8 out = new GrayU8(w, h);
        double cx = g.width / 2.0;
        double cy = g.height / 2.0;
        for (int y = 0; y < h; y++) {
            double dy = y - h / 2.0;
            for (int x = 0; x < w; x++) {
                double dx = x - w / 2.0;
                int sx = (int) Math.round(cx + dx * cos + dy * sin);
                int sy = (int) Math.round(cy - dx * sin + dy * cos);
                out.data[y * w + x] = sx >= 0 && sy >= 0 && sx < g.width && sy < g.height ? g.data[sy * g.width + sx] : (byte) 255;
            }
        }
        return out;
    }

    /** 3 × 3 median: removes JPEG ringing and salt-and-pepper grain but keeps module edges where they are. */
    static GrayU8 median3(GrayU8 g) {
        int w = g.width;
        int h = g.height;
        GrayU8 out = new GrayU8(w, h);
        byte[] d = g.data;
        for (int y = 0; y < h; y++) {
            int r0 = Math.max(0, y - 1) * w;
            int r1 = y * w;
            int r2 = Math.min(h - 1, y + 1) * w;
            for (int x = 0; x < w; x++) {
                int xl = Math.max(0, x - 1);
                int xr = Math.min(w - 1, x + 1);
                // Each column sorted, then the median of nine is med(max of mins, med of meds, min of maxes).
                int a0 = d[r0 + xl] & 0xff, a1 = d[r1 + xl] & 0xff, a2 = d[r2 + xl] & 0xff;
                int b0 = d[r0 + x] & 0xff, b1 = d[r1 + x] & 0xff, b2 = d[r2 + x] & 0xff;
                int c0 = d[r0 + xr] & 0xff, c1 = d[r1 + xr] & 0xff, c2 = d[r2 + xr] & 0xff;
                int lo = Math.max(Math.max(min3(a0, a1, a2), min3(b0, b1, b2)), min3(c0, c1, c2));
                int mid = med3(med3(a0, a1, a2), med3(b0, b1, b2), med3(c0, c1, c2));
                int hi = Math.min(Math.min(max3(a0, a1, a2), max3(b0, b1, b2)), max3(c0, c1, c2));
                out.data[r1 + x] = (byte) med3(lo, mid, hi);
            }
        }
        return out;
    }

    private static int min3(int a, int b, int c) {
        return Math.min(a, Math.min(b, c));
    }

    private static int max3(int a, int b, int c) {
        return Math.max(a, Math.max(b, c));
    }

    private static int med3(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * Enlargement by {@code f} with Catmull-Rom (bicubic) interpolation: sharper module edges than
     * bilinear, so a code of barely two pixels per module binarises into square modules again.
     */
    static GrayU8 enlargeBicubic(GrayU8 g, int f) {
        int w = g.width * f;
        int h = g.height * f;
        GrayU8 out = new GrayU8(w, h);
        double[] wx = new double[4];
        double[] wy = new double[4];
        for (int y = 0; y < h; y++) {
            double sy = (y + 0.5) / f - 0.5;
            int iy = (int) Math.floor(sy);
            weights(sy - iy, wy);
            for (int x = 0; x < w; x++) {
                double sx = (x + 0.5) / f - 0.5;
                int ix = (int) Math.floor(sx);
                weights(sx - ix, wx);
                double acc = 0;
                for (int j = 0; j < 4; j++) {
                    int yy = Math.min(g.height - 1, Math.max(0, iy - 1 + j));
                    double row = 0;
                    for (int i = 0; i < 4; i++) {
                        int xx = Math.min(g.width - 1, Math.max(0, ix - 1 + i));
                        row += wx[i] * (g.data[yy * g.width + xx] & 0xff);
                    }
                    acc += wy[j] * row;
                }
                int v = (int) Math.round(acc);
                out.data[y * w + x] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
        return out;
    }

    private static void weights(double t, double[] out) {
        double t2 = t * t;
        double t3 = t2 * t;
        out[0] = 0.5 * (-t3 + 2 * t2 - t);
        out[1] = 0.5 * (3 * t3 - 5 * t2 + 2);
        out[2] = 0.5 * (-3 * t3 + 4 * t2 + t);
        out[3] = 0.5 * (t3 - t2);
    }

    /**
     * Bilinear reading of a compact grey picture (stride = width), clamped at its borders; as in BoofCV,
     * pixel (x, y)'s centre is at integer x, y.
     */
    static double bilinear(GrayU8 g, double x, double y) {
        double fx = Math.clamp(x, 0, g.width - 1.000001);
        double fy = Math.clamp(y, 0, g.height - 1.000001);
        int ix = (int) fx;
        int iy = (int) fy;
        double ax = fx - ix;
        double ay = fy - iy;
        int p = iy * g.width + ix;
        int right = ix + 1 < g.width ? 1 : 0;
        int down = iy + 1 < g.height ? g.width : 0;
        byte[] d = g.data;
        double top = (d[p] & 0xff) * (1 - ax) + (d[p + right] & 0xff) * ax;
        double bottom = (d[p + down] & 0xff) * (1 - ax) + (d[p + down + right] & 0xff) * ax;
        return top * (1 - ay) + bottom * ay;
    }
}
