package org.testigo.election.pkg;

import java.util.List;

/**
 * One record of a CSV file.
 *
 * @param line the 1-based physical line the record starts on (a quoted field may span lines, so the
 *     next record's line can be more than this one's plus one)
 * @param fields the unquoted field values
 * @param raw the record's text exactly as it stood in the file, without its line terminator; empty
 *     unless the reader was asked to keep it
 */
public record CsvRecord(int line, List<String> fields, String raw) {
    public CsvRecord {
        fields = List.copyOf(fields);
    }

    public int size() {
        return fields.size();
    }

    public String get(int column) {
        return fields.get(column);
    }

    /** True for an empty line, which RFC 4180 does not allow between records. */
    public boolean isBlankLine() {
        return fields.size() == 1 && fields.get(0).isEmpty();
    }
}
