package org.testigo.election.pkg;

import static org.testigo.election.pkg.ManifestFile.quote;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.election.pkg.PackageProblem.Code;

/** Reads and writes {@code tables.csv}: one row per polling table, {@code table,node,registered}. */
final class TablesFile {
    static final String FILE = ElectionPackage.TABLES;
    static final List<String> HEADER = List.of("table", "node", "registered");

    /**
     * The tables read, in file order; null when the file could not be read at all.
     *
     * @param geography what {@code geography.csv} defined; node references are checked only if usable
     */
    static List<PollingTable> read(Path path, GeographyFile.Result geography, ProblemList<PackageProblem> problems) {
        PackageCsv csv = PackageCsv.open(path, FILE, HEADER, problems);
        if (csv == null) {
            return null;
        }
        List<PollingTable> tables = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        try (csv) {
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                PollingTable table = table(r, geography, firstLine, problems);
                if (table != null) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    private static PollingTable table(CsvRecord r, GeographyFile.Result geography, Map<String, Integer> firstLine,
            ProblemList<PackageProblem> problems) {
        String id = r.get(0);
        String node = r.get(1);
        String registered = r.get(2);
        boolean ok = true;
        TableId tableId = null;
        try {
            tableId = new TableId(id); // checked once, by the type that owns the rule
        } catch (IllegalArgumentException e) {
            problems.add(new PackageProblem(FILE, r.line(), "table", Code.BAD_VALUE,
                    quote(id) + " is not a table id (1-64 letters, digits, '.', '_', ':', '-', starting with a letter or digit)"));
            ok = false;
        }
        if (tableId != null) {
            Integer first = firstLine.putIfAbsent(id, r.line());
            if (first != null) {
                problems.add(new PackageProblem(FILE, r.line(), "table", Code.DUPLICATE,
                        "table " + quote(id) + " is already listed on line " + first));
                ok = false;
            }
        }
        if (node.isEmpty()) {
            problems.add(new PackageProblem(FILE, r.line(), "node", Code.BAD_VALUE, "a table must name the node it belongs to"));
            ok = false;
        } else if (geography.usable() && !geography.codes().contains(node)) {
            problems.add(new PackageProblem(FILE, r.line(), "node", Code.UNKNOWN_REFERENCE,
                    "node " + quote(node) + " is not a code in " + ElectionPackage.GEOGRAPHY));
            ok = false;
        }
        int voters = PollingTable.UNKNOWN;
        if (!registered.isEmpty()) {
            voters = (int) PackageCsv.nonNegative(registered, Integer.MAX_VALUE);
            if (voters < 0) {
                problems.add(new PackageProblem(FILE, r.line(), "registered", Code.BAD_VALUE, quote(registered)
                        + " is not a non-negative integer (digits only, no leading zero; leave it empty when unknown)"));
                ok = false;
            }
        }
        return ok ? new PollingTable(tableId, node, voters) : null;
    }

    static void write(Geography geography, Writer out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(HEADER);
        for (PollingTable t : geography.tables()) {
            csv.row(t.id().value(), t.node(), t.registered() == PollingTable.UNKNOWN ? "" : Integer.toString(t.registered()));
        }
        csv.flush();
    }
}
