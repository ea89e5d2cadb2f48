package org.testigo.resultados;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testigo.election.Ballot;
import org.testigo.election.Counts;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.election.pkg.CsvRecord;
import org.testigo.election.pkg.ProblemList;
import org.testigo.resultados.ResultadosProblem.Code;
import org.testigo.tally.Tally;
import org.testigo.tally.ve2024.Ve2024Ballot;

/**
 * Checks the rows of one results file and gathers what they describe: the geography (each place once,
 * parents first, in order of first appearance), the tables, and each table's tally.
 */
final class Rows {
    private static final Ballot BALLOT = Ve2024Ballot.BALLOT;

    /** A value first seen on a line, to compare later rows with. */
    private record Seen(String value, int line) {
    }

    private final Variant variant;
    private final ProblemList<ResultadosProblem> problems;
    private final Map<String, Integer> column = new HashMap<>();
    /** For each ballot candidate, in ballot order, its column. */
    private final int[] candidateColumns;

    private final Map<String, Seen> stateNames = new HashMap<>();
    private final Map<String, Seen> municipalityNames = new HashMap<>();
    private final Map<String, Seen> parishNames = new HashMap<>();
    private final Map<String, Seen> parishByNumber = new HashMap<>();
    private final Map<String, Seen> numberByParish = new HashMap<>();
    private final Map<String, Integer> tableLines = new HashMap<>();

    private final Map<String, GeoNode> nodes = new LinkedHashMap<>();
    private final List<PollingTable> tables = new ArrayList<>();
    private final List<ImportedRow> rows = new ArrayList<>();

    Rows(Variant variant, ProblemList<ResultadosProblem> problems) {
        this.variant = variant;
        this.problems = problems;
        List<String> header = variant.header();
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i), i);
        }
        candidateColumns = BALLOT.candidates().stream().mapToInt(c -> {
            Integer i = column.get(c.id());
            if (i == null) {
                throw new IllegalStateException("the " + variant + " header has no column for candidate " + c.id());
            }
            return i;
        }).toArray();
    }

    void add(CsvRecord r) {
        int line = r.line();
        if (r.isBlankLine()) {
            problems.add(new ResultadosProblem(line, "", Code.COLUMN_COUNT, "a blank line; every line must be a table's row"));
            return;
        }
        if (r.size() != variant.header().size()) {
            problems.add(new ResultadosProblem(line, "", Code.COLUMN_COUNT, "has " + r.size() + " fields, the " + variant + " header has "
                    + variant.header().size()));
            return;
        }
        if (!wellEncoded(r)) {
            return;
        }
        boolean ok = true;
        int state = number(r, "COD_EDO", 1, 99);
        int municipality = number(r, "COD_MUN", 1, 99);
        int parishNumber = number(r, "COD_PAR", 1, 9_999);
        int centre = number(r, "CENTRO", 1, 999_999_999);
        int mesa = number(r, "MESA", 1, 99);
        int registered = variant.hasRegistered() ? number(r, "RE", 0, Integer.MAX_VALUE) : PollingTable.UNKNOWN;
        int valid = number(r, "VOTOS_VALIDOS", 0, Integer.MAX_VALUE);
        int nulls = number(r, "VOTOS_NULOS", 0, Integer.MAX_VALUE);
        long[] votes = new long[candidateColumns.length];
        long sum = 0;
        for (int i = 0; i < candidateColumns.length; i++) {
            votes[i] = number(r, variant.header().get(candidateColumns[i]), 0, Integer.MAX_VALUE);
            ok &= votes[i] >= 0;
            sum += votes[i];
        }
        ok &= state > 0 && municipality > 0 && parishNumber > 0 && centre > 0 && mesa > 0 && valid >= 0 && nulls >= 0
                && (registered >= 0 || !variant.hasRegistered());
        String stateName = name(r, "EDO");
        String municipalityName = name(r, "MUN");
        String parishName = name(r, "PAR");
        URI image = image(r);
        ok &= stateName != null && municipalityName != null && parishName != null && image != null;
        if (!ok) {
            return;
        }
        if (sum != valid) {
            problems.add(new ResultadosProblem(line, "VOTOS_VALIDOS", Code.VALID_MISMATCH,
                    "VOTOS_VALIDOS is " + valid + " but the candidates' columns (EG … BERA) add up to " + sum));
            return;
        }
        String stateCode = pad(state, 2);
        String municipalityCode = stateCode + pad(municipality, 2);
        String centreCode = pad(centre, 9);
        if (!centreCode.startsWith(municipalityCode)) {
            problems.add(new ResultadosProblem(line, "CENTRO", Code.CENTRE_MISMATCH,
                    "centre " + centreCode + " does not start with the state and "
                    + "municipality of the row, " + municipalityCode + " (COD_EDO " + state + ", COD_MUN " + municipality + ")"));
            return;
        }
        String parishCode = centreCode.substring(0, 6);
        ok = pairs(parishByNumber, Integer.toString(parishNumber), parishCode, line, "COD_PAR " + parishNumber + " is parish ",
                ", but centre " + centreCode + " puts this row in parish " + parishCode);
        ok &= pairs(numberByParish, parishCode, Integer.toString(parishNumber), line, "parish " + parishCode + " has COD_PAR ",
                ", but this row gives COD_PAR " + parishNumber);
        ok &= sameName(stateNames, stateCode, stateName, line, "EDO", "state ");
        ok &= sameName(municipalityNames, municipalityCode, municipalityName, line, "MUN", "municipality ");
        ok &= sameName(parishNames, parishCode, parishName, line, "PAR", "parish ");
        String tableId = centreCode + "." + pad(mesa, 2);
        Integer first = tableLines.putIfAbsent(tableId, line);
        if (first != null) {
            problems.add(new ResultadosProblem(line, "MESA", Code.DUPLICATE_TABLE,
                    "table " + tableId + " (CENTRO " + centre + ", MESA " + mesa
                    + ") is already on line " + first));
            return;
        }
        if (!ok) {
            return;
        }
        nodes.putIfAbsent(stateCode, new GeoNode(stateCode, GeoNode.NATION, 0, stateName));
        nodes.putIfAbsent(municipalityCode, new GeoNode(municipalityCode, stateCode, 1, municipalityName));
        nodes.putIfAbsent(parishCode, new GeoNode(parishCode, municipalityCode, 2, parishName));
        // The CSV names no centres; the code is what a witness reads on the acta.
        nodes.putIfAbsent(centreCode, new GeoNode(centreCode, parishCode, 3, "Centro " + centreCode));
        TableId table = new TableId(tableId);
        tables.add(new PollingTable(table, centreCode, registered));
        Tally tally = new Tally(ResultadosCsv.TALLY_FORMAT, table, tableId, Counts.of(votes), Counts.empty(), nulls, 0, Map.of());
        rows.add(new ImportedRow(line, r.raw(), image, tally));
    }

    /** The one row read (for {@link ResultadosCsv#readRow}). */
    ImportedRow only() {
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, have " + rows.size());
        }
        return rows.get(0);
    }

    /** The import, or null when problems were found (they are in the {@link ProblemList}). */
    ResultadosImport build() {
        if (tables.isEmpty() && problemsFree()) {
            problems.add(new ResultadosProblem(0, "", Code.NO_ROWS, "the file has a header but no rows"));
        }
        if (tables.size() > Ve2024Official.EXPECTED_TABLES) {
            problems.add(new ResultadosProblem(0, "", Code.TOO_MANY_TABLES, tables.size() + " tables, but the election had "
                    + Ve2024Official.EXPECTED_TABLES));
        }
        if (!problemsFree()) {
            return null;
        }
        Geography geography = new Geography(ResultadosCsv.NATION, List.copyOf(nodes.values()), tables);
        Election election = new Election(ResultadosCsv.ELECTION_ID, ResultadosCsv.ELECTION_NAME, ResultadosCsv.ELECTION_DATE,
                ResultadosCsv.ACTA_FORMAT, Map.of(), ResultadosCsv.LEVELS, BALLOT, geography,
                Ve2024Official.EXPECTED_TABLES, Ve2024Official.EXPECTED_ELECTORATE, Ve2024Official.BULLETINS);
        return new ResultadosImport(variant, election, rows);
    }

    private boolean problemsFree() {
        return problems.isEmpty();
    }

    /**
     * V1 is UTF-8, so bad bytes show as U+FFFD. V2 is ISO-8859-1, where every byte is a character; there
     * the tell-tale is UTF-8 read as Latin-1 ("Ã‘" for "Ñ"), which would silently corrupt names.
     */
    private boolean wellEncoded(CsvRecord r) {
        for (int i = 0; i < r.size(); i++) {
            String value = r.get(i);
            if (value.indexOf('\uFFFD') >= 0) {
                problems.add(new ResultadosProblem(r.line(), variant.header().get(i), Code.BAD_ENCODING,
                        "holds bytes that are not valid UTF-8"));
                return false;
            }
            if (variant.charset().equals(StandardCharsets.ISO_8859_1) && looksLikeUtf8(value)) {
                problems.add(new ResultadosProblem(r.line(), variant.header().get(i), Code.BAD_ENCODING,
                        "\"" + value + "\" looks like UTF-8 read as "
                        + "ISO-8859-1; V2 is ISO-8859-1, and a UTF-8 file is V1 only with its byte order mark and RE column"));
                return false;
            }
        }
        return true;
    }

    /** A UTF-8 lead byte (C2–F4) followed by a continuation byte (80–BF), both read as Latin-1. */
    private static boolean looksLikeUtf8(String s) {
        for (int i = 0; i + 1 < s.length(); i++) {
            char a = s.charAt(i);
            char b = s.charAt(i + 1);
            if (a >= '\u00C2' && a <= '\u00F4' && b >= '\u0080' && b <= '\u00BF') {
                return true;
            }
        }
        return false;
    }

    /** A canonical non-negative integer in [min, max], or -1 (with the problem reported). */
    private int number(CsvRecord r, String name, int min, int max) {
        String text = r.get(column.get(name));
        int n = text.length();
        boolean digits = n > 0 && (n == 1 || text.charAt(0) != '0');
        for (int i = 0; digits && i < n; i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (!digits) {
            problems.add(new ResultadosProblem(r.line(), name, Code.NOT_A_NUMBER, "\"" + text + "\" is not a number (digits only, no sign, "
                    + "no leading zero)"));
            return -1;
        }
        long value = n > 10 ? Long.MAX_VALUE : Long.parseLong(text); // more than 10 digits is past any int
        if (value < min || value > max) {
            problems.add(new ResultadosProblem(r.line(), name, Code.OUT_OF_RANGE,
                    name + " is " + text + ", outside " + min + " to " + max));
            return -1;
        }
        return (int) value;
    }

    private String name(CsvRecord r, String name) {
        String value = r.get(column.get(name));
        if (value.isBlank()) {
            problems.add(new ResultadosProblem(r.line(), name, Code.BAD_VALUE, name + " is blank"));
            return null;
        }
        return value;
    }

    private URI image(CsvRecord r) {
        String value = r.get(column.get("URL"));
        try {
            URI uri = new URI(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(new ResultadosProblem(r.line(), "URL", Code.BAD_VALUE,
                "\"" + value + "\" is not an absolute http(s) URL of the acta image"));
        return null;
    }

    /** Checks that {@code key} maps to {@code value} as on its first line; records it if new. */
    private boolean pairs(Map<String, Seen> map, String key, String value, int line, String before, String after) {
        Seen seen = map.putIfAbsent(key, new Seen(value, line));
        if (seen != null && !seen.value.equals(value)) {
            problems.add(new ResultadosProblem(line, "COD_PAR", Code.PARISH_MISMATCH,
                    before + seen.value + " on line " + seen.line + after));
            return false;
        }
        return true;
    }

    private boolean sameName(Map<String, Seen> names, String code, String name, int line, String field, String what) {
        Seen seen = names.putIfAbsent(code, new Seen(name, line));
        if (seen != null && !seen.value.equals(name)) {
            problems.add(new ResultadosProblem(line, field, Code.NAME_MISMATCH,
                    what + code + " is \"" + seen.value + "\" on line " + seen.line
                    + ", here \"" + name + "\""));
            return false;
        }
        return true;
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
