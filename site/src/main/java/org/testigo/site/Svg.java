package org.testigo.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testigo.election.Geometry;
import org.testigo.totals.CandidateVotes;

/**
 * The site's pictures, drawn on the server as SVG text to be put inline in a page: no script, no request,
 * readable as text. Every name that enters the SVG is escaped here (the templates insert it as is).
 */
final class Svg {
    /** Candidate colours by ballot position; distinct in hue and readable on white. */
    static final List<String> PALETTE = List.of("#1f6fb4", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085",
            "#7f8c8d", "#b7950b", "#c2185b", "#34495e");

    /** The map's drawing width in SVG units; heights follow the shapes' proportions. */
    private static final double MAP_WIDTH = 800;

    private Svg() {
    }

    static String colour(int candidateIndex) {
        return PALETTE.get(Math.floorMod(candidateIndex, PALETTE.size()));
    }

    /**
     * Horizontal bars, one per candidate in the order given, each with its name, share and votes.
     *
     * @param colours candidate id → colour
     */
    static String bars(List<CandidateVotes> candidates, Map<String, String> colours, Numbers n, String title) {
        int row = 34;
        int width = 680;
        int labelWidth = 210;
        int barSpace = width - labelWidth - 180; // room after the longest bar for "51,95 % · 6.408.844"
        double max = 0;
        for (CandidateVotes c : candidates) {
            max = Math.max(max, c.share());
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"bars\" viewBox=\"0 0 ").append(width).append(' ').append(candidates.size() * row + 4)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">");
        s.append("<title>").append(escape(title)).append("</title>");
        int y = 2;
        for (CandidateVotes c : candidates) {
            double w = max == 0 ? 0 : c.share() / max * barSpace;
            s.append("<g><text x=\"0\" y=\"").append(y + 21).append("\">").append(escape(shorten(c.name(), 30))).append("</text>");
            s.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 6).append("\" width=\"").append(fmt(Math.max(w, 1)))
                    .append("\" height=\"22\" rx=\"3\" fill=\"").append(colours.getOrDefault(c.id(), "#888")).append("\"/>");
            s.append("<text x=\"").append(fmt(labelWidth + Math.max(w, 1) + 8)).append("\" y=\"").append(y + 21).append("\">")
                    .append(escape(n.percent(c.share()))).append(" · ").append(escape(n.count(c.votes()))).append("</text></g>");
            y += row;
        }
        return s.append("</svg>").toString();
    }

    /** One region of the map: its place, how it links, its fill and what it says on hover. */
    record Area(String code, String href, String colour, double opacity, String label) {
    }

    /**
     * The map: every region drawn in an equirectangular projection corrected for latitude (plain and good
     * enough for a country), each a link to its place.
     */
    static String map(Geometry geometry, List<Area> areas, String title) {
        double minLon = Double.MAX_VALUE;
        double maxLon = -Double.MAX_VALUE;
        double minLat = Double.MAX_VALUE;
        double maxLat = -Double.MAX_VALUE;
        for (Geometry.Region r : geometry.regions()) {
            for (List<double[]> polygon : r.polygons()) {
                double[] ring = polygon.get(0);
                for (int i = 0; i < ring.length; i += 2) {
                    minLon = Math.min(minLon, ring[i]);
                    maxLon = Math.max(maxLon, ring[i]);
                    minLat = Math.min(minLat, ring[i + 1]);
                    maxLat = Math.max(maxLat, ring[i + 1]);
                }
            }
        }
        double k = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        double scale = MAP_WIDTH / Math.max(1e-9, (maxLon - minLon) * k);
        double height = Math.ceil((maxLat - minLat) * scale);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"map\" viewBox=\"0 0 ").append(fmt(MAP_WIDTH)).append(' ').append(fmt(height))
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">");
        s.append("<title>").append(escape(title)).append("</title>");
        for (Area a : areas) {
            Geometry.Region r = geometry.region(a.code()).orElse(null);
            if (r == null) {
                continue;
            }
            s.append("<a href=\"").append(escape(a.href())).append("\"><path d=\"");
            for (List<double[]> polygon : r.polygons()) {
                for (double[] ring : polygon) {
                    appendRing(s, ring, minLon, maxLat, k, scale);
                }
            }
            s.append("\" fill=\"").append(a.colour()).append("\" fill-opacity=\"").append(fmt2(a.opacity()))
                    .append("\" fill-rule=\"evenodd\"><title>").append(escape(a.label())).append("</title></path></a>");
        }
        return s.append("</svg>").toString();
    }

    private static void appendRing(StringBuilder s, double[] ring, double minLon, double maxLat, double k, double scale) {
        long lastX = Long.MIN_VALUE;
        long lastY = Long.MIN_VALUE;
        boolean first = true;
        for (int i = 0; i < ring.length - 2; i += 2) { // the closing point is implied by Z
            // Whole units: at 800 units wide, a unit is about a kilometre of a country's width.
            long x = Math.round((ring[i] - minLon) * k * scale);
            long y = Math.round((maxLat - ring[i + 1]) * scale);
            if (x == lastX && y == lastY) {
                continue;
            }
            s.append(first ? "M" : "L").append(x).append(' ').append(y);
            first = false;
            lastX = x;
            lastY = y;
        }
        s.append('Z');
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.1f", d);
    }

    private static String fmt2(double d) {
        return String.format(java.util.Locale.ROOT, "%.2f", d);
    }

    static List<String> palette() {
        return new ArrayList<>(PALETTE);
    }
}
