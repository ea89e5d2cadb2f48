package org.testigo.resultados;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.election.GeoNode;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.resultados.ResultadosProblem.Code;

/** Small hand-made files, good and broken, each broken one in exactly one way. */
class ResultadosCsvProblemsTest {
    private static final String V2_HEADER =
            "COD_EDO,EDO,COD_MUN,MUN,COD_PAR,PAR,CENTRO,MESA,VOTOS_VALIDOS,VOTOS_NULOS,EG,NM,LM,JABE,JOBR,AE,CF,DC,EM,BERA,URL";
    private static final String V1_HEADER =
            "COD_EDO,EDO,COD_MUN,MUN,COD_PAR,PAR,CENTRO,MESA,RE,VOTOS_VALIDOS,VOTOS_NULOS,EG,NM,LM,JABE,JOBR,AE,CF,DC,EM,BERA,URL";
    private static final String URL = "https://static.resultadosconvzla.com/408106_205969_0184Acta0184.jpg";
    /** A V2 row: table 1 of centre 010101001; 323 + 114 + 3 + 1 + 0 + 1 + 1 + 2 + 0 + 4 = 449 valid. */
    private static final String ROW = "1,DTTO. CAPITAL,1,MP. BLVNO LIBERTADOR,1,PQ. ALTAGRACIA,10101001,1,449,0,323,114,3,1,0,1,1,2,0,4," + URL;
    /** Table 2 of the same centre: 100 + 50 = 150 valid, 2 null. */
    private static final String ROW_2 = "1,DTTO. CAPITAL,1,MP. BLVNO LIBERTADOR,1,PQ. ALTAGRACIA,10101001,2,150,2,100,50,0,0,0,0,0,0,0,0," + URL;

    @TempDir
    Path tmp;

    // --- good files

    @Test
    void readsAHandMadeV2File() throws Exception {
        ResultadosImport imported = ResultadosCsv.read(v2(ROW, ROW_2));
        assertThat(imported.variant()).isEqualTo(Variant.V2);
        assertThat(imported.election().geography().nodes()).containsExactly(
                new GeoNode("01", "", 0, "DTTO. CAPITAL"),
                new GeoNode("0101", "01", 1, "MP. BLVNO LIBERTADOR"),
                new GeoNode("010101", "0101", 2, "PQ. ALTAGRACIA"),
                new GeoNode("010101001", "010101", 3, "Centro 010101001"));
        assertThat(imported.election().geography().tables()).containsExactly(
                new PollingTable(new TableId("010101001.01"), "010101001", PollingTable.UNKNOWN),
                new PollingTable(new TableId("010101001.02"), "010101001", PollingTable.UNKNOWN));
        assertThat(imported.rows()).extracting(r -> r.line(), r -> r.tally().valid(), r -> r.tally().nullVotes())
                .containsExactly(tuple(2, 449L, 0), tuple(3, 150L, 2));
        assertThat(imported.rows().get(1).tally().candidates().toArray()).containsExactly(100, 50, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void readsAHandMadeV1FileWithRegisteredVotersAndUtf8Names() throws Exception {
        String row = withRe(ROW, "666").replace("PQ. ALTAGRACIA", "PQ. MONTAÑA");
        ResultadosImport imported = ResultadosCsv.read(v1(row));
        assertThat(imported.variant()).isEqualTo(Variant.V1);
        assertThat(imported.election().geography().tables()).containsExactly(
                new PollingTable(new TableId("010101001.01"), "010101001", 666));
        assertThat(imported.election().geography().nodes()).extracting(GeoNode::name).contains("PQ. MONTAÑA");
        assertThat(imported.rows().get(0).rawLine()).isEqualTo(row);
    }

    @Test
    void decodesV2AsLatin1() throws Exception {
        ResultadosImport imported = ResultadosCsv.read(v2(ROW.replace("PQ. ALTAGRACIA", "PQ. MONTAÑA")));
        assertThat(imported.election().geography().nodes()).extracting(GeoNode::name).contains("PQ. MONTAÑA");
    }

    // --- the file and its header

    @Test
    void reportsAMissingFile() {
        assertOnly(problemsOf(tmp.resolve("absent.csv")), 0, "", Code.UNREADABLE);
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        assertOnly(problemsOf(write("empty.csv", new byte[0])), 0, "", Code.BAD_HEADER);
    }

    @Test
    void refusesAHeaderWithoutRows() throws Exception {
        assertOnly(problemsOf(v2()), 0, "", Code.NO_ROWS);
    }

    @Test
    void refusesAnUnknownHeaderNamingTheFirstDifference() throws Exception {
        Path file = write("odd.csv", (V2_HEADER.replace("EG,NM", "NM,EG") + "\n" + ROW + "\n").getBytes(StandardCharsets.ISO_8859_1));
        List<ResultadosProblem> problems = problemsOf(file);
        assertOnly(problems, 1, "", Code.BAD_HEADER);
        assertThat(problems.get(0).message()).contains("column 11 is \"NM\" where \"EG\" was expected");
    }

    @Test
    void refusesV2ColumnsWithAByteOrderMark() throws Exception {
        Path file = write("bom-v2.csv", concat(bom(), (V2_HEADER + "\r\n" + ROW + "\r\n").getBytes(StandardCharsets.UTF_8)));
        assertOnly(problemsOf(file), 1, "", Code.UNKNOWN_VARIANT);
    }

    @Test
    void refusesV1ColumnsWithoutAByteOrderMark() throws Exception {
        Path file = write("v1-no-bom.csv", (V1_HEADER + "\r\n" + withRe(ROW, "666") + "\r\n").getBytes(StandardCharsets.UTF_8));
        List<ResultadosProblem> problems = problemsOf(file);
        assertOnly(problems, 1, "", Code.UNKNOWN_VARIANT);
        assertThat(problems.get(0).message()).contains("byte order mark");
    }

    // --- encodings

    @Test
    void reportsBytesThatAreNotUtf8InV1WithTheirLineAndColumn() throws Exception {
        byte[] good = (V1_HEADER + "\r\n" + withRe(ROW, "666") + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = (withRe(ROW_2, "600").replace("PQ. ALTAGRACIA", "PQ. ALTAGRACIA Ñ") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertOnly(problemsOf(write("v1-latin1.csv", concat(bom(), good, bad))), 3, "PAR", Code.BAD_ENCODING);
    }

    @Test
    void refusesUtf8TextInAV2File() throws Exception {
        Path file = write("v2-utf8.csv", (V2_HEADER + "\n" + ROW.replace("PQ. ALTAGRACIA", "PQ. MONTAÑA") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        List<ResultadosProblem> problems = problemsOf(file);
        assertOnly(problems, 2, "PAR", Code.BAD_ENCODING);
        assertThat(problems.get(0).message()).contains("looks like UTF-8");
    }

    // --- rows

    @Test
    void refusesARowWithTheWrongNumberOfColumns() throws Exception {
        List<ResultadosProblem> problems = problemsOf(v2(ROW, ROW_2.replace(",0,0,0,0,0,0,0,0,", ",0,0,0,0,0,0,0,")));
        assertOnly(problems, 3, "", Code.COLUMN_COUNT);
        assertThat(problems.get(0).message()).contains("has 20 fields, the V2 header has 21");
    }

    @Test
    void refusesBrokenQuoting() throws Exception {
        assertOnly(problemsOf(v2(ROW.replace("DTTO. CAPITAL", "DTTO. \"CAPITAL\""))), 2, "EDO", Code.SYNTAX);
    }

    @Test
    void refusesCountsThatAreNotNumbers() throws Exception {
        for (String bad : List.of("12a", "-114", "0114", "", " 114", "1.0")) {
            String row = ROW.replace(",323,114,", ",323," + bad + ",");
            List<ResultadosProblem> problems = problemsOf(v2(ROW_2, row));
            assertOnly(problems, 3, "NM", Code.NOT_A_NUMBER);
            assertThat(problems.get(0).toString()).isEqualTo("line 3, field NM: \"" + bad + "\" is not a number (digits only, "
                    + "no sign, no leading zero)");
        }
    }

    @Test
    void refusesATableNumberOfZero() throws Exception {
        assertOnly(problemsOf(v2(ROW.replace(",10101001,1,", ",10101001,0,"))), 2, "MESA", Code.OUT_OF_RANGE);
    }

    @Test
    void refusesARegisteredCountTooLargeForATable() throws Exception {
        assertOnly(problemsOf(v1(withRe(ROW, "99999999999"))), 2, "RE", Code.OUT_OF_RANGE);
        assertOnly(problemsOf(v1(withRe(ROW, "2147483648"))), 2, "RE", Code.OUT_OF_RANGE);
    }

    @Test
    void refusesATableGivenTwice() throws Exception {
        List<ResultadosProblem> problems = problemsOf(v2(ROW, ROW_2, ROW));
        assertOnly(problems, 4, "MESA", Code.DUPLICATE_TABLE);
        assertThat(problems.get(0).message()).contains("010101001.01").contains("already on line 2");
    }

    @Test
    void refusesValidVotesThatAreNotTheSumOfTheCandidates() throws Exception {
        List<ResultadosProblem> problems = problemsOf(v2(ROW_2, ROW.replace(",449,0,", ",450,0,")));
        assertOnly(problems, 3, "VOTOS_VALIDOS", Code.VALID_MISMATCH);
        assertThat(problems.get(0).message()).isEqualTo("VOTOS_VALIDOS is 450 but the candidates' columns (EG … BERA) add up to 449");
    }

    @Test
    void refusesACentreCodeOutsideTheRowsMunicipality() throws Exception {
        List<ResultadosProblem> problems = problemsOf(v2(ROW.replace(",10101001,", ",10201001,")));
        assertOnly(problems, 2, "CENTRO", Code.CENTRE_MISMATCH);
        assertThat(problems.get(0).message()).contains("centre 010201001 does not start with").contains("0101");
    }

    @Test
    void refusesAParishNumberThatPairsWithTwoParishes() throws Exception {
        // COD_PAR 1 is parish 010101 on line 2; on line 3 it comes with centre 010102001, i.e. parish 010102.
        String other = ROW_2.replace(",10101001,", ",10102001,");
        assertOnly(problemsOf(v2(ROW, other)), 3, "COD_PAR", Code.PARISH_MISMATCH);
    }

    @Test
    void refusesAParishWithTwoParishNumbers() throws Exception {
        assertOnly(problemsOf(v2(ROW, ROW_2.replace(",1,PQ. ALTAGRACIA,", ",2,PQ. ALTAGRACIA,"))), 3, "COD_PAR", Code.PARISH_MISMATCH);
    }

    @Test
    void refusesACodeWithTwoNames() throws Exception {
        List<ResultadosProblem> problems = problemsOf(v2(ROW, ROW_2.replace("DTTO. CAPITAL", "DISTRITO CAPITAL")));
        assertOnly(problems, 3, "EDO", Code.NAME_MISMATCH);
        assertThat(problems.get(0).message()).isEqualTo("state 01 is \"DTTO. CAPITAL\" on line 2, here \"DISTRITO CAPITAL\"");
    }

    @Test
    void refusesAnImageThatIsNotAnHttpUrl() throws Exception {
        assertOnly(problemsOf(v2(ROW.replace(URL, "acta0184.jpg"))), 2, "URL", Code.BAD_VALUE);
    }

    @Test
    void refusesABlankName() throws Exception {
        assertOnly(problemsOf(v2(ROW.replace("MP. BLVNO LIBERTADOR", " "))), 2, "MUN", Code.BAD_VALUE);
    }

    @Test
    void reportsEveryBadRowWithItsLine() throws Exception {
        Path file = v2(ROW.replace(",323,114,", ",323,x,"), ROW_2, ROW_2.replace(",10101001,2,", ",10101001,3,").replace(",150,2,", ",151,2,"),
                ROW.replace(",10101001,1,", ",10101001,4,").replace(URL, "nope"));
        assertThat(problemsOf(file)).extracting(ResultadosCsvProblemsTest::where).containsExactly(
                tuple(2, "NM", Code.NOT_A_NUMBER),
                tuple(4, "VOTOS_VALIDOS", Code.VALID_MISMATCH),
                tuple(5, "URL", Code.BAD_VALUE));
    }

    @Test
    void stopsAfterAHundredProblemsAndSaysSo() throws Exception {
        String[] rows = new String[150];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ROW.replace(",449,0,", ",1,0,").replace(",10101001,1,", ",10101001," + (i % 99 + 1) + ",");
        }
        ResultadosException e = exceptionOf(v2(rows));
        assertThat(e.problems()).hasSize(ResultadosCsv.MAX_PROBLEMS);
        assertThat(e.truncated()).isTrue();
        assertThat(e.getMessage()).startsWith("cannot import v2.csv: at least 100 problems\n  line 2, field VOTOS_VALIDOS:");
    }

    // --- helpers

    private Path v2(String... rows) throws Exception {
        StringBuilder s = new StringBuilder(V2_HEADER).append('\n');
        for (String row : rows) {
            s.append(row).append('\n');
        }
        return write("v2.csv", s.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private Path v1(String... rows) throws Exception {
        StringBuilder s = new StringBuilder(V1_HEADER).append("\r\n");
        for (String row : rows) {
            s.append(row).append("\r\n");
        }
        return write("v1.csv", concat(bom(), s.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A V2 row made V1 by inserting RE after MESA (the 8th column). */
    private static String withRe(String v2Row, String re) {
        String[] f = v2Row.split(",", -1);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < f.length; i++) {
            s.append(i == 0 ? "" : ",").append(f[i]);
            if (i == 7) {
                s.append(',').append(re);
            }
        }
        return s.toString();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = Files.createTempDirectory(tmp, "csv").resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] bom() {
        return new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static ResultadosException exceptionOf(Path file) {
        try {
            ResultadosCsv.read(file);
        } catch (ResultadosException e) {
            return e;
        }
        return fail(file + " should have been refused");
    }

    private static List<ResultadosProblem> problemsOf(Path file) {
        return exceptionOf(file).problems();
    }

    private static Tuple where(ResultadosProblem p) {
        return tuple(p.line(), p.field(), p.code());
    }

    private static void assertOnly(List<ResultadosProblem> problems, int line, String field, Code code) {
        assertThat(problems).extracting(ResultadosCsvProblemsTest::where).as(problems.toString())
                .containsExactly(tuple(line, field, code));
    }
}
