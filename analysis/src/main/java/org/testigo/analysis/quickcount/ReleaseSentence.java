package org.testigo.analysis.quickcount;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.testigo.analysis.quickcount.QuickCountReport.CandidateShare;
import org.testigo.analysis.quickcount.QuickCountReport.Release;

/**
 * The sentence a quick-count team reads out, in Spanish and English: how much of the sample is in, the
 * two leading candidates' shares with their 95 % margins, the lead and whether it exceeds the 99 %
 * margin, the turnout, and a caution when a warning stands. Percentages have one decimal (a margin of
 * ±0.8 points makes a second one noise); numbers are written the way each language writes them
 * (1.000 and 67,1 in Spanish; 1,000 and 67.1 in English), independently of the machine's locale.
 */
final class ReleaseSentence {
    private ReleaseSentence() {
    }

    static Release of(QuickCountReport r) {
        if (r.reported() == 0 || r.lead() == null) {
            return new Release(
                    "Aún no ha informado ninguna mesa de la muestra (0 de " + whole(r.sampled(), '.') + ").",
                    "No sampled table has reported yet (0 of " + whole(r.sampled(), ',') + ").");
        }
        CandidateShare first = byId(r, r.lead().leader());
        CandidateShare second = byId(r, r.lead().runnerUp());
        RatioEstimate lead = r.lead().points();
        boolean decided = lead.value() - lead.margin99() > 0;
        StringBuilder es = new StringBuilder();
        es.append("Con ").append(whole(r.reported(), '.')).append(" de ").append(whole(r.sampled(), '.')).append(" mesas de la muestra, ")
                .append(first.name()).append(" obtiene ").append(pct(first.share().value(), ',')).append(" % de los votos válidos (± ")
                .append(pct(first.share().margin95(), ',')).append(" puntos, 95 % de confianza) y ").append(second.name()).append(' ')
                .append(pct(second.share().value(), ',')).append(" % (± ").append(pct(second.share().margin95(), ','))
                .append("); la ventaja es de ").append(pct(lead.value(), ',')).append(" puntos (± ").append(pct(lead.margin95(), ','))
                .append(decided ? ") y supera el margen de error al 99 %." : "), dentro del margen de error al 99 %: no permite anticipar un ganador.");
        StringBuilder en = new StringBuilder();
        en.append("With ").append(whole(r.reported(), ',')).append(" of ").append(whole(r.sampled(), ',')).append(" sampled tables in, ")
                .append(first.name()).append(" has ").append(pct(first.share().value(), '.')).append("% of valid votes (± ")
                .append(pct(first.share().margin95(), '.')).append(" points, 95% confidence) and ").append(second.name()).append(' ')
                .append(pct(second.share().value(), '.')).append("% (± ").append(pct(second.share().margin95(), '.'))
                .append("); the lead is ").append(pct(lead.value(), '.')).append(" points (± ").append(pct(lead.margin95(), '.'))
                .append(decided ? "), beyond the 99% margin of error." : "), within the 99% margin of error: no winner can be called.");
        if (r.turnout() != null) {
            es.append(" Participación estimada: ").append(pct(r.turnout().value(), ',')).append(" % (± ")
                    .append(pct(r.turnout().margin95(), ',')).append(").");
            en.append(" Estimated turnout: ").append(pct(r.turnout().value(), '.')).append("% (± ")
                    .append(pct(r.turnout().margin95(), '.')).append(").");
        }
        if (!r.warnings().isEmpty()) {
            es.append(" Atención: la muestra está incompleta o llega de forma desigual; la estimación puede estar sesgada.");
            en.append(" Caution: the sample is incomplete or unevenly in; the estimate may be biased.");
        }
        return new Release(es.toString(), en.toString());
    }

    private static CandidateShare byId(QuickCountReport r, String id) {
        return r.candidates().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the lead names a candidate the report does not have: " + id));
    }

    /** A fraction as a percentage with one decimal, rounded half up, with the given decimal mark. */
    static String pct(double fraction, char decimalMark) {
        String s = BigDecimal.valueOf(100 * fraction).setScale(1, RoundingMode.HALF_UP).toPlainString();
        return s.replace('.', decimalMark);
    }

    /** A whole number with the given thousands separator. */
    static String whole(long n, char separator) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(separator);
            }
            out.append(digits.charAt(i));
        }
        return (n < 0 ? "-" : "") + out;
    }
}
