package org.testigo.resultados;

import java.util.List;
import org.testigo.election.Election;

/**
 * A published results CSV, read: the variant it was in, the election it describes (geography and
 * tables from its rows, the ballot and official facts from {@link Ve2024Official}), and one row per
 * table in file order.
 */
public record ResultadosImport(Variant variant, Election election, List<ImportedRow> rows) {
    public ResultadosImport {
        rows = List.copyOf(rows);
    }
}
