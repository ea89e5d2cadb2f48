package org.testigo.election.pkg;

/**
 * A record that breaks RFC 4180 quoting: a quote inside an unquoted field, text after a closing
 * quote, a quoted field never closed, or a carriage return not followed by a line feed. The reader has
 * already skipped to the end of the offending line, so the caller may report it and read on.
 */
public final class CsvSyntaxException extends Exception {
    private final int line;
    private final int column;

    public CsvSyntaxException(int line, int column, String message) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** 1-based physical line where the problem was seen. */
    public int line() {
        return line;
    }

    /** 1-based field position in the record. */
    public int column() {
        return column;
    }
}
