package org.testigo.tally.ve2024;

import java.util.ArrayList;
import java.util.List;
import org.testigo.election.Ballot;
import org.testigo.tally.Problem;

/**
 * Splits one acta QR text into its fields, strictly: every deviation from the canonical text that
 * {@link Ve2024Payload#format} writes is a {@link Problem} naming the field. Structural problems
 * (characters, field count) stop the reading; problems inside fields are all reported together so a
 * witness sees every bad number at once.
 */
final class Ve2024Reader {

    /** What a well-formed text says, before it is put in the election's terms. */
    record Fields(String actaId, String centre, String table, int[] cards, int nullVotes, int field4) {
    }

    /** Either {@code fields} or a non-empty {@code problems}. */
    record Result(Fields fields, List<Problem> problems) {
    }

    // Why a text is not a count, returned in place of its value by number(String).
    private static final int EMPTY = -1;
    private static final int NEGATIVE = -2;
    private static final int NOT_DIGITS = -3;
    private static final int NOT_CANONICAL = -4;
    private static final int TOO_LARGE = -5;

    private final Ballot ballot;
    private final List<Problem> problems = new ArrayList<>();

    private Ve2024Reader(Ballot ballot) {
        this.ballot = ballot;
    }

    static Result read(String raw, Ballot ballot) {
        return new Ve2024Reader(ballot).read(raw);
    }

    private Result read(String raw) {
        // A scanner often appends a newline; whitespace at either end carries no meaning.
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return refuse(Ve2024Problem.EMPTY_PAYLOAD, "payload",
                    "the payload is empty: expected the acta QR text CCCCCCCCC.MM.1.0001!counts!nulls!field4");
        }
        if (text.length() > Ve2024Payload.MAX_LENGTH) {
            return refuse(Ve2024Problem.TOO_LONG, "payload", "the payload is " + text.length()
                    + " characters long; an acta QR text has at most " + Ve2024Payload.MAX_LENGTH);
        }
        if (!charactersAllowed(text)) {
            return new Result(null, problems);
        }
        String[] fields = text.split("!", -1);
        if (fields.length != 4) {
            return refuse(Ve2024Problem.WRONG_FIELD_COUNT, "payload", "the payload has " + fields.length
                    + " field" + (fields.length == 1 ? "" : "s") + " separated by '!'; expected 4 "
                    + "(acta id!counts!null votes!field4)");
        }
        String[] id = readActaId(fields[0]);
        int[] cards = readCounts(fields[1]);
        int nullVotes = readNumber(fields[2], "null votes", "field 3");
        int field4 = readNumber(fields[3], "field4", "field 4");
        if (problems.isEmpty()) {
            long total = (long) nullVotes + field4;
            for (int c : cards) {
                total += c;
            }
            if (total > Integer.MAX_VALUE) {
                problems.add(new Problem(Ve2024Problem.TOTAL_TOO_LARGE, "counts", "counts, null votes and field4 add up to "
                        + total + ", more than any acta can hold (at most " + Integer.MAX_VALUE + ")"));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new Fields(fields[0], id[0], id[1], cards, nullVotes, field4), List.of());
    }

    private boolean charactersAllowed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '.' || c == ',' || c == '!' || c == '-') {
                continue; // '-' is let through so that a negative number is reported as such
            }
            int codePoint = text.codePointAt(i);
            String where = "character " + (i + 1) + " of the payload";
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                problems.add(new Problem(Ve2024Problem.INNER_WHITESPACE, "payload", where + " is whitespace ("
                        + describe(codePoint) + "); the payload is one unbroken line of digits, '.', ',' and '!'"));
            } else {
                problems.add(new Problem(Ve2024Problem.BAD_CHARACTER, "payload", where + " is " + describe(codePoint)
                        + "; the payload has only digits, '.', ',' and '!'"));
            }
            return false;
        }
        return true;
    }

    /** Returns {centre, table}, or nulls after recording problems. */
    private String[] readActaId(String actaId) {
        String[] parts = actaId.split("\\.", -1);
        if (parts.length != 4) {
            problems.add(new Problem(Ve2024Problem.ACTA_ID_PARTS, "acta id", "the acta id (field 1) "
                    + quote(actaId) + " has " + parts.length + " part" + (parts.length == 1 ? "" : "s")
                    + " separated by '.'; expected 4, as in 201301006.01.1.0001"));
            return new String[2];
        }
        String centre = parts[0];
        String table = parts[1];
        if (!digits(centre, 9, 9)) {
            problems.add(new Problem(Ve2024Problem.CENTRE_CODE, "centre code", "the centre code (acta id part 1) is "
                    + quote(centre) + "; expected exactly 9 digits (state, municipality, parish, centre)"));
        }
        if (!digits(table, 2, 2)) {
            problems.add(new Problem(Ve2024Problem.TABLE_NUMBER, "table number", "the table number (acta id part 2) is "
                    + quote(table) + "; expected exactly 2 digits, 01 to 99"));
        } else if (table.equals("00")) {
            problems.add(new Problem(Ve2024Problem.TABLE_NUMBER_ZERO, "table number",
                    "the table number (acta id part 2) is 00; tables are numbered from 01"));
        }
        for (int p = 2; p < 4; p++) {
            if (!digits(parts[p], 1, 9)) {
                String field = "acta id part " + (p + 1);
                problems.add(new Problem(Ve2024Problem.ACTA_ID_SUFFIX, field, "the " + field + " is "
                        + quote(parts[p]) + "; expected 1 to 9 digits (" + (p == 2 ? "1" : "0001") + " on every acta seen)"));
            }
        }
        return new String[] {centre, table};
    }

    private int[] readCounts(String field) {
        String[] texts = field.split(",", -1);
        int expected = ballot.cards().size();
        if (texts.length != expected) {
            problems.add(new Problem(Ve2024Problem.COUNTS_WRONG_NUMBER, "counts", "the counts (field 2) hold "
                    + texts.length + " number" + (texts.length == 1 ? "" : "s") + "; expected " + expected
                    + ", one per card of the ballot"));
        }
        int[] counts = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            counts[i] = number(texts[i]);
            if (counts[i] < 0) {
                // Named only on failure: building names for 38 good counts would double the decoding time.
                String name = "counts[" + i + "]" + (i < expected ? " (" + ballot.cards().get(i).name() + ")" : "");
                report(counts[i], texts[i], name, "field 2");
            }
        }
        return counts;
    }

    /** The number's value, or -1 after recording why it is not one. */
    private int readNumber(String text, String name, String where) {
        int value = number(text);
        if (value < 0) {
            report(value, text, name, where);
        }
        return value;
    }

    /** The value of a canonical count of at most 9 digits, or one of the negative reasons above. */
    private static int number(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        if (text.charAt(0) == '-') {
            return NEGATIVE;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_DIGITS;
            }
            if (i < 9) {
                value = value * 10 + (c - '0');
            }
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            return NOT_CANONICAL;
        }
        return text.length() > 9 ? TOO_LARGE : value;
    }

    private void report(int reason, String text, String name, String where) {
        String subject = name + " (" + where + ")";
        switch (reason) {
            case EMPTY -> fail(Ve2024Problem.NUMBER_EMPTY, name, subject + " is empty; expected a number of votes");
            case NEGATIVE -> fail(Ve2024Problem.NUMBER_NEGATIVE, name, subject + " is " + quote(text)
                    + ", negative; expected a number of votes, 0 or more");
            case NOT_DIGITS -> fail(Ve2024Problem.NUMBER_NOT_DIGITS, name, subject + " is " + quote(text)
                    + "; expected only digits");
            case NOT_CANONICAL -> fail(Ve2024Problem.NUMBER_NOT_CANONICAL, name, subject + " is " + quote(text)
                    + ", with a leading zero; expected the number written plainly (e.g. 7, not 007)");
            case TOO_LARGE -> fail(Ve2024Problem.NUMBER_TOO_LARGE, name, subject + " has " + text.length()
                    + " digits; expected at most 9 (up to " + Ve2024Payload.MAX_NUMBER + ")");
            default -> throw new IllegalStateException("unknown number reason " + reason);
        }
    }

    private void fail(Ve2024Problem code, String field, String message) {
        problems.add(new Problem(code, field, message));
    }

    private Result refuse(Ve2024Problem code, String field, String message) {
        problems.add(new Problem(code, field, message));
        return new Result(null, problems);
    }

    private static boolean digits(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String describe(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                ? hex : "'" + Character.toString(codePoint) + "' (" + hex + ")";
    }

    private static String quote(String s) {
        return '"' + (s.length() > 24 ? s.substring(0, 24) + "…" : s) + '"';
    }
}
