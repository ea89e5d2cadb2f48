package org.testigo.scan;

import boofcv.alg.fiducial.qrcode.QrCode;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.DetectorResult;
import georegression.struct.point.Point2D_F64;
import georegression.struct.shapes.Polygon2D_F64;
import java.util.ArrayList;
import java.util.List;

/**
 * A QR code BoofCV located (three finder patterns, a version) but could not decode: its side in modules
 * and the points whose grid position is known — the finder patterns' corners and centres — in the pixels
 * of the picture it will be sampled from. Not the alignment patterns BoofCV reports for a code it could
 * not read: on folded paper they are often a module or two off (it looks for them through its one
 * homography), and one wrong anchor there spoiled the mesh for the whole far side of the fold; the mesh
 * sampler finds them itself.
 *
 * @param modules the side of the code in modules (21 for version 1, 4 more per version)
 */
record LocatedCode(int modules, List<GridHomography.Anchor> anchors) {
    LocatedCode {
        if (modules < 21 || modules > 177 || (modules - 17) % 4 != 0) {
            throw new IllegalArgumentException("no QR version is " + modules + " modules a side");
        }
        anchors = List.copyOf(anchors);
    }

    /**
     * The code's anchors from a BoofCV failure, scaled by {@code scale} (full-picture pixels per pixel of
     * the view BoofCV searched); null when BoofCV's version or finder patterns are unusable.
     */
    static LocatedCode from(QrCode qr, double scale) {
        if (qr.version < 1 || qr.version > QrCode.MAX_VERSION
                || qr.ppCorner.size() != 4 || qr.ppRight.size() != 4 || qr.ppDown.size() != 4) {
            return null;
        }
        int n = QrCode.totalModules(qr.version);
        Point2D_F64 corner = centre(qr.ppCorner);
        Point2D_F64 right = centre(qr.ppRight);
        Point2D_F64 down = centre(qr.ppDown);
        // The code's own axes in the picture: toward the right finder is +column, toward the lower one +row.
        // Corners are named by which side of their finder's centre they lie on along these axes, which holds
        // whatever the rotation, perspective or mirroring.
        double ux = right.x - corner.x;
        double uy = right.y - corner.y;
        double vx = down.x - corner.x;
        double vy = down.y - corner.y;
        double det = ux * vy - uy * vx;
        if (Math.abs(det) < 1e-6) {
            return null;
        }
        List<GridHomography.Anchor> anchors = new ArrayList<>();
        addFinder(anchors, qr.ppCorner, 0, 0, ux, uy, vx, vy, det, scale);
        addFinder(anchors, qr.ppRight, n - 7, 0, ux, uy, vx, vy, det, scale);
        addFinder(anchors, qr.ppDown, 0, n - 7, ux, uy, vx, vy, det, scale);
        return new LocatedCode(n, anchors);
    }

    /**
     * A code ZXing's detector located (it found the three finder patterns and the lower-right alignment
     * pattern) but its own sampling could not decode, scaled like {@link #from(QrCode, double)}; null
     * without the alignment pattern, as three points do not fix a homography.
     */
    static LocatedCode from(DetectorResult located, double scale) {
        ResultPoint[] p = located.getPoints();
        int n = located.getBits().getWidth();
        if (p.length < 4 || p[3] == null) {
            return null;
        }
        // ZXing gives the finder centres (lower-left, upper-left, upper-right) and the alignment pattern's.
        return new LocatedCode(n, List.of(
                new GridHomography.Anchor(3.5, n - 3.5, p[0].getX() * scale, p[0].getY() * scale),
                new GridHomography.Anchor(3.5, 3.5, p[1].getX() * scale, p[1].getY() * scale),
                new GridHomography.Anchor(n - 3.5, 3.5, p[2].getX() * scale, p[2].getY() * scale),
                new GridHomography.Anchor(n - 6.5, n - 6.5, p[3].getX() * scale, p[3].getY() * scale)));
    }

    /** The same code in a picture {@code factor} times as large (0.5: the picture halved). */
    LocatedCode scaled(double factor) {
        return new LocatedCode(modules, anchors.stream()
                .map(a -> new GridHomography.Anchor(a.gx(), a.gy(), a.px() * factor, a.py() * factor)).toList());
    }

    /** Whether this is the code {@code other} also located (another view, another threshold): their first anchors nearly meet. */
    boolean sameAs(LocatedCode other) {
        GridHomography.Anchor a = anchors.get(0);
        GridHomography.Anchor b = other.anchors.get(0);
        GridHomography.Anchor far = anchors.get(anchors.size() - 1);
        double size = Math.hypot(far.px() - a.px(), far.py() - a.py());
        return modules == other.modules && Math.hypot(a.px() - b.px(), a.py() - b.py()) < 0.1 * size;
    }

    private static void addFinder(List<GridHomography.Anchor> anchors, Polygon2D_F64 polygon, int col, int row,
            double ux, double uy, double vx, double vy, double det, double scale) {
        Point2D_F64 c = centre(polygon);
        anchors.add(new GridHomography.Anchor(col + 3.5, row + 3.5, c.x * scale, c.y * scale));
        for (int i = 0; i < 4; i++) {
            Point2D_F64 p = polygon.get(i);
            double dx = p.x - c.x;
            double dy = p.y - c.y;
            // Solve (dx, dy) = a·u + b·v for the signs of a and b.
            double a = (dx * vy - dy * vx) / det;
            double b = (ux * dy - uy * dx) / det;
            anchors.add(new GridHomography.Anchor(col + (a > 0 ? 7 : 0), row + (b > 0 ? 7 : 0), p.x * scale, p.y * scale));
        }
    }

    private static Point2D_F64 centre(Polygon2D_F64 polygon) {
        double x = 0;
        double y = 0;
        for (int i = 0; i < polygon.size(); i++) {
            x += polygon.get(i).x;
            y += polygon.get(i).y;
        }
        return new Point2D_F64(x / polygon.size(), y / polygon.size());
    }
}
