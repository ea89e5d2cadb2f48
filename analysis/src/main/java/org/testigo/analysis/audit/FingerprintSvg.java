package org.testigo.analysis.audit;

import java.util.Locale;

/**
 * Draws a {@link Fingerprint} as an inline SVG: turnout left to right, the leader's share bottom to top,
 * each cell shaded by the logarithm of its tables (so a handful of tables in the corner still shows).
 */
public final class FingerprintSvg {
    private FingerprintSvg() {
    }

    /** @param size the drawing's width and height in pixels */
    public static String render(Fingerprint f, int size) {
        int b = f.bins();
        int max = 0;
        for (int c : f.counts()) {
            max = Math.max(max, c);
        }
        double cell = (double) size / b;
        StringBuilder s = new StringBuilder(4096);
        s.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-label=\"turnout × %s share, %d tables\">", size, size, size, size,
                AuditHtml.esc(f.leader()), f.tables()));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\" stroke=\"#999\"/>", size, size));
        for (int y = 0; y < b; y++) {
            for (int x = 0; x < b; x++) {
                int c = f.count(x, y);
                if (c == 0) {
                    continue;
                }
                double shade = max <= 1 ? 1 : Math.log1p(c) / Math.log1p(max);
                int light = (int) Math.round(235 - 200 * shade);
                s.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"rgb(%d,%d,255)\"/>",
                        x * cell, size - (y + 1) * cell, cell, cell, light, light));
            }
        }
        return s.append("</svg>").toString();
    }
}
