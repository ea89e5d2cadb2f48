package org.testigo.resultados;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;
import org.testigo.election.pkg.CsvReader;
import org.testigo.election.pkg.CsvRecord;
import org.testigo.testing.SharedData;

/** The bulletins kept as constants agree with the press record in shared/data and add up. */
class Ve2024OfficialTest {
    /** Names as cne_official_bulletins_2024.csv spells them (without accents) → ballot ids. */
    private static final Map<String, String> IDS = Map.of(
            "Nicolas Maduro", "NM", "Edmundo Gonzalez", "EG", "Luis Martinez", "LM", "Antonio Ecarri", "AE",
            "Benjamin Rausseo", "BERA", "Jose Brito", "JOBR", "Javier Bertucci", "JABE", "Claudio Fermin", "CF",
            "Enrique Marquez", "EM", "Daniel Ceballos", "DC");

    @Test
    void givesTheVotesOfTheBulletinsFile() throws Exception {
        Map<String, Map<String, BigDecimal>> press = new LinkedHashMap<>();
        Map<String, String> notes = new HashMap<>();
        try (Reader in = Files.newBufferedReader(SharedData.file("cne_official_bulletins_2024.csv"), StandardCharsets.UTF_8);
                CsvReader csv = new CsvReader(in, false)) {
            CsvRecord header = csv.next();
            assertThat(header.fields()).containsExactly("bulletin", "announced", "notes", "candidate", "votes", "pct_reported");
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                String item = r.get(3).startsWith("Otros") ? OfficialFigure.OTHERS : IDS.get(r.get(3));
                assertThat(item).as(r.get(3)).isNotNull();
                press.computeIfAbsent(r.get(0), k -> new LinkedHashMap<>()).put(item, new BigDecimal(r.get(4)));
                notes.merge(r.get(0), r.get(2), String::concat);
            }
        }
        assertThat(press.keySet()).containsExactly("CNE boletin 1", "CNE boletin 2");
        assertVotes(Ve2024Official.BULLETIN_1, press.get("CNE boletin 1"));
        assertVotes(Ve2024Official.BULLETIN_2, press.get("CNE boletin 2"));

        // The second bulletin's note gives valid, null and counted ballots as "validos 12,335,884" etc.
        String note = notes.get("CNE boletin 2");
        assertThat(figure(Ve2024Official.BULLETIN_2, OfficialFigure.VALID)).isEqualTo(number(note, "validos"));
        assertThat(figure(Ve2024Official.BULLETIN_2, OfficialFigure.NULL)).isEqualTo(number(note, "nulos"));
        assertThat(figure(Ve2024Official.BULLETIN_2, OfficialFigure.CAST)).isEqualTo(number(note, "escrutados"));
        assertThat(note).contains(figure(Ve2024Official.BULLETIN_2, OfficialFigure.TABLES_PERCENT) + "% actas");
        String note1 = notes.get("CNE boletin 1");
        assertThat(note1).contains(figure(Ve2024Official.BULLETIN_1, OfficialFigure.TABLES_PERCENT) + "% mesas")
                .contains("participacion " + figure(Ve2024Official.BULLETIN_1, OfficialFigure.TURNOUT_PERCENT) + "%");
    }

    @Test
    void addsUp() {
        OfficialBulletin b2 = Ve2024Official.BULLETIN_2;
        long candidates = b2.figures().stream().filter(f -> IDS.containsValue(f.item()))
                .mapToLong(f -> f.value().longValueExact()).sum();
        assertThat(candidates).isEqualTo(12_335_884L).isEqualTo(figure(b2, OfficialFigure.VALID).longValueExact());
        assertThat(figure(b2, OfficialFigure.VALID).add(figure(b2, OfficialFigure.NULL))).isEqualTo(figure(b2, OfficialFigure.CAST));
        OfficialBulletin b1 = Ve2024Official.BULLETIN_1;
        // SOURCES.md: bulletin 1's total was 10,058,774.
        assertThat(figure(b1, "NM").add(figure(b1, "EG")).add(figure(b1, OfficialFigure.OTHERS))).isEqualTo(new BigDecimal("10058774"));
    }

    @Test
    void assumesAnElectionOfThirtyThousandTables() {
        assertThat(Ve2024Official.EXPECTED_TABLES).isEqualTo(30_026);
        assertThat(Ve2024Official.EXPECTED_ELECTORATE).isEqualTo(21_620_705);
    }

    private static void assertVotes(OfficialBulletin bulletin, Map<String, BigDecimal> press) {
        press.forEach((item, votes) -> assertThat(figure(bulletin, item)).as(bulletin.id() + " " + item).isEqualTo(votes));
        long candidateFigures = bulletin.figures().stream().filter(f -> IDS.containsValue(f.item())
                || f.item().equals(OfficialFigure.OTHERS)).count();
        assertThat(candidateFigures).isEqualTo(press.size());
    }

    private static BigDecimal figure(OfficialBulletin b, String item) {
        return b.figure(item).orElseThrow(() -> new AssertionError(b.id() + " has no " + item)).value();
    }

    private static BigDecimal number(String text, String word) {
        Matcher m = Pattern.compile(word + " ([0-9,]+)").matcher(text);
        assertThat(m.find()).as(word + " in " + text).isTrue();
        return new BigDecimal(m.group(1).replace(",", ""));
    }
}
