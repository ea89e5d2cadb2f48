package org.testigo.election.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvRecord> readAll(String text) throws Exception {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text), true)) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }

    @Test
    void readsPlainRecordsWithTheirLineNumbers() throws Exception {
        List<CsvRecord> records = readAll("a,b,c\n1,2,3\n");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(records.get(1).fields()).containsExactly("1", "2", "3");
        assertThat(records.get(1).line()).isEqualTo(2);
    }

    @Test
    void acceptsCrlfAndAMissingFinalLineFeed() throws Exception {
        List<CsvRecord> records = readAll("a,b\r\n1,2\r\n3,4");
        assertThat(records).extracting(CsvRecord::fields)
                .containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void unquotesCommasQuotesAndLineBreaksInsideQuotes() throws Exception {
        List<CsvRecord> records = readAll("name,note\n\"Sucre, Cumaná\",\"he said \"\"no\"\"\"\n\"two\nlines\",\"\"\nlast,x\n");
        assertThat(records.get(1).fields()).containsExactly("Sucre, Cumaná", "he said \"no\"");
        assertThat(records.get(2).fields()).containsExactly("two\nlines", "");
        // The quoted line break counts as a line: the next record starts on line 5.
        assertThat(records.get(2).line()).isEqualTo(3);
        assertThat(records.get(3).line()).isEqualTo(5);
    }

    @Test
    void keepsTheRawTextOfEachRecordWithoutItsTerminator() throws Exception {
        List<CsvRecord> records = readAll("a,\"b,c\"\r\n\"x\ny\",z\n");
        assertThat(records.get(0).raw()).isEqualTo("a,\"b,c\"");
        assertThat(records.get(1).raw()).isEqualTo("\"x\ny\",z");
    }

    @Test
    void keepsSpacesAndEmptyFields() throws Exception {
        List<CsvRecord> records = readAll(" a , ,\n");
        assertThat(records.get(0).fields()).containsExactly(" a ", " ", "");
    }

    @Test
    void readsAnEmptyLineAsABlankLine() throws Exception {
        List<CsvRecord> records = readAll("a\n\nb\n");
        assertThat(records.get(1).isBlankLine()).isTrue();
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void readsNothingFromAnEmptyText() throws Exception {
        assertThat(readAll("")).isEmpty();
    }

    @Test
    void refusesAQuoteInsideAnUnquotedFieldAndReadsOnAtTheNextLine() throws Exception {
        CsvReader reader = new CsvReader(new StringReader("a,b\nx,y\"z\nok,1\n"), false);
        reader.next();
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvSyntaxException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(2);
            assertThat(e.getMessage()).contains("quote inside an unquoted field");
        });
        CsvRecord next = reader.next();
        assertThat(next.fields()).containsExactly("ok", "1");
        assertThat(next.line()).isEqualTo(3);
    }

    @Test
    void refusesTextAfterAClosingQuote() throws Exception {
        CsvReader reader = new CsvReader(new StringReader("\"ab\"c,d\nok,1\n"), false);
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvSyntaxException.class, e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).isEqualTo(1);
        });
        CsvRecord next = reader.next();
        assertThat(next.fields()).containsExactly("ok", "1");
        assertThat(next.line()).isEqualTo(2);
    }

    @Test
    void refusesAQuotedFieldThatIsNeverClosed() throws Exception {
        CsvReader reader = new CsvReader(new StringReader("a,b\n1,\"open\n2,3\n"), false);
        reader.next();
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvSyntaxException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(2);
            assertThat(e.getMessage()).contains("never closed");
        });
        assertThat(reader.next()).isNull();
    }

    @Test
    void refusesACarriageReturnWithoutLineFeed() throws Exception {
        CsvReader reader = new CsvReader(new StringReader("a,b\rc\nd,e\n"), false);
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvSyntaxException.class, e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.getMessage()).contains("carriage return");
        });
        assertThat(reader.next().fields()).containsExactly("d", "e");
    }

    @Test
    void writesQuotesOnlyWhereNeeded() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out);
        writer.row("plain", "with,comma", "say \"hi\"", "two\nlines", "", " spaced ");
        writer.flush();
        assertThat(out.toString()).isEqualTo("plain,\"with,comma\",\"say \"\"hi\"\"\",\"two\nlines\",, spaced \n");
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        String[][] rows = {
            {"", ",", "\"", "\"\"", "\n", "\r\n", "a\rb"},
            {"Ñ¿é", "x", "y, \"z\"\n", "", "", "", "end"},
        };
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out);
        for (String[] row : rows) {
            writer.row(row);
        }
        List<CsvRecord> back = readAll(out.toString());
        assertThat(back).hasSize(2);
        assertThat(back.get(0).fields()).containsExactly(rows[0]);
        assertThat(back.get(1).fields()).containsExactly(rows[1]);
    }
}
