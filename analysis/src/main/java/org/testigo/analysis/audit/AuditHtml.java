package org.testigo.analysis.audit;

import java.util.Locale;

/**
 * Renders an {@link AuditReport} as one self-contained HTML page: inline CSS, fingerprints as inline SVG,
 * no script and no external asset, so it can be mailed, archived or opened offline.
 */
public final class AuditHtml {
    private AuditHtml() {
    }

    public static String render(AuditReport r, String electionName) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!doctype html>\n<html lang=\"es\"><head><meta charset=\"utf-8\"><title>Auditoría / Audit — ")
                .append(esc(electionName)).append("</title><style>")
                .append("body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:right}")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left}.dev{background:#fde8e8}.caveat{color:#555;font-size:90%}")
                .append(".fp{display:inline-block;margin:.5em;text-align:center;font-size:85%}")
                .append("</style></head><body>\n");
        h.append("<h1>Auditoría de las actas / Audit of the tallies</h1>\n<p>").append(esc(electionName)).append(" — ")
                .append(String.format(Locale.ROOT, "%,d of %,d tables; leader %s, runner-up %s.", r.tables(), r.expectedTables(),
                        esc(r.leader()), esc(r.runnerUp()))).append("</p>\n");
        caveat(h, r.caveat());

        h.append("<h2>Comprobaciones por mesa / Checks per table</h2>\n<table><tr><th class=l>check</th><th>tables</th></tr>");
        r.checks().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> h.append("<tr><td class=l>")
                .append(e.getKey().label()).append(e.getKey().impossible() ? " (impossible)" : " (coincidence)")
                .append("</td><td>").append(e.getValue()).append("</td></tr>"));
        h.append("</table>\n");
        if (!r.flags().isEmpty()) {
            h.append("<table><tr><th class=l>table</th><th class=l>check</th><th class=l>detail</th></tr>");
            for (TableFlag f : r.flags()) {
                h.append("<tr><td class=l>").append(esc(f.table().value())).append("</td><td class=l>").append(f.code().label())
                        .append("</td><td class=l>").append(esc(f.detail())).append("</td></tr>");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Pruebas estadísticas / Statistical tests</h2>\n<table><tr><th class=l>test</th><th class=l>subject</th>")
                .append("<th>n</th><th>statistic</th><th>reference</th><th>95% band</th><th>p</th></tr>");
        for (StatResult t : r.tests()) {
            h.append("<tr").append(t.deviates() ? " class=dev" : "").append("><td class=l>").append(esc(t.test()))
                    .append("</td><td class=l>").append(esc(t.subject())).append("</td><td>").append(t.n()).append("</td><td>")
                    .append(num(t.statistic())).append("</td><td>").append(num(t.reference())).append("</td><td>")
                    .append(t.band() == null ? "" : num(t.band().low()) + " – " + num(t.band().high())).append("</td><td>")
                    .append(t.pValue() == null ? "" : String.format(Locale.ROOT, "%.3g", t.pValue())).append("</td></tr>");
        }
        h.append("</table>\n");
        r.tests().stream().map(StatResult::caveat).distinct().forEach(c -> caveat(h, c));

        h.append("<h2>Votos en exceso (Shpilkin) / Excess votes</h2>\n<table><tr><th class=l>candidate</th><th>mode turnout</th>")
                .append("<th>baseline ratio</th><th>excess votes</th><th>of the candidate's votes</th></tr>");
        for (ExcessVotes e : r.excess()) {
            h.append("<tr><td class=l>").append(esc(e.candidate())).append("</td><td>").append(pct(e.modeTurnout()))
                    .append("</td><td>").append(num(e.baselineRatio())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", e.excessVotes())).append("</td><td>").append(pct(e.shareOfCandidate()))
                    .append("</td></tr>");
        }
        h.append("</table>\n");
        if (!r.excess().isEmpty()) {
            caveat(h, r.excess().get(0).caveat());
        }

        h.append("<h2>Huellas (Klimek) / Fingerprints</h2>\n");
        caveat(h, Fingerprints.CAVEAT);
        for (Fingerprint f : r.fingerprints()) {
            h.append("<div class=fp>").append(FingerprintSvg.render(f, 160)).append("<br>")
                    .append(esc(f.node().isEmpty() ? "Nación / Nation" : f.node() + " " + f.name()))
                    .append(String.format(Locale.ROOT, "<br>%,d tables, r = %.2f", f.tables(), f.correlation())).append("</div>");
        }

        h.append("\n<h2>Mesas atípicas / Tables to look at</h2>\n<p>")
                .append(String.format(Locale.ROOT, "%,d tables beyond the peer threshold (expected by chance: at most %.1f%%).",
                        r.outliers(), 100 * r.falsePositiveRate())).append("</p>\n");
        caveat(h, PeerOutliers.CAVEAT);
        h.append("<table><tr><th class=l>table</th><th class=l>compared with</th><th>turnout</th><th>leader share</th>")
                .append("<th>z turnout</th><th>z share</th><th>score</th><th class=l>checks</th></tr>");
        for (RankedTable t : r.ranked()) {
            h.append("<tr").append(t.outlier() || !t.flags().isEmpty() ? " class=dev" : "").append("><td class=l>")
                    .append(esc(t.table().value())).append("</td><td class=l>").append(esc(t.peers())).append(" (")
                    .append(t.peerCount()).append(")</td><td>").append(t.turnout() == null ? "" : pct(t.turnout())).append("</td><td>")
                    .append(t.leaderShare() == null ? "" : pct(t.leaderShare())).append("</td><td>")
                    .append(t.zTurnout() == null ? "" : num(t.zTurnout())).append("</td><td>")
                    .append(t.zShare() == null ? "" : num(t.zShare())).append("</td><td>").append(num(t.score()))
                    .append("</td><td class=l>").append(t.flags().stream().map(CheckCode::label).toList()).append("</td></tr>");
        }
        h.append("</table>\n");

        OfficialComparison o = r.official();
        h.append("<h2>Boletines oficiales / Official bulletins</h2>\n");
        for (OfficialComparison.BulletinComparison b : o.bulletins()) {
            h.append("<h3>").append(esc(b.bulletin())).append(" (").append(esc(b.announced())).append(")</h3>")
                    .append("<table><tr><th class=l>item</th><th>official</th><th>collected</th><th>difference</th></tr>");
            for (OfficialComparison.Row row : b.rows()) {
                h.append("<tr><td class=l>").append(esc(row.item())).append("</td><td>").append(row.official().toPlainString())
                        .append("</td><td>").append(row.collected() == null ? "" : row.collected().toPlainString()).append("</td><td>")
                        .append(row.difference() == null ? "" : row.difference().toPlainString()).append("</td></tr>");
            }
            h.append("</table>\n");
        }
        if (o.certainty() != null) {
            var c = o.certainty();
            h.append("<p>").append(String.format(Locale.ROOT, "Lead of %s over %s: %,d votes. ", esc(c.leader()), esc(c.runnerUp()), c.lead()))
                    .append(c.outstanding() == null ? "The votes still possible cannot be bounded. "
                            : String.format(Locale.ROOT, "At most %,d votes remain (%s): %s. ", c.outstanding(), esc(c.basis()),
                                    c.certain() ? "the result is decided" : "not decided yet"))
                    .append(c.outstandingOfficial() == null ? "" : String.format(Locale.ROOT,
                            "By the authority's own count of votes cast, at most %,d remain: %s.", c.outstandingOfficial(),
                            Boolean.TRUE.equals(c.certainByOfficialCount()) ? "decided" : "not decided"))
                    .append("</p>\n");
        }
        if (!o.findings().isEmpty()) {
            h.append("<table><tr><th class=l>bulletin</th><th class=l>item</th><th class=l>finding</th><th class=l>detail</th>")
                    .append("<th>chance</th></tr>");
            for (BulletinFinding f : o.findings()) {
                h.append("<tr class=dev><td class=l>").append(esc(f.bulletin())).append("</td><td class=l>").append(esc(f.item()))
                        .append("</td><td class=l>").append(esc(f.code())).append("</td><td class=l>").append(esc(f.detail()))
                        .append("</td><td>").append(f.chance() == null ? "" : String.format(Locale.ROOT, "%.2g", f.chance()))
                        .append("</td></tr>");
            }
            h.append("</table>\n");
            o.findings().stream().map(BulletinFinding::caveat).distinct().forEach(c -> caveat(h, c));
        }
        return h.append("</body></html>\n").toString();
    }

    private static void caveat(StringBuilder h, Caveat c) {
        h.append("<p class=caveat>").append(esc(c.es())).append("<br>").append(esc(c.en())).append("</p>\n");
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
