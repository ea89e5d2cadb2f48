package org.testigo.resultados;

/**
 * One thing wrong with a per-table results CSV.
 *
 * @param line 1-based line of the file (1 is the header), or 0 for the file as a whole
 * @param field the column at fault (e.g. {@code VOTOS_VALIDOS}), or "" when no single column is
 * @param code stable, machine-readable kind of problem
 * @param message what is wrong and what was expected, for a person
 */
public record ResultadosProblem(int line, String field, Code code, String message) {

    /** The kinds of problem; stable names for clients and translations. */
    public enum Code {
        /** The file cannot be read (missing, permissions, I/O). */
        UNREADABLE,
        /** Bytes that are not valid in the variant's charset, or UTF-8 text without its byte order mark. */
        BAD_ENCODING,
        /** The header is V1's or V2's but the encoding is the other variant's. */
        UNKNOWN_VARIANT,
        /** The header is neither V1's nor V2's. */
        BAD_HEADER,
        /** A record breaks RFC 4180 quoting. */
        SYNTAX,
        /** A record has more or fewer fields than the header. */
        COLUMN_COUNT,
        /** A number column holds something other than a canonical non-negative integer. */
        NOT_A_NUMBER,
        /** A number outside what the column allows (a state code over 99, a table number 0, …). */
        OUT_OF_RANGE,
        /** A blank name or a URL that is not an absolute http(s) URL. */
        BAD_VALUE,
        /** {@code VOTOS_VALIDOS} is not the sum of the candidates' columns. */
        VALID_MISMATCH,
        /** The centre code does not start with the row's state and municipality codes. */
        CENTRE_MISMATCH,
        /** {@code COD_PAR} and the parish in the centre code do not pair one to one across the file. */
        PARISH_MISMATCH,
        /** One code is given two different names. */
        NAME_MISMATCH,
        /** The same (CENTRO, MESA) appears twice. */
        DUPLICATE_TABLE,
        /** A header and no rows. */
        NO_ROWS,
        /** More tables than the election has. */
        TOO_MANY_TABLES
    }

    public ResultadosProblem {
        if (field == null || code == null || message == null || line < 0) {
            throw new IllegalArgumentException("a problem needs a line >= 0, a field, a code and a message");
        }
    }

    /** E.g. {@code line 812, field NM: "12a" is not a number}. */
    @Override
    public String toString() {
        String where = line > 0 ? "line " + line : "file";
        return where + (field.isEmpty() ? "" : ", field " + field) + ": " + message;
    }
}
