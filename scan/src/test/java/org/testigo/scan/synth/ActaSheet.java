package org.testigo.scan.synth;

import java.util.ArrayList;
import java.util.List;
import org.testigo.election.Ballot;
import org.testigo.election.Card;
import org.testigo.synth.SyntheticTable;

/**
 * What is printed on one acta: a header, labelled lines (candidates and their numbers), the QR codes in
 * the order printed, and a footer. The QR texts are what a perfect reader returns.
 *
 * @param format the tally format the QR texts are in, e.g. {@code ve-2024}, {@code br-bu}
 * @param name where the payload comes from (a synthetic table id or a test-vector name)
 */
public record ActaSheet(String format, String name, List<String> header, List<Line> lines, List<String> qrTexts,
        List<String> footer) {

    public ActaSheet {
        header = List.copyOf(header);
        lines = List.copyOf(lines);
        qrTexts = List.copyOf(qrTexts);
        footer = List.copyOf(footer);
        if (qrTexts.isEmpty()) {
            throw new IllegalArgumentException("an acta sheet prints at least one QR code");
        }
    }

    /** One printed line: a label on the left, a value on the right. */
    public record Line(String label, String value) {
    }

    /** A Venezuelan 2024 acta of a synthetic table: one line per ballot card, then its QR. */
    public static ActaSheet venezuela(SyntheticTable table, Ballot ballot) {
        String id = table.table().id().value();
        List<String> header = List.of("REPUBLICA BOLIVARIANA DE VENEZUELA", "CONSEJO NACIONAL ELECTORAL",
                "ELECCION PRESIDENCIAL 28/07/2024", "ACTA DE ESCRUTINIO", "CENTRO " + id.substring(0, 9) + "  MESA " + id.substring(10));
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("ELECTORES INSCRITOS", Integer.toString(table.table().registered())));
        List<Card> cards = ballot.cards();
        for (int i = 0; i < cards.size() && i < table.cards().size(); i++) {
            Card card = cards.get(i);
            String label = (card.candidate() + " " + card.name()).toUpperCase(java.util.Locale.ROOT);
            lines.add(new Line(label.length() > 30 ? label.substring(0, 30) : label, Integer.toString(table.cards().get(i))));
        }
        lines.add(new Line("VOTOS NULOS", Integer.toString(table.nullVotes())));
        lines.add(new Line("VOTOS VALIDOS", Long.toString(table.valid())));
        List<String> footer = List.of("FIRMA PRESIDENTE ____________", "FIRMA SECRETARIO ____________", "TESTIGO _____________________");
        return new ActaSheet("ve-2024", id, header, lines, List.of(table.payload()), footer);
    }

    /** A Brazilian boletim de urna: the fields a person reads, then every QR part of the BU. */
    public static ActaSheet brazil(String name, List<String> parts) {
        String first = parts.get(0);
        List<Line> lines = new ArrayList<>();
        for (String key : List.of("UNFE", "MUNI", "ZONA", "SECA", "APTO", "COMP", "FALT")) {
            String value = field(first, key);
            if (value != null) {
                lines.add(new Line(key, value));
            }
        }
        List<String> header = List.of("JUSTICA ELEITORAL", "BOLETIM DE URNA", "TRIBUNAL SUPERIOR ELEITORAL");
        List<String> footer = List.of("QR CODE: " + parts.size() + (parts.size() == 1 ? " PARTE" : " PARTES"), "ASSINATURA DIGITAL");
        return new ActaSheet("br-bu", name, header, lines, parts, footer);
    }

    private static String field(String text, String key) {
        for (String token : text.split(" ")) {
            if (token.startsWith(key + ":")) {
                return token.substring(key.length() + 1);
            }
        }
        return null;
    }
}
