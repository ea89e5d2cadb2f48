package org.testigo.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into {@code COPY … FROM STDIN (FORMAT csv)}: the fastest way to load many rows through
 * JDBC (pgjdbc's CopyManager). Every value is quoted, so any text is safe; an unquoted empty field is
 * SQL null. Rows go out in 256 kB chunks, so a million rows never sit in memory at once.
 */
final class CopyRows implements AutoCloseable {
    private static final int CHUNK = 256 * 1024;
    private static final HexFormat HEX = HexFormat.of();

    private final CopyIn copy;
    private final StringBuilder row = new StringBuilder(1024);
    private final StringBuilder chunk = new StringBuilder(CHUNK + 4096);
    private boolean first = true;
    private boolean ended;

    private CopyRows(CopyIn copy) {
        this.copy = copy;
    }

    /** @param copySql e.g. {@code copy geo_node (code, name) from stdin (format csv)} */
    static CopyRows open(Connection connection, String copySql) throws SQLException {
        return new CopyRows(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql));
    }

    CopyRows text(String value) {
        separator();
        row.append('"');
        if (value.indexOf('"') < 0) {
            row.append(value);
        } else {
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch == '"') {
                    row.append('"'); // CSV doubles a quote inside a quoted field
                }
                row.append(ch);
            }
        }
        row.append('"');
        return this;
    }

    CopyRows nullableText(String value) {
        if (value == null) {
            separator();
            return this;
        }
        return text(value);
    }

    CopyRows number(long value) {
        separator();
        row.append(value);
        return this;
    }

    CopyRows nullableNumber(Long value) {
        separator();
        if (value != null) {
            row.append(value.longValue());
        }
        return this;
    }

    /** A bytea value in PostgreSQL's hex input format. */
    CopyRows bytes(byte[] value) {
        separator();
        row.append("\\x");
        HEX.formatHex(row, value);
        return this;
    }

    /** An integer[] literal such as {@code {1,2,3}}. */
    CopyRows intArray(int[] values) {
        separator();
        row.append('"').append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(values[i]);
        }
        row.append('}').append('"');
        return this;
    }

    void endRow() throws SQLException {
        row.append('\n');
        chunk.append(row);
        row.setLength(0);
        first = true;
        if (chunk.length() >= CHUNK) {
            flush();
        }
    }

    /** Ends the COPY; returns the rows PostgreSQL received. */
    long finish() throws SQLException {
        flush();
        ended = true;
        return copy.endCopy();
    }

    private void separator() {
        if (!first) {
            row.append(',');
        }
        first = false;
    }

    private void flush() throws SQLException {
        if (chunk.length() > 0) {
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            chunk.setLength(0);
        }
    }

    /** Cancels a COPY that was not finished (an exception while producing rows). */
    @Override
    public void close() throws SQLException {
        if (!ended && copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
