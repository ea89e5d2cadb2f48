package org.testigo.election;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shapes of an election's places, to draw maps: each {@link Region} names a node of the geography
 * by its code and gives its outline in longitude/latitude (WGS 84) degrees. Optional in an election
 * package ({@code geometry.geojson}, docs/election-package.md §7); a place without a region is simply not
 * drawn.
 */
public record Geometry(List<Region> regions) {

    public Geometry {
        regions = List.copyOf(regions);
        Set<String> seen = new HashSet<>();
        for (Region r : regions) {
            if (!seen.add(r.code())) {
                throw new IllegalArgumentException("region " + r.code() + " appears twice");
            }
        }
    }

    /**
     * One place's outline: one or more polygons, each an outer ring followed by its holes. A ring is
     * {@code [lon0, lat0, lon1, lat1, …]}, closed (its last point repeats its first).
     */
    public record Region(String code, List<List<double[]>> polygons) {
        public Region {
            if (code == null || code.isEmpty()) {
                throw new IllegalArgumentException("a region needs the code of its node");
            }
            List<List<double[]>> copy = new ArrayList<>(polygons.size());
            for (List<double[]> polygon : polygons) {
                if (polygon.isEmpty()) {
                    throw new IllegalArgumentException("region " + code + " has a polygon without rings");
                }
                List<double[]> rings = new ArrayList<>(polygon.size());
                for (double[] ring : polygon) {
                    requireRing(code, ring);
                    rings.add(ring.clone());
                }
                copy.add(List.copyOf(rings));
            }
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("region " + code + " has no polygon");
            }
            polygons = List.copyOf(copy);
        }

        private static void requireRing(String code, double[] ring) {
            if (ring.length < 8 || ring.length % 2 != 0) {
                throw new IllegalArgumentException("region " + code + " has a ring of fewer than 4 points");
            }
            for (int i = 0; i < ring.length; i += 2) {
                if (!(ring[i] >= -180 && ring[i] <= 180 && ring[i + 1] >= -90 && ring[i + 1] <= 90)) {
                    throw new IllegalArgumentException("region " + code + " has a point outside longitude -180..180, latitude -90..90");
                }
            }
            if (ring[0] != ring[ring.length - 2] || ring[1] != ring[ring.length - 1]) {
                throw new IllegalArgumentException("region " + code + " has a ring that is not closed");
            }
        }

        /** The rings hold arrays: equal when every coordinate is. */
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Region other) || !code.equals(other.code) || polygons.size() != other.polygons.size()) {
                return false;
            }
            for (int p = 0; p < polygons.size(); p++) {
                List<double[]> a = polygons.get(p);
                List<double[]> b = other.polygons.get(p);
                if (a.size() != b.size()) {
                    return false;
                }
                for (int r = 0; r < a.size(); r++) {
                    if (!Arrays.equals(a.get(r), b.get(r))) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = code.hashCode();
            for (List<double[]> polygon : polygons) {
                for (double[] ring : polygon) {
                    h = 31 * h + Arrays.hashCode(ring);
                }
            }
            return h;
        }
    }

    public Optional<Region> region(String code) {
        return regions.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    /**
     * A lighter copy for drawing: each ring simplified (Douglas-Peucker, dropping points within
     * {@code tolerance} degrees of the line kept) and rounded to {@code decimals} places. Parts that
     * shrink below a ring of 4 points (islets, slivers of holes) are left out; a region all of whose parts
     * would vanish keeps its shapes as they were.
     */
    public Geometry simplified(double tolerance, int decimals) {
        double scale = Math.pow(10, decimals);
        List<Region> out = new ArrayList<>(regions.size());
        for (Region r : regions) {
            List<List<double[]>> polygons = new ArrayList<>();
            for (List<double[]> polygon : r.polygons()) {
                List<double[]> rings = new ArrayList<>();
                for (double[] ring : polygon) {
                    double[] s = round(simplify(ring, tolerance), scale);
                    if (s.length >= 8 && s[0] == s[s.length - 2] && s[1] == s[s.length - 1]) {
                        rings.add(s);
                    } else if (rings.isEmpty()) {
                        break; // the outer ring vanished: so does the part, holes and all
                    }
                }
                if (!rings.isEmpty()) {
                    polygons.add(rings);
                }
            }
            out.add(polygons.isEmpty() ? r : new Region(r.code(), polygons));
        }
        return new Geometry(out);
    }

    private static double[] round(double[] ring, double scale) {
        double[] out = new double[ring.length];
        int n = 0;
        for (int i = 0; i < ring.length; i += 2) {
            double x = Math.round(ring[i] * scale) / scale;
            double y = Math.round(ring[i + 1] * scale) / scale;
            if (n >= 2 && out[n - 2] == x && out[n - 1] == y) {
                if (i == ring.length - 2) {
                    n -= 2; // the closing point stays the ring's last; its twin before it goes
                } else {
                    continue; // rounding made two neighbours one point
                }
            }
            out[n++] = x;
            out[n++] = y;
        }
        return Arrays.copyOf(out, n);
    }

    private static double[] simplify(double[] ring, double tolerance) {
        int points = ring.length / 2;
        boolean[] keep = new boolean[points];
        keep[0] = true;
        keep[points - 1] = true;
        // The ring is closed, so split it at its farthest point from the start: two open chains.
        int far = 0;
        double best = -1;
        for (int i = 1; i < points - 1; i++) {
            double d = Math.hypot(ring[2 * i] - ring[0], ring[2 * i + 1] - ring[1]);
            if (d > best) {
                best = d;
                far = i;
            }
        }
        if (far > 0) {
            keep[far] = true;
            mark(ring, 0, far, tolerance, keep);
            mark(ring, far, points - 1, tolerance, keep);
        }
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        double[] out = new double[kept * 2];
        int n = 0;
        for (int i = 0; i < points; i++) {
            if (keep[i]) {
                out[n++] = ring[2 * i];
                out[n++] = ring[2 * i + 1];
            }
        }
        return out;
    }

    /** Douglas-Peucker over points {@code from..to}, with an explicit stack (rings have thousands of points). */
    private static void mark(double[] ring, int from, int to, double tolerance, boolean[] keep) {
        int[] stack = new int[2 * (to - from + 2)];
        int top = 0;
        stack[top++] = from;
        stack[top++] = to;
        while (top > 0) {
            int b = stack[--top];
            int a = stack[--top];
            double ax = ring[2 * a];
            double ay = ring[2 * a + 1];
            double dx = ring[2 * b] - ax;
            double dy = ring[2 * b + 1] - ay;
            double length = Math.hypot(dx, dy);
            int worst = -1;
            double worstDistance = tolerance;
            for (int i = a + 1; i < b; i++) {
                double px = ring[2 * i] - ax;
                double py = ring[2 * i + 1] - ay;
                double d = length == 0 ? Math.hypot(px, py) : Math.abs(px * dy - py * dx) / length;
                if (d > worstDistance) {
                    worstDistance = d;
                    worst = i;
                }
            }
            if (worst >= 0) {
                keep[worst] = true;
                stack[top++] = a;
                stack[top++] = worst;
                stack[top++] = worst;
                stack[top++] = b;
            }
        }
    }
}
