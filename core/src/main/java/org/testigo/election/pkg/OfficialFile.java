package org.testigo.election.pkg;

import static org.testigo.election.pkg.ManifestFile.quote;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;
import org.testigo.election.pkg.PackageProblem.Code;

/**
 * Reads and writes {@code official.csv}: one row per announced figure,
 * {@code bulletin,announced,note,item,value}; a bulletin's rows share its id, time and note.
 */
final class OfficialFile {
    static final String FILE = ElectionPackage.OFFICIAL;
    static final List<String> HEADER = List.of("bulletin", "announced", "note", "item", "value");
    static final Set<String> RESERVED_ITEMS = Set.of(OfficialFigure.OTHERS, OfficialFigure.VALID, OfficialFigure.NULL,
            OfficialFigure.CAST, OfficialFigure.TABLES_PERCENT, OfficialFigure.TURNOUT_PERCENT);
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,17})(\\.[0-9]{1,9})?");

    /** A bulletin being gathered from its rows. */
    private static final class Gathered {
        final int line;
        final String announced;
        final String note;
        final Map<String, OfficialFigure> figures = new LinkedHashMap<>();
        final Map<String, Integer> itemLines = new HashMap<>();
        int rows;
        int emptyRowLine;

        Gathered(int line, String announced, String note) {
            this.line = line;
            this.announced = announced;
            this.note = note;
        }
    }

    /**
     * @param candidates the ballot's candidate ids, or null when the ballot was unusable (items are
     *     then not checked against it)
     */
    static List<OfficialBulletin> read(Path path, Set<String> candidates, ProblemList<PackageProblem> problems) {
        return read(PackageCsv.open(path, FILE, HEADER, problems), candidates, problems);
    }

    /** Reads the file's text already decoded, e.g. an election's stored description. */
    static List<OfficialBulletin> read(String text, Set<String> candidates, ProblemList<PackageProblem> problems) {
        return read(PackageCsv.open(new StringReader(text), FILE, HEADER, problems), candidates, problems);
    }

    private static List<OfficialBulletin> read(PackageCsv csv, Set<String> candidates, ProblemList<PackageProblem> problems) {
        if (csv == null) {
            return List.of();
        }
        Map<String, Gathered> bulletins = new LinkedHashMap<>();
        try (csv) {
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                row(r, candidates, bulletins, problems);
            }
        }
        List<OfficialBulletin> result = new ArrayList<>();
        bulletins.forEach((id, b) -> {
            if (b.emptyRowLine > 0 && b.rows > 1) {
                problems.add(new PackageProblem(FILE, b.emptyRowLine, "item", Code.BAD_VALUE,
                        "a row without item and value stands for a bulletin "
                        + "with no figures, so it must be the only row of bulletin " + quote(id)));
            }
            result.add(new OfficialBulletin(id, b.announced, b.note, List.copyOf(b.figures.values())));
        });
        return result;
    }

    private static void row(CsvRecord r, Set<String> candidates, Map<String, Gathered> bulletins, ProblemList<PackageProblem> problems) {
        String id = r.get(0);
        String announced = r.get(1);
        String note = r.get(2);
        String item = r.get(3);
        String value = r.get(4);
        if (id.isBlank()) {
            problems.add(new PackageProblem(FILE, r.line(), "bulletin", Code.BAD_VALUE, "a bulletin needs a non-blank id"));
            return;
        }
        Gathered b = bulletins.computeIfAbsent(id, k -> new Gathered(r.line(), announced, note));
        b.rows++;
        if (!b.announced.equals(announced)) {
            problems.add(new PackageProblem(FILE, r.line(), "announced", Code.INCONSISTENT, "bulletin " + quote(id) + " was announced "
                    + quote(b.announced) + " on line " + b.line + "; every row of a bulletin gives the same time"));
        }
        if (!b.note.equals(note)) {
            problems.add(new PackageProblem(FILE, r.line(), "note", Code.INCONSISTENT, "bulletin " + quote(id) + " has note "
                    + quote(b.note) + " on line " + b.line + "; every row of a bulletin gives the same note"));
        }
        if (item.isEmpty() && value.isEmpty()) {
            b.emptyRowLine = r.line();
            return;
        }
        boolean ok = true;
        if (!RESERVED_ITEMS.contains(item) && candidates != null && !candidates.contains(item)) {
            problems.add(new PackageProblem(FILE, r.line(), "item", Code.UNKNOWN_REFERENCE,
                    quote(item) + " is neither a candidate id of the ballot "
                    + "nor one of others, valid, null, cast, tables_percent, turnout_percent"));
            ok = false;
        } else if (b.itemLines.containsKey(item)) {
            problems.add(new PackageProblem(FILE, r.line(), "item", Code.DUPLICATE,
                    "bulletin " + quote(id) + " already gives " + quote(item)
                    + " on line " + b.itemLines.get(item)));
            ok = false;
        }
        if (!DECIMAL.matcher(value).matches()) {
            problems.add(new PackageProblem(FILE, r.line(), "value", Code.BAD_VALUE, quote(value) + " is not a non-negative number "
                    + "(digits, optionally a point and up to 9 decimals; no sign, exponent, thousands separator or leading zero)"));
            ok = false;
        }
        if (ok) {
            b.itemLines.put(item, r.line());
            b.figures.put(item, new OfficialFigure(item, new BigDecimal(value)));
        }
    }

    static void write(List<OfficialBulletin> bulletins, Writer out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(HEADER);
        for (OfficialBulletin b : bulletins) {
            if (b.figures().isEmpty()) {
                csv.row(b.id(), b.announced(), b.note(), "", "");
            }
            for (OfficialFigure f : b.figures()) {
                csv.row(b.id(), b.announced(), b.note(), f.item(), f.value().toPlainString());
            }
        }
        csv.flush();
    }
}
