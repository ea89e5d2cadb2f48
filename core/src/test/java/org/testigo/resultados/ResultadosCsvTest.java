package org.testigo.resultados;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.election.pkg.ElectionPackage;
import org.testigo.tally.Tally;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.testing.SharedData;

/**
 * Imports the two real files published by resultadosconvzla.com and checks them against facts that do
 * not come from the importer: the totals and coverage in shared/data/SOURCES.md, and sums computed
 * here from the raw lines with a plain split.
 */
class ResultadosCsvTest {
    private static final String V1 = "resultadosconvzla_RESULTADOS_2024_CSV_V1.csv";
    private static final String V2 = "resultadosconvzla_RESULTADOS_2024_CSV_V2.csv";

    @TempDir
    Path tmp;

    // Each file is imported once for the whole class; the tests only read the results.
    private static ResultadosImport v1;
    private static ResultadosImport v2;

    @BeforeAll
    static void importBoth() throws Exception {
        v1 = ResultadosCsv.read(SharedData.file(V1));
        v2 = ResultadosCsv.read(SharedData.file(V2));
    }

    @Test
    void detectsBothVariants() throws Exception {
        assertThat(v1.variant()).isEqualTo(Variant.V1);
        assertThat(v2.variant()).isEqualTo(Variant.V2);
    }

    @Test
    void importsV2WithTheTotalsOfSources() throws Exception {
        assertThat(v2.rows()).hasSize(25_073);
        assertThat(v2.election().geography().tableCount()).isEqualTo(25_073);
        // SOURCES.md §1, V2 totals, in ballot order EG NM LM JABE JOBR AE CF DC EM BERA.
        assertThat(candidateTotals(v2)).containsExactly(7_303_480, 3_316_142, 86_225, 20_404, 22_097, 51_011, 12_632, 10_584,
                26_067, 38_620);
        assertThat(v2.rows().stream().mapToLong(r -> r.tally().valid()).sum()).isEqualTo(10_887_262);
        assertThat(v2.rows().stream().mapToLong(r -> r.tally().nullVotes()).sum()).isEqualTo(1_213);
        assertThat(v2.election().geography().tables()).allMatch(t -> t.registeredVoters().isEmpty());
    }

    @Test
    void importsV1WithTheTotalsOfSources() throws Exception {
        assertThat(v1.rows()).hasSize(24_532);
        assertThat(candidateTotals(v1)).containsExactly(7_156_462, 3_241_461, 84_446, 19_966, 21_583, 49_603, 12_321, 10_308,
                25_570, 37_408);
        assertThat(v1.rows().stream().mapToLong(r -> r.tally().valid()).sum()).isEqualTo(10_659_128);
        assertThat(v1.rows().stream().mapToLong(r -> r.tally().nullVotes()).sum()).isEqualTo(1_139);
        assertThat(v1.election().geography().tables().stream().mapToLong(PollingTable::registered).sum()).isEqualTo(17_745_239);
    }

    @Test
    void coversThePlacesThatSourcesCounts() throws Exception {
        // SOURCES.md §1: V1 24 states, 326 municipalities, 1,072 parishes, 12,817 centres; V2 24, 328, 1,090, 13,110.
        assertThat(nodesPerLevel(v1.election())).containsExactly(24, 326, 1_072, 12_817);
        assertThat(nodesPerLevel(v2.election())).containsExactly(24, 328, 1_090, 13_110);
    }

    @Test
    void totalsPerStateEqualSumsOfTheRawLinesInV2() throws Exception {
        assertStateTotalsMatchRawLines(SharedData.file(V2), StandardCharsets.ISO_8859_1, v2);
    }

    @Test
    void totalsPerStateEqualSumsOfTheRawLinesInV1() throws Exception {
        assertStateTotalsMatchRawLines(SharedData.file(V1), StandardCharsets.UTF_8, v1);
    }

    @Test
    void keepsEachRowsLineTextAndImage() throws Exception {
        for (var file : List.of(Map.entry(v1, StandardCharsets.UTF_8), Map.entry(v2, StandardCharsets.ISO_8859_1))) {
            ResultadosImport imported = file.getKey();
            List<String> lines = Files.readAllLines(SharedData.file(imported.variant() == Variant.V1 ? V1 : V2), file.getValue());
            for (ImportedRow row : imported.rows()) {
                String line = lines.get(row.line() - 1);
                assertThat(row.rawLine()).isEqualTo(line);
                assertThat(row.image()).isEqualTo(URI.create(line.substring(line.lastIndexOf(',') + 1)));
            }
        }
    }

    @Test
    void readsTheFirstRowOfV1AsPrinted() throws Exception {
        // Line 2 of V1, read by eye: 1,DTTO. CAPITAL,1,MP. BLVNO LIBERTADOR,13,PQ. EL RECREO,10113042,1,666,364,0,
        // 232,120,5,0,0,3,1,1,0,2,https://static.resultadosconvzla.com/408106_387187_0096Acta0096.jpg
        ImportedRow row = v1.rows().get(0);
        assertThat(row.line()).isEqualTo(2);
        Tally tally = row.tally();
        assertThat(tally.format()).isEqualTo("import");
        assertThat(tally.table()).isEqualTo(new TableId("010113042.01"));
        assertThat(tally.actaId()).isEqualTo("010113042.01");
        assertThat(tally.candidates().toArray()).containsExactly(232, 120, 5, 0, 0, 3, 1, 1, 0, 2);
        assertThat(tally.cards().isEmpty()).isTrue();
        assertThat(tally.nullVotes()).isZero();
        assertThat(tally.blankVotes()).isZero();
        assertThat(row.image()).isEqualTo(URI.create("https://static.resultadosconvzla.com/408106_387187_0096Acta0096.jpg"));

        Geography g = v1.election().geography();
        assertThat(g.table(tally.table())).contains(new PollingTable(tally.table(), "010113042", 666));
        int centre = g.nodeIndex("010113042").orElseThrow();
        assertThat(g.path(centre).stream().map(g::node).toList()).containsExactly(
                new GeoNode("01", "", 0, "DTTO. CAPITAL"),
                new GeoNode("0101", "01", 1, "MP. BLVNO LIBERTADOR"),
                new GeoNode("010113", "0101", 2, "PQ. EL RECREO"),
                new GeoNode("010113042", "010113", 3, "Centro 010113042"));
    }

    @Test
    void decodesLatin1NamesInV2() throws Exception {
        Geography g = v2.election().geography();
        assertThat(g.nodes()).anyMatch(n -> n.name().contains("Ñ"));
        assertThat(g.nodes()).noneMatch(n -> n.name().contains("Ã"));
    }

    @Test
    void describesTheElectionWithTheBallotAndOfficialFacts() throws Exception {
        Election e = v2.election();
        assertThat(e.id()).isEqualTo("ve-2024-presidencial");
        assertThat(e.name()).isEqualTo("Elección presidencial de Venezuela, 28 de julio de 2024");
        assertThat(e.date()).isEqualTo("2024-07-28");
        assertThat(e.tallyFormat()).isEqualTo("ve-2024");
        assertThat(e.levels()).containsExactly("estado", "municipio", "parroquia", "centro");
        assertThat(e.ballot()).isEqualTo(Ve2024Ballot.BALLOT);
        assertThat(e.expectedTables()).isEqualTo(30_026);
        assertThat(e.expectedElectorate()).isEqualTo(21_620_705);
        assertThat(e.official()).isEqualTo(Ve2024Official.BULLETINS);
        assertThat(e.geography().node(0).name()).isEqualTo("Venezuela");
    }

    @Test
    void writesAPackageThatReadsBackIdentical() throws Exception {
        for (ResultadosImport imported : List.of(v1, v2)) {
            Election election = imported.election();
            Path dir = tmp.resolve(imported.variant().name());
            ElectionPackage.write(election, dir);
            assertThat(ElectionPackage.read(dir)).as(imported.variant().name()).isEqualTo(election);
        }
    }

    // --- helpers

    private static long[] candidateTotals(ResultadosImport imported) {
        long[] totals = new long[Ve2024Ballot.BALLOT.candidates().size()];
        for (ImportedRow row : imported.rows()) {
            for (int i = 0; i < totals.length; i++) {
                totals[i] += row.tally().candidates().get(i);
            }
        }
        return totals;
    }

    private static int[] nodesPerLevel(Election election) {
        int[] counts = new int[election.levels().size()];
        for (GeoNode n : election.geography().nodes()) {
            counts[n.level()]++;
        }
        return counts;
    }

    /**
     * Per state (COD_EDO): tables, valid, null, each candidate and (V1) registered, summed once from the
     * file's lines split on commas (the files hold no quotes) and once from the import.
     */
    private static void assertStateTotalsMatchRawLines(Path file, Charset charset, ResultadosImport imported) throws Exception {
        List<String> lines = Files.readAllLines(file, charset);
        List<String> header = Arrays.asList(lines.get(0).replace("\uFEFF", "").split(",", -1));
        List<String> summed = new ArrayList<>(List.of("VOTOS_VALIDOS", "VOTOS_NULOS"));
        Ve2024Ballot.BALLOT.candidates().forEach(c -> summed.add(c.id()));
        boolean registered = header.contains("RE");
        if (registered) {
            summed.add("RE");
        }
        Map<Integer, long[]> expected = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(header.size());
            long[] sums = expected.computeIfAbsent(Integer.parseInt(f[header.indexOf("COD_EDO")]), k -> new long[summed.size() + 1]);
            for (int i = 0; i < summed.size(); i++) {
                sums[i] += Long.parseLong(f[header.indexOf(summed.get(i))]);
            }
            sums[summed.size()]++;
        }

        Geography g = imported.election().geography();
        Map<Integer, long[]> actual = new TreeMap<>();
        for (ImportedRow row : imported.rows()) {
            Tally t = row.tally();
            int tableIndex = g.tableIndex(t.table()).orElseThrow();
            int state = Integer.parseInt(g.node(g.path(g.tableNode(tableIndex)).get(0)).code());
            long[] sums = actual.computeIfAbsent(state, k -> new long[summed.size() + 1]);
            sums[0] += t.valid();
            sums[1] += t.nullVotes();
            for (int c = 0; c < t.candidates().size(); c++) {
                sums[2 + c] += t.candidates().get(c);
            }
            if (registered) {
                sums[summed.size() - 1] += g.table(tableIndex).registered();
            }
            sums[summed.size()]++;
        }
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet()).hasSize(24);
        Map<Integer, List<Long>> expectedLists = new HashMap<>();
        Map<Integer, List<Long>> actualLists = new HashMap<>();
        expected.forEach((k, v) -> expectedLists.put(k, Arrays.stream(v).boxed().toList()));
        actual.forEach((k, v) -> actualLists.put(k, Arrays.stream(v).boxed().toList()));
        assertThat(actualLists).isEqualTo(expectedLists);
    }
}
