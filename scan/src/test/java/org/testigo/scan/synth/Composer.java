package org.testigo.scan.synth;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Puts a printed acta in front of a camera or on a scanner bed: pose (rotation, perspective, curl or
 * fold), light (level, gradient, vignette, shadow, glare), occlusion (a finger), optics (focus and motion
 * blur), sensor noise with exposure gain, and finally 8-bit pixels. Works in grey (what every decoder
 * uses) and tints the result like paper under warm light.
 */
final class Composer {
    private final ActaSheet sheet;
    private final Shot shot;
    private final SplittableRandom random;

    Composer(ActaSheet sheet, Shot shot, SplittableRandom random) {
        this.sheet = sheet;
        this.shot = shot;
        this.random = random;
    }

    BufferedImage compose() {
        SheetRenderer.Printed layout = SheetRenderer.layout(sheet);
        double moduleMm = layout.moduleMm();
        double pxPerMm = shot.scan() ? shot.dpi() / 25.4 : shot.modulePx() / moduleMm;
        Rectangle2D codes = layout.allCodes();
        int width;
        int height;
        double cx;
        double cy;
        double qx;
        double qy;
        double theta = Math.toRadians(shot.rotationDeg());
        if (shot.scan()) {
            // The bed holds the whole strip with a margin, whatever its skew.
            double w = layout.widthMm() * pxPerMm;
            double h = layout.heightMm() * pxPerMm;
            double c = Math.abs(Math.cos(theta));
            double s = Math.abs(Math.sin(theta));
            width = (int) Math.ceil(w * c + h * s + 10 * pxPerMm);
            height = (int) Math.ceil(w * s + h * c + 10 * pxPerMm);
            cx = width / 2.0;
            cy = height / 2.0;
            qx = layout.widthMm() / 2;
            qy = layout.heightMm() / 2;
        } else {
            width = shot.width();
            height = shot.height();
            // The codes must fit in the frame whatever the rotation: shrink the print if they would not.
            double diagonal = Math.hypot(codes.getWidth(), codes.getHeight()) * 1.15;
            pxPerMm = Math.min(pxPerMm, 0.9 * Math.min(width, height) / diagonal);
            double radius = diagonal / 2 * pxPerMm * (1 + shot.tilt());
            qx = codes.getCenterX();
            qy = codes.getCenterY();
            cx = width / 2.0 + (random.nextDouble() - 0.5) * Math.max(0, width - 2 * radius);
            cy = height / 2.0 + (random.nextDouble() - 0.5) * Math.max(0, height - 2 * radius);
        }
        // Print resolution: a little finer than the picture, so sampling it does not invent detail.
        double rasterPerMm = Math.max(3, Math.min(18, pxPerMm * 1.3));
        SheetRenderer.Printed printed = SheetRenderer.print(sheet, rasterPerMm);
        double[][] docCorners = {{0, 0}, {layout.widthMm(), 0}, {layout.widthMm(), layout.heightMm()}, {0, layout.heightMm()}};
        double[][] scene = new double[4][];
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        for (int i = 0; i < 4; i++) {
            double dx = (docCorners[i][0] - qx) * pxPerMm;
            double dy = (docCorners[i][1] - qy) * pxPerMm;
            scene[i] = new double[] {cx + cos * dx - sin * dy, cy + sin * dx + cos * dy};
        }
        tilt(scene, cx, cy);
        Homography toScene = Homography.fromPoints(docCorners, scene);
        Homography toDoc = toScene.inverse();

        Plane out = new Plane(width, height);
        double diag = Math.hypot(width, height);
        double gradAngle = random.nextDouble() * 2 * Math.PI;
        double gx = Math.cos(gradAngle);
        double gy = Math.sin(gradAngle);
        double shadowAngle = random.nextDouble() * 2 * Math.PI;
        double sx = Math.cos(shadowAngle);
        double sy = Math.sin(shadowAngle);
        // The shadow edge passes near the codes, where it hurts.
        double shadowOffset = (random.nextDouble() - 0.5) * 0.3 * diag;
        double shadowSoft = 0.02 * diag;
        double bgBase = 0.25 + 0.3 * random.nextDouble();
        double bgFreq = 2 * Math.PI / (0.2 * diag);
        Curl curl = shot.curl() == 0 ? null : new Curl(shot.curl(), codes, moduleMm, random);
        double[] p = new double[2];
        float paperOutside = shot.scan() ? 0.97f : -1f;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                toDoc.map(x + 0.5, y + 0.5, p);
                double shade = 1;
                if (curl != null) {
                    shade = curl.unwarp(p);
                }
                float refl = -1;
                if (p[0] >= 0 && p[1] >= 0 && p[0] < layout.widthMm() && p[1] < layout.heightMm()) {
                    refl = printed.plane().sample(p[0] * rasterPerMm - 0.5, p[1] * rasterPerMm - 0.5, 1f) * 0.92f;
                }
                if (refl < 0) {
                    refl = paperOutside > 0 ? paperOutside
                            : (float) (bgBase * (1 + 0.25 * Math.sin(x * bgFreq) * Math.cos(y * bgFreq * 0.7)));
                    shade = 1;
                }
                double lx = (x - width / 2.0) / diag;
                double ly = (y - height / 2.0) / diag;
                double light = shot.light() * (1 + shot.gradient() * 2 * (lx * gx + ly * gy)) * (1 - shot.vignette() * 4 * (lx * lx + ly * ly));
                if (shot.shadow() > 0) {
                    double d = (x - width / 2.0) * sx + (y - height / 2.0) * sy - shadowOffset;
                    light *= 1 - shot.shadow() / (1 + Math.exp(-d / shadowSoft));
                }
                out.v[y * width + x] = (float) (refl * light * shade);
            }
        }
        if (shot.glare() > 0) {
            glare(out, toScene, printed, codes);
        }
        if (shot.finger()) {
            finger(out, toScene, codes);
        }
        out.gaussian(shot.focusSigma());
        if (shot.motionPx() > 0) {
            out.motion(shot.motionPx(), Math.toRadians(shot.motionDeg()));
        }
        out.noise(shot.noise(), shot.grain(), random);
        return pixels(out);
    }

    /** Perspective: the far side of the paper shrinks toward the axis of view and along it. */
    private void tilt(double[][] corners, double cx, double cy) {
        double k = shot.tilt();
        if (k <= 0) {
            return;
        }
        double a = Math.toRadians(shot.tiltDirDeg());
        double dx = Math.cos(a);
        double dy = Math.sin(a);
        double reach = 0;
        for (double[] c : corners) {
            reach = Math.max(reach, Math.abs((c[0] - cx) * dx + (c[1] - cy) * dy));
        }
        for (double[] c : corners) {
            double along = (c[0] - cx) * dx + (c[1] - cy) * dy;
            double across = -(c[0] - cx) * dy + (c[1] - cy) * dx;
            double t = along / reach;
            double newAlong = along * (1 - 0.5 * k * Math.max(t, 0)) * (1 + 0.2 * k * Math.max(-t, 0));
            double newAcross = across * (1 - k * t * 0.5);
            c[0] = cx + newAlong * dx - newAcross * dy;
            c[1] = cy + newAlong * dy + newAcross * dx;
        }
    }

    /** A specular highlight over the codes: light added on top of the print, clipped by the sensor. */
    private void glare(Plane out, Homography toScene, SheetRenderer.Printed printed, Rectangle2D codes) {
        Rectangle2D first = printed.qrBoxes().get(random.nextInt(printed.qrBoxes().size()));
        double[] centre = toScene.map(first.getCenterX() + (random.nextDouble() - 0.5) * 0.5 * first.getWidth(),
                first.getCenterY() + (random.nextDouble() - 0.5) * 0.5 * first.getHeight());
        double[] edge = toScene.map(first.getMaxX(), first.getCenterY());
        double qrPx = 2 * Math.hypot(edge[0] - toScene.map(first.getCenterX(), first.getCenterY())[0],
                edge[1] - toScene.map(first.getCenterX(), first.getCenterY())[1]);
        double sigma = shot.glareRadius() * qrPx;
        double peak = shot.glare() * shot.light();
        int r = (int) (4 * sigma);
        for (int y = Math.max(0, (int) centre[1] - r); y < Math.min(out.height, (int) centre[1] + r); y++) {
            for (int x = Math.max(0, (int) centre[0] - r); x < Math.min(out.width, (int) centre[0] + r); x++) {
                double d2 = (x - centre[0]) * (x - centre[0]) + (y - centre[1]) * (y - centre[1]);
                // A highlight has a flat-topped core and soft shoulders.
                out.v[y * out.width + x] += (float) (peak * Math.exp(-Math.pow(d2 / (2 * sigma * sigma), 1.5)));
            }
        }
    }

    /**
     * A fingertip over the corner of a code that has no finder pattern, reaching in from outside; closer
     * to the lens than the paper, so its edge is soft.
     */
    private void finger(Plane out, Homography toScene, Rectangle2D codes) {
        double size = Math.min(codes.getWidth(), 60);
        double[] tip = toScene.map(codes.getMaxX() - 0.15 * size, codes.getMaxY() - 0.15 * size);
        double[] away = toScene.map(codes.getMaxX() + 0.6 * size, codes.getMaxY() + 0.6 * size);
        double[] ref = toScene.map(codes.getMaxX(), codes.getMaxY());
        double[] ref2 = toScene.map(codes.getMaxX() - size, codes.getMaxY());
        double qrPx = Math.hypot(ref[0] - ref2[0], ref[1] - ref2[1]);
        double halfWidth = 0.16 * qrPx;
        double ux = away[0] - tip[0];
        double uy = away[1] - tip[1];
        double len = Math.hypot(ux, uy);
        ux /= len;
        uy /= len;
        double soft = Math.max(1.5, 0.03 * qrPx);
        double skin = 0.55 * shot.light();
        for (int y = 0; y < out.height; y++) {
            for (int x = 0; x < out.width; x++) {
                double along = (x - tip[0]) * ux + (y - tip[1]) * uy;
                if (along < -halfWidth - 3 * soft) {
                    continue;
                }
                double across = -(x - tip[0]) * uy + (y - tip[1]) * ux;
                // A capsule: a rounded tip, then a finger of constant width.
                double d = along < 0 ? Math.hypot(along, across) : Math.abs(across);
                double cover = 1 / (1 + Math.exp((d - halfWidth) / soft));
                if (cover < 0.002) {
                    continue;
                }
                double roundness = Math.max(0, 1 - (across * across) / (halfWidth * halfWidth));
                double value = skin * (0.7 + 0.3 * Math.sqrt(roundness));
                int i = y * out.width + x;
                out.v[i] = (float) (out.v[i] * (1 - cover) + value * cover);
            }
        }
    }

    private BufferedImage pixels(Plane plane) {
        int w = plane.width;
        int h = plane.height;
        double gain = shot.gain();
        if (shot.grey()) {
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) clip(plane.v[i] * gain * 255);
            }
            return image;
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        // Warm light on cream paper: red a little up, blue down (night photos are warmer still).
        double warm = gain > 1 ? 0.18 : 0.07;
        for (int i = 0; i < data.length; i++) {
            double v = plane.v[i] * gain * 255;
            int r = clip(v * (1 + warm * 0.6));
            int g = clip(v);
            int b = clip(v * (1 - warm));
            data[i] = (r << 16) | (g << 8) | b;
        }
        return image;
    }

    private static int clip(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5);
    }

    /**
     * Paper that is not flat. Curled: the strip lies on a cylinder whose axis crosses the codes, so they are
     * squeezed toward the edges and shaded. Folded: a crease through a code, the far half tilted (narrower,
     * darker) and slightly displaced.
     */
    private static final class Curl {
        private final int kind;
        private final double centre;
        private final double radius;
        private final double nx;
        private final double ny;
        private final double px;
        private final double py;
        private final double shift;

        Curl(int kind, Rectangle2D codes, double moduleMm, SplittableRandom random) {
            this.kind = kind;
            double qr = Math.min(codes.getWidth(), codes.getHeight());
            this.centre = codes.getCenterX() + (random.nextDouble() - 0.5) * 0.2 * qr;
            this.radius = qr * (1.0 + 0.4 * random.nextDouble());
            double a = Math.toRadians(-30 + 60 * random.nextDouble());
            this.nx = Math.cos(a);
            this.ny = Math.sin(a);
            this.px = codes.getCenterX() + (random.nextDouble() - 0.5) * 0.3 * qr;
            this.py = codes.getMinY() + qr * (0.3 + 0.4 * random.nextDouble());
            this.shift = moduleMm * (0.2 + 0.3 * random.nextDouble());
        }

        /** Replaces the projected point by the paper point seen there; returns the shading factor. */
        double unwarp(double[] p) {
            if (kind == 1) {
                double t = (p[0] - centre) / radius;
                if (Math.abs(t) >= 0.999) {
                    p[0] = -1e9;
                    return 1;
                }
                double angle = Math.asin(t);
                p[0] = centre + radius * angle;
                // Lit from the front-left: the side turning away darkens.
                return 0.6 + 0.4 * Math.cos(angle + 0.35);
            }
            double d = (p[0] - px) * nx + (p[1] - py) * ny;
            if (d <= 0) {
                return 1;
            }
            // Beyond the crease the paper rises toward the lens at an angle: foreshortened by 0.85.
            double paper = d / 0.85 + shift;
            p[0] += (paper - d) * nx;
            p[1] += (paper - d) * ny;
            return d < 0.3 ? 0.75 : 0.82;
        }
    }
}
