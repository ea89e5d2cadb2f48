package org.testigo.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.testing.SharedData;

/**
 * The per-table results of Venezuela 2024 published by resultadosconvzla.com, read from
 * {@code shared/data} (see its SOURCES.md), and an election built from them.
 */
final class RealResults {
    private RealResults() {
    }

    /** The candidate columns, in the order of {@link Ve2024Ballot#BALLOT}'s candidates. */
    static final List<String> CANDIDATES = List.of("EG", "NM", "LM", "JABE", "JOBR", "AE", "CF", "DC", "EM", "BERA");

    /** One table's row; {@code registered} is -1 in V2, which has no RE column. */
    record Row(String state, String stateName, String municipality, String municipalityName, String parish, String parishName,
            String centre, int mesa, int registered, int valid, int nulls, int[] candidates) {
        TableId tableId() {
            return new TableId(centre + "." + String.format("%02d", mesa));
        }
    }

    /** V1: 24,532 tables with registered voters (UTF-8 with BOM, CRLF). */
    static List<Row> v1() {
        return read(SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V1.csv"), StandardCharsets.UTF_8);
    }

    /** V2: 25,073 tables, no registered voters (Latin-1). */
    static List<Row> v2() {
        return read(SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V2.csv"), StandardCharsets.ISO_8859_1);
    }

    private static List<Row> read(Path file, Charset charset) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, charset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = lines.get(0).replace("\uFEFF", "").strip().split(",");
        Map<String, Integer> col = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.put(header[i], i);
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split(",", -1);
            int[] votes = new int[CANDIDATES.size()];
            for (int i = 0; i < votes.length; i++) {
                votes[i] = Integer.parseInt(f[col.get(CANDIDATES.get(i))]);
            }
            String state = String.format("%02d", Integer.parseInt(f[col.get("COD_EDO")]));
            String municipality = state + String.format("%02d", Integer.parseInt(f[col.get("COD_MUN")]));
            String parish = municipality + String.format("%02d", Integer.parseInt(f[col.get("COD_PAR")]));
            String centre = String.format("%09d", Long.parseLong(f[col.get("CENTRO")]));
            rows.add(new Row(state, f[col.get("EDO")], municipality, f[col.get("MUN")], parish, f[col.get("PAR")], centre,
                    Integer.parseInt(f[col.get("MESA")]), col.containsKey("RE") ? Integer.parseInt(f[col.get("RE")]) : -1,
                    Integer.parseInt(f[col.get("VOTOS_VALIDOS")]), Integer.parseInt(f[col.get("VOTOS_NULOS")]), votes));
        }
        return rows;
    }

    /** An election whose geography (state, municipality, parish, centre) and tables come from {@code rows}. */
    static Election election(List<Row> rows) {
        Map<String, GeoNode> nodes = new LinkedHashMap<>();
        List<PollingTable> tables = new ArrayList<>();
        for (Row r : rows) {
            nodes.putIfAbsent(r.state(), new GeoNode(r.state(), GeoNode.NATION, 0, r.stateName()));
            nodes.putIfAbsent(r.municipality(), new GeoNode(r.municipality(), r.state(), 1, r.municipalityName()));
            nodes.putIfAbsent(r.parish(), new GeoNode(r.parish(), r.municipality(), 2, r.parishName()));
            nodes.putIfAbsent(r.centre(), new GeoNode(r.centre(), r.parish(), 3, "Centro " + r.centre()));
            tables.add(new PollingTable(r.tableId(), r.centre(), r.registered() < 0 ? PollingTable.UNKNOWN : r.registered()));
        }
        Geography geography = new Geography("Venezuela", List.copyOf(nodes.values()), tables);
        // As announced (shared/data/cne_official_bulletins_2024.csv, its notes give the percentages).
        List<OfficialBulletin> official = List.of(
                new OfficialBulletin("CNE boletin 1", "2024-07-29T00:06-04:00", "80% mesas escrutadas; participacion 59%", List.of(
                        new OfficialFigure("NM", new java.math.BigDecimal("5150092")),
                        new OfficialFigure("EG", new java.math.BigDecimal("4445978")),
                        new OfficialFigure(OfficialFigure.TABLES_PERCENT, new java.math.BigDecimal("80")),
                        new OfficialFigure(OfficialFigure.TURNOUT_PERCENT, new java.math.BigDecimal("59")))),
                new OfficialBulletin("CNE boletin 2", "2024-08-02", null, List.of(
                        new OfficialFigure(OfficialFigure.VALID, new java.math.BigDecimal("12335884")),
                        new OfficialFigure(OfficialFigure.NULL, new java.math.BigDecimal("50785")))));
        return new Election("ve-2024", "Elección presidencial 2024", "2024-07-28", "ve-2024", Map.of("variant", "acta", "qr", "single"),
                List.of("estado", "municipio", "parroquia", "centro"), Ve2024Ballot.BALLOT, geography, 30_026, 21_620_705, official);
    }
}
