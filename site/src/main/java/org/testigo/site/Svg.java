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

    /** One estimate with its 95 % and 99 % margins (fractions), for {@link #intervals}. */
    record Interval(String name, String colour, double value, double margin95, double margin99) {
    }

    /**
     * Estimates with error bars, one row each in the order given: a pale bar up to the estimate, a thick
     * line over its 95 % interval and a thin one with end ticks over its 99 % interval, and the estimate
     * with its 95 % margin written after it. The scale runs from 0 to the next 10 % above the widest
     * interval, so the bars of two pages with different estimates are not comparable by length alone.
     */
    static String intervals(List<Interval> rows, Numbers n, String title) {
        int row = 34;
        int width = 680;
        int labelWidth = 210;
        int plot = width - labelWidth - 170;
        double top = 0;
        for (Interval r : rows) {
            top = Math.max(top, r.value() + r.margin99());
        }
        double scale = Math.min(1, Math.max(0.1, Math.ceil(top * 10 - 1e-9) / 10));
        int height = rows.size() * row + 24;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"bars\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">");
        s.append("<title>").append(escape(title)).append("</title>");
        int y = 2;
        for (Interval r : rows) {
            double x = labelWidth + Math.max(0, r.value()) / scale * plot;
            double lo99 = labelWidth + Math.max(0, r.value() - r.margin99()) / scale * plot;
            double hi99 = labelWidth + Math.min(scale, r.value() + r.margin99()) / scale * plot;
            double lo95 = labelWidth + Math.max(0, r.value() - r.margin95()) / scale * plot;
            double hi95 = labelWidth + Math.min(scale, r.value() + r.margin95()) / scale * plot;
            int mid = y + 17;
            s.append("<g><text x=\"0\" y=\"").append(y + 21).append("\">").append(escape(shorten(r.name(), 30))).append("</text>");
            s.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 8).append("\" width=\"").append(fmt2(Math.max(x - labelWidth, 1)))
                    .append("\" height=\"18\" fill=\"").append(r.colour()).append("\" fill-opacity=\"0.3\"/>");
            s.append("<path d=\"M").append(fmt2(lo99)).append(' ').append(mid).append("H").append(fmt2(hi99))
                    .append("M").append(fmt2(lo99)).append(' ').append(mid - 6).append("V").append(mid + 6)
                    .append("M").append(fmt2(hi99)).append(' ').append(mid - 6).append("V").append(mid + 6)
                    .append("\" stroke=\"").append(r.colour()).append("\" stroke-width=\"1.5\" fill=\"none\"/>");
            s.append("<path d=\"M").append(fmt2(lo95)).append(' ').append(mid).append("H").append(fmt2(hi95))
                    .append("\" stroke=\"").append(r.colour()).append("\" stroke-width=\"6\"/>");
            s.append("<path d=\"M").append(fmt2(x)).append(' ').append(mid - 9).append("V").append(mid + 9)
                    .append("\" stroke=\"#1b1f24\" stroke-width=\"2\"/>");
            s.append("<text x=\"").append(fmt2(Math.max(hi99, x) + 8)).append("\" y=\"").append(y + 21).append("\">")
                    .append(escape(n.percent(r.value()))).append(" ± ").append(escape(n.decimal(100 * r.margin95(), 2))).append("</text></g>");
            y += row;
        }
        // The scale: 0, half and the top, with a light rule under the rows.
        int axis = y + 2;
        s.append("<path d=\"M").append(labelWidth).append(' ').append(axis).append("H").append(labelWidth + plot)
                .append("\" stroke=\"#5b6570\" stroke-width=\"1\"/>");
        for (double t : new double[] {0, scale / 2, scale}) {
            double tx = labelWidth + t / scale * plot;
            s.append("<text x=\"").append(fmt2(tx)).append("\" y=\"").append(axis + 16).append("\" text-anchor=\"middle\" font-size=\"12\">")
                    .append(escape(n.percent(t))).append("</text>");
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
