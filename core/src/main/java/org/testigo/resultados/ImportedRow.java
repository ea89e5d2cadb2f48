package org.testigo.resultados;

import java.net.URI;
import org.testigo.tally.Tally;

/**
 * One table's row of the published results, with where it came from.
 *
 * @param line the 1-based line of the CSV it was read from
 * @param rawLine the line exactly as it stands in the file (decoded with the variant's charset, without
 *     its line end), to keep as evidence content
 * @param image the published scan of the acta ({@code URL} column)
 * @param tally what the row says, in the election's terms (format {@value ResultadosCsv#TALLY_FORMAT},
 *     candidates only: the CSV has no per-card counts)
 */
public record ImportedRow(int line, String rawLine, URI image, Tally tally) {
}
