package org.testigo.election.pkg;

/**
 * One thing wrong with an election package, located well enough to fix it by hand.
 *
 * @param file the package file, e.g. {@code tables.csv} ("" for the package directory itself)
 * @param line 1-based line in that file, or 0 when the problem concerns the whole file
 * @param field the CSV column or JSON member path (e.g. {@code registered}, {@code ballot.cards[3].candidate}),
 *     or "" when no single field is at fault
 * @param code stable, machine-readable kind of problem
 * @param message what is wrong and what was expected, for a person
 */
public record PackageProblem(String file, int line, String field, Code code, String message) {

    /** The kinds of problem; stable names for clients and translations. */
    public enum Code {
        /** A required file, or the package directory, is not there. */
        MISSING_FILE,
        /** A file exists but could not be read (permissions, I/O error). */
        UNREADABLE,
        /** Bytes that are not UTF-8, or a byte order mark. */
        BAD_ENCODING,
        /** {@code election.json} is not well-formed JSON, or a CSV file breaks RFC 4180 quoting. */
        SYNTAX,
        /** The manifest does not name {@code testigo-election/1} in its first member. */
        UNKNOWN_FORMAT,
        /** A CSV header is not exactly the one this version defines. */
        BAD_HEADER,
        /** A CSV record has more or fewer fields than the header. */
        COLUMN_COUNT,
        /** A required JSON member is absent. */
        MISSING_FIELD,
        /** A JSON member this version does not define (often a typo). */
        UNKNOWN_FIELD,
        /** A value of the wrong type or shape: not a non-negative integer, not a code, blank name, … */
        BAD_VALUE,
        /** A code, id or item that must be unique appears again. */
        DUPLICATE,
        /** A reference to something the package does not define: parent, node, candidate, level, item. */
        UNKNOWN_REFERENCE,
        /** A node's level is not the one below its parent's. */
        LEVEL_MISMATCH,
        /** Rows of one bulletin disagree about what should be the same for all of them. */
        INCONSISTENT,
        /** {@code expected.tables} is below the number of tables listed. */
        EXPECTED_BELOW_LISTED
    }

    public PackageProblem {
        if (file == null || field == null || code == null || message == null || line < 0) {
            throw new IllegalArgumentException("a package problem needs a file, a line >= 0, a field, a code and a message");
        }
    }

    /** E.g. {@code tables.csv line 812, field registered: "-3" is not a non-negative integer}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file.isEmpty() ? "package" : file);
        if (line > 0) {
            s.append(" line ").append(line);
        }
        if (!field.isEmpty()) {
            s.append(line > 0 ? ", field " : " field ").append(field);
        }
        return s.append(": ").append(message).toString();
    }
}
