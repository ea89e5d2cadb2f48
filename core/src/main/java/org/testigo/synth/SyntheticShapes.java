package org.testigo.synth;

import java.util.ArrayList;
import java.util.List;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.Geometry;

/**
 * Plausible outlines for a synthetic election's states, so that its map can be drawn: the states tile a
 * box of longitude/latitude as a grid of cells whose corners are moved at random and whose edges wander
 * (each edge bent at a few points). Neighbours share the very same edge points, so the tiling has no gap
 * or overlap. Deterministic for a seed, like everything the generator makes.
 */
final class SyntheticShapes {
    /** Where the synthetic country lies: roughly where Venezuela does, for a familiar aspect. */
    private static final double WEST = -73;
    private static final double EAST = -60;
    private static final double SOUTH = 1;
    private static final double NORTH = 12;
    /** Points each edge is bent at. */
    private static final int BENDS = 3;

    private SyntheticShapes() {
    }

    static Geometry of(Geography geography, long seed) {
        List<String> states = new ArrayList<>();
        for (int i : geography.children(0)) {
            states.add(geography.node(i).code());
        }
        int n = states.size();
        int cols = Math.max(1, (int) Math.ceil(Math.sqrt(n * 1.2)));
        int rows = (n + cols - 1) / cols;
        double cw = (EAST - WEST) / cols;
        double ch = (NORTH - SOUTH) / rows;
        // Corners: moved up to a quarter of a cell (the outer ones too, for a ragged coast).
        double[][] cx = new double[cols + 1][rows + 1];
        double[][] cy = new double[cols + 1][rows + 1];
        for (int x = 0; x <= cols; x++) {
            for (int y = 0; y <= rows; y++) {
                Dice d = Dice.of(seed, Streams.SHAPES, (long) x * 1_000 + y);
                cx[x][y] = WEST + x * cw + (d.uniform() - 0.5) * cw * 0.5;
                cy[x][y] = SOUTH + y * ch + (d.uniform() - 0.5) * ch * 0.5;
            }
        }
        List<Geometry.Region> regions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int x = i % cols;
            int y = rows - 1 - i / cols; // the first state at the top left, as one reads
            List<Double> ring = new ArrayList<>();
            edge(ring, cx, cy, x, y, x + 1, y, seed, cw, ch);         // bottom, west → east
            edge(ring, cx, cy, x + 1, y, x + 1, y + 1, seed, cw, ch); // right, south → north
            edge(ring, cx, cy, x + 1, y + 1, x, y + 1, seed, cw, ch); // top, east → west
            edge(ring, cx, cy, x, y + 1, x, y, seed, cw, ch);         // left, north → south
            ring.add(ring.get(0));
            ring.add(ring.get(1));
            double[] xy = new double[ring.size()];
            for (int k = 0; k < xy.length; k++) {
                xy[k] = Math.round(ring.get(k) * 1_000) / 1_000.0;
            }
            regions.add(new Geometry.Region(states.get(i), List.of(List.of(xy))));
        }
        return new Geometry(regions);
    }

    /**
     * Appends the edge from corner (x0, y0) to corner (x1, y1), without its end point. The bends are drawn
     * from the edge's own identity (its lower corner and direction), so both cells sharing it get the same
     * points, in opposite orders.
     */
    private static void edge(List<Double> ring, double[][] cx, double[][] cy, int x0, int y0, int x1, int y1, long seed,
            double cw, double ch) {
        boolean forward = x0 < x1 || y0 < y1;
        int ax = forward ? x0 : x1;
        int ay = forward ? y0 : y1;
        int bx = forward ? x1 : x0;
        int by = forward ? y1 : y0;
        boolean horizontal = ay == by;
        Dice d = Dice.of(seed, Streams.SHAPES, 10_000_000L + (horizontal ? 0 : 5_000_000L) + (long) ax * 1_000 + ay);
        double[] px = new double[BENDS];
        double[] py = new double[BENDS];
        for (int k = 0; k < BENDS; k++) {
            double t = (k + 1.0) / (BENDS + 1);
            double wobble = (d.uniform() - 0.5) * 0.3;
            px[k] = cx[ax][ay] + (cx[bx][by] - cx[ax][ay]) * t + (horizontal ? 0 : wobble * cw);
            py[k] = cy[ax][ay] + (cy[bx][by] - cy[ax][ay]) * t + (horizontal ? wobble * ch : 0);
        }
        ring.add(cx[x0][y0]);
        ring.add(cy[x0][y0]);
        for (int k = 0; k < BENDS; k++) {
            int j = forward ? k : BENDS - 1 - k;
            ring.add(px[j]);
            ring.add(py[j]);
        }
    }
}
