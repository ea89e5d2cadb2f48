package org.testigo.resultados;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two shapes in which resultadosconvzla.com published its per-table results (see
 * shared/data/SOURCES.md §1). They differ in encoding and in one column, and nothing else tells them
 * apart, so both are checked: a file must match one variant in both respects.
 */
public enum Variant {
    /**
     * {@code RESULTADOS_2024_CSV_V1.csv} (2 Aug 2024): UTF-8 with a byte order mark, CRLF, and the
     * column {@code RE} (registered voters of the table).
     */
    V1(StandardCharsets.UTF_8, true, List.of("COD_EDO", "EDO", "COD_MUN", "MUN", "COD_PAR", "PAR", "CENTRO", "MESA", "RE",
            "VOTOS_VALIDOS", "VOTOS_NULOS", "EG", "NM", "LM", "JABE", "JOBR", "AE", "CF", "DC", "EM", "BERA", "URL")),
    /**
     * {@code RESULTADOS_2024_CSV_V2.csv} (6 Aug 2024, the final set): ISO-8859-1, LF, no byte order mark,
     * no {@code RE}.
     */
    V2(StandardCharsets.ISO_8859_1, false, List.of("COD_EDO", "EDO", "COD_MUN", "MUN", "COD_PAR", "PAR", "CENTRO", "MESA",
            "VOTOS_VALIDOS", "VOTOS_NULOS", "EG", "NM", "LM", "JABE", "JOBR", "AE", "CF", "DC", "EM", "BERA", "URL"));

    private final Charset charset;
    private final boolean byteOrderMark;
    private final List<String> header;

    Variant(Charset charset, boolean byteOrderMark, List<String> header) {
        this.charset = charset;
        this.byteOrderMark = byteOrderMark;
        this.header = header;
    }

    public Charset charset() {
        return charset;
    }

    /** Whether the file starts with the UTF-8 byte order mark. */
    public boolean byteOrderMark() {
        return byteOrderMark;
    }

    /** The exact header, column by column. */
    public List<String> header() {
        return header;
    }

    /** Whether rows give the table's registered voters ({@code RE}). */
    public boolean hasRegistered() {
        return header.contains("RE");
    }

    /** The variant a file with this start and this header is in; null when it is in neither. */
    static Variant of(boolean byteOrderMark, List<String> header) {
        for (Variant v : values()) {
            if (v.byteOrderMark == byteOrderMark && v.header.equals(header)) {
                return v;
            }
        }
        return null;
    }
}
