package org.testigo.election.pkg;

import static org.testigo.election.pkg.ManifestFile.quote;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.pkg.PackageProblem.Code;

/** Reads and writes {@code geography.csv}: one row per place, {@code code,parent,level,name}. */
final class GeographyFile {
    static final String FILE = ElectionPackage.GEOGRAPHY;
    static final List<String> HEADER = List.of("code", "parent", "level", "name");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * What was read: the valid nodes in file order, and every code the file defines (valid or not), so
     * that tables naming a node whose row was bad are not reported a second time.
     *
     * @param usable false when the file could not be read at all (no header): then nothing can be said
     *     about the nodes tables name
     */
    record Result(List<GeoNode> nodes, Set<String> codes, boolean usable) {
    }

    private record Row(int line, String code, String parent, int level, String name) {
    }

    /**
     * @param levels the manifest's level names, or null when the manifest's were unusable (levels are
     *     then not checked)
     */
    static Result read(Path path, List<String> levels, ProblemList<PackageProblem> problems) {
        PackageCsv csv = PackageCsv.open(path, FILE, HEADER, problems);
        if (csv == null) {
            return new Result(List.of(), Set.of(), false);
        }
        Map<String, Row> byCode = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        try (csv) {
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                rows.add(row(r, levels, byCode, problems));
            }
        }
        List<GeoNode> nodes = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (row == null) {
                continue;
            }
            boolean ok = row.code != null && row.name != null && row.level >= 0;
            Row parent = null;
            if (!row.parent.isEmpty()) {
                parent = byCode.get(row.parent);
                if (parent == null) {
                    problems.add(new PackageProblem(FILE, row.line, "parent", Code.UNKNOWN_REFERENCE,
                            "parent " + quote(row.parent) + " is not a code in " + FILE));
                    ok = false;
                }
            }
            if (levels != null && row.level >= 0 && (parent == null) == row.parent.isEmpty()) {
                ok &= checkLevel(row, parent, levels, problems);
            }
            if (ok) {
                nodes.add(new GeoNode(row.code, row.parent, row.level, row.name));
            }
        }
        return new Result(nodes, byCode.keySet(), true);
    }

    private static Row row(CsvRecord r, List<String> levels, Map<String, Row> byCode, ProblemList<PackageProblem> problems) {
        String code = r.get(0);
        String parent = r.get(1);
        String levelName = r.get(2);
        String name = r.get(3);
        boolean codeOk = CODE.matcher(code).matches();
        if (!codeOk) {
            problems.add(new PackageProblem(FILE, r.line(), "code", Code.BAD_VALUE,
                    quote(code) + " is not a node code (1-64 letters, digits, '.', '_', '-', starting with a letter or digit)"));
        }
        if (!parent.isEmpty() && !CODE.matcher(parent).matches()) {
            problems.add(new PackageProblem(FILE, r.line(), "parent", Code.BAD_VALUE,
                    quote(parent) + " is not a node code (leave it empty for the top level)"));
        }
        int level = -1;
        if (levels != null) {
            level = levels.indexOf(levelName);
            if (level < 0) {
                problems.add(new PackageProblem(FILE, r.line(), "level", Code.UNKNOWN_REFERENCE,
                        quote(levelName) + " is not one of the levels in " + ElectionPackage.MANIFEST + " " + levels));
            }
        }
        if (name.isBlank()) {
            problems.add(new PackageProblem(FILE, r.line(), "name", Code.BAD_VALUE, "a node needs a non-blank name"));
        }
        Row row = new Row(r.line(), codeOk ? code : null, parent, level, name.isBlank() ? null : name);
        if (byCode.containsKey(code)) {
            problems.add(new PackageProblem(FILE, r.line(), "code", Code.DUPLICATE,
                    "node " + quote(code) + " is already defined on line " + byCode.get(code).line));
            return null;
        }
        byCode.put(code, row);
        return row;
    }

    /** A top-level node sits at the first level; any other sits one level below its parent. */
    private static boolean checkLevel(Row row, Row parent, List<String> levels, ProblemList<PackageProblem> problems) {
        if (parent == null) {
            if (row.level != 0) {
                problems.add(new PackageProblem(FILE, row.line, "level", Code.LEVEL_MISMATCH,
                        "a node without a parent is at the top level, "
                        + quote(levels.get(0)) + ", not " + quote(levels.get(row.level)) + "; or is its parent missing?"));
                return false;
            }
            return true;
        }
        if (parent.level < 0) {
            return true; // the parent's own row was reported
        }
        int expected = parent.level + 1;
        if (row.level != expected) {
            String what = expected < levels.size()
                    ? "so this node must be at level " + quote(levels.get(expected)) + ", not " + quote(levels.get(row.level))
                    : "the lowest level, so it cannot have children";
            problems.add(new PackageProblem(FILE, row.line, "level", Code.LEVEL_MISMATCH,
                    "its parent " + quote(row.parent) + " is at level " + quote(levels.get(parent.level)) + ", " + what));
            return false;
        }
        return true;
    }

    static void write(Geography geography, List<String> levels, Writer out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(HEADER);
        for (GeoNode n : geography.nodes()) {
            csv.row(n.code(), n.parent(), levels.get(n.level()), n.name());
        }
        csv.flush();
    }
}
