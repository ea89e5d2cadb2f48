package org.testigo.roll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.testigo.election.Election;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.election.pkg.ElectionPackage;
import org.testigo.election.pkg.PackageException;
import org.testigo.election.pkg.PackageProblem;
import org.testigo.election.pkg.PackageProblem.Code;
import org.testigo.election.pkg.ProblemList;

/**
 * Reads a package's voter roll, {@code voters/roll.csv} (docs/election-package.md §7), and compiles it
 * into a {@link RollIndex}. The file is streamed: 21.6 million lines never sit in memory as text.
 *
 * <p>Problems are reported like the package's (file, line, field, code, message), with one rule of
 * their own: <b>a message never quotes a national id</b>, since problems are printed and may be logged;
 * it says what is wrong with the id instead (its length, the character not allowed, the line of its
 * first occurrence).
 */
public final class RollFile {
    /** Where a package keeps its roll. */
    public static final String PATH = "voters/roll.csv";
    public static final String HEADER = "national_id,table_id";
    /** No valid record comes near this; a longer line is reported and skipped, not buffered. */
    static final int MAX_LINE = 256;
    private static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.US_ASCII);

    private final String file;
    private final Map<String, Integer> tableNumbers;
    private final ProblemList<PackageProblem> problems = new ProblemList<>(ElectionPackage.MAX_PROBLEMS);
    private RollBuilder builder;
    private byte[] lastTable; // the table of the line before, null before the first
    private int lastTableNumber = -1;

    private RollFile(String file, Election election) {
        this.file = file;
        List<PollingTable> tables = election.geography().tables();
        this.tableNumbers = new HashMap<>(tables.size() * 2);
        for (int i = 0; i < tables.size(); i++) {
            tableNumbers.put(tables.get(i).id().value(), i);
        }
        this.builder = new RollBuilder(election.id(), tables.stream().map(PollingTable::id).toList());
    }

    /**
     * The roll of the package in {@code packageDir} compiled for {@code election} (read from that
     * package), or empty when the package has no {@value #PATH}.
     *
     * @throws PackageException with every problem found in the roll (up to 100), each naming
     *     {@value #PATH}, its line and field
     */
    public static Optional<RollIndex> compile(Path packageDir, Election election) throws PackageException {
        Path csv = packageDir.resolve(PATH);
        if (!Files.exists(csv)) {
            return Optional.empty();
        }
        return Optional.of(compileFile(csv, election));
    }

    /** Compiles a roll file at any path (problems still name it {@value #PATH}). */
    public static RollIndex compileFile(Path csv, Election election) throws PackageException {
        RollFile reader = new RollFile(PATH, election);
        try {
            return reader.run(csv);
        } catch (ProblemList.Full full) {
            throw new PackageException(reader.problems.list(), true);
        }
    }

    private RollIndex run(Path csv) throws PackageException {
        if (!Files.isRegularFile(csv)) {
            problems.add(new PackageProblem(file, 0, "", Code.MISSING_FILE, "is not a regular file"));
            throw new PackageException(problems.list(), false);
        }
        scan(csv, this::record);
        if (!problems.isEmpty()) {
            throw new PackageException(problems.list(), problems.truncated());
        }
        RollBuilder.Result result = builder.build(ElectionPackage.MAX_PROBLEMS);
        builder = null;
        if (result instanceof RollBuilder.Built built) {
            return built.index();
        }
        Set<String> duplicated = ((RollBuilder.Duplicates) result).ids();
        Map<String, Integer> firstLine = new HashMap<>();
        scan(csv, (bytes, from, to, line) -> {
            int comma = indexOf(bytes, from, to, (byte) ',');
            String id = new String(bytes, from, comma - from, StandardCharsets.US_ASCII);
            if (duplicated.contains(id)) {
                Integer first = firstLine.putIfAbsent(id, line);
                if (first != null) {
                    problems.add(new PackageProblem(file, line, "national_id", Code.DUPLICATE,
                            "this national id is already listed on line " + first + "; a voter is listed once"));
                }
            }
        });
        throw new PackageException(problems.list(), problems.truncated());
    }

    /** One record's bytes, {@code [from, to)} without its line end. */
    private interface Record {
        void line(byte[] bytes, int from, int to, int line);
    }

    /** Calls {@code record} for every data line that passed the header, or reports why it cannot. */
    private void scan(Path csv, Record record) {
        try (InputStream in = Files.newInputStream(csv)) {
            byte[] buffer = new byte[1 << 20];
            int limit = 0;
            int position = 0;
            int line = 0;
            boolean eof = false;
            boolean skipping = false; // inside a line too long to keep
            while (true) {
                int end = indexOf(buffer, position, limit, (byte) '\n');
                if (end < 0 && !eof) {
                    if (skipping) {
                        position = limit;
                    } else if (limit - position > MAX_LINE) {
                        line++;
                        if (line == 1) {
                            problems.add(new PackageProblem(file, 1, "", Code.BAD_HEADER, "the first line is not the header " + HEADER));
                            return;
                        }
                        problems.add(new PackageProblem(file, line, "", Code.BAD_VALUE,
                                "the line is longer than " + MAX_LINE + " bytes; a record is a national id and a table id"));
                        skipping = true;
                        position = limit;
                    }
                    System.arraycopy(buffer, position, buffer, 0, limit - position);
                    limit -= position;
                    position = 0;
                    int n = in.read(buffer, limit, buffer.length - limit);
                    if (n < 0) {
                        eof = true;
                    } else {
                        limit += n;
                    }
                    continue;
                }
                int to = end < 0 ? limit : end;
                if (skipping) {
                    skipping = false;
                } else if (end >= 0 || position < limit) {
                    line++;
                    if (to - position > MAX_LINE) {
                        if (line == 1) {
                            problems.add(new PackageProblem(file, 1, "", Code.BAD_HEADER, "the first line is not the header " + HEADER));
                            return;
                        }
                        problems.add(new PackageProblem(file, line, "", Code.BAD_VALUE,
                                "the line is longer than " + MAX_LINE + " bytes; a record is a national id and a table id"));
                    } else if (line == 1) {
                        if (!header(buffer, position, to)) {
                            return;
                        }
                    } else {
                        int stop = to > position && buffer[to - 1] == '\r' ? to - 1 : to;
                        if (wellFormed(buffer, position, stop, line)) {
                            record.line(buffer, position, stop, line);
                        }
                    }
                }
                if (end < 0) {
                    break;
                }
                position = end + 1;
            }
            if (line == 0) {
                problems.add(new PackageProblem(file, 0, "", Code.BAD_HEADER, "the file is empty; it must start with the header " + HEADER));
            }
        } catch (IOException e) {
            problems.addLast(new PackageProblem(file, 0, "", Code.UNREADABLE, "cannot be read: " + e));
        }
    }

    private boolean header(byte[] b, int from, int to) {
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        if (to - from >= 3 && (b[from] & 0xFF) == 0xEF && (b[from + 1] & 0xFF) == 0xBB && (b[from + 2] & 0xFF) == 0xBF) {
            problems.add(new PackageProblem(file, 1, "", Code.BAD_ENCODING, "starts with a byte order mark; save it as UTF-8 without BOM"));
            return false;
        }
        if (!java.util.Arrays.equals(b, from, to, HEADER_BYTES, 0, HEADER_BYTES.length)) {
            problems.add(new PackageProblem(file, 1, "", Code.BAD_HEADER,
                    "the header is " + text(b, from, to) + " but must be " + HEADER));
            return false;
        }
        return true;
    }

    /** Checks a record's shape: two fields, no quotes or control characters, valid UTF-8. */
    private boolean wellFormed(byte[] b, int from, int to, int line) {
        if (to == from) {
            problems.add(new PackageProblem(file, line, "", Code.COLUMN_COUNT, "a blank line; every line must be a record"));
            return false;
        }
        int fields = 1;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == ',') {
                fields++;
            } else if (c == '"') {
                problems.add(new PackageProblem(file, line, column(b, from, i), Code.SYNTAX,
                        "a quote; no field of " + PATH + " is ever quoted, since neither column may hold a character that needs it"));
                return false;
            } else if (c == '\r') {
                problems.add(new PackageProblem(file, line, column(b, from, i), Code.SYNTAX, "a carriage return not followed by a line feed"));
                return false;
            } else if (c < 0) {
                ascii = false;
            }
        }
        if (fields != 2) {
            problems.add(new PackageProblem(file, line, "", Code.COLUMN_COUNT,
                    "has " + fields + " fields, the header has 2 (" + HEADER + ")"));
            return false;
        }
        if (!ascii) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from));
            } catch (CharacterCodingException e) {
                int comma = indexOf(b, from, to, (byte) ',');
                boolean inId = firstNonAscii(b, from, comma) >= 0;
                problems.add(new PackageProblem(file, line, inId ? "national_id" : "table_id", Code.BAD_ENCODING,
                        "holds bytes that are not valid UTF-8"));
                return false;
            }
        }
        return true;
    }

    /** A well-formed record: checks both fields and hands the voter to the builder. */
    private void record(byte[] b, int from, int to, int line) {
        int comma = indexOf(b, from, to, (byte) ',');
        int table = table(b, comma + 1, to, line);
        boolean idOk = nationalId(b, from, comma, line);
        if (!idOk || table < 0 || !problems.isEmpty()) {
            return; // once anything is wrong no index is built: stop feeding the builder
        }
        int length = comma - from;
        long number = -1;
        if (length <= NationalId.MAX_NUMERIC_DIGITS && b[from] != '0') {
            number = 0;
            for (int i = from; i < comma; i++) {
                byte c = b[i];
                if (c < '0' || c > '9') {
                    number = -1;
                    break;
                }
                number = number * 10 + (c - '0');
            }
        }
        if (number >= 0 && number < builder.numericLimit()) {
            builder.addNumber(number, table);
        } else {
            builder.add(new String(b, from, length, StandardCharsets.US_ASCII), table);
        }
    }

    private boolean nationalId(byte[] b, int from, int to, int line) {
        int length = to - from;
        if (length == 0) {
            problems.add(new PackageProblem(file, line, "national_id", Code.BAD_VALUE, "is empty; expected a national id ("
                    + NationalId.MAX_LENGTH + " characters at most from A–Z and 0–9)"));
            return false;
        }
        int bad = -1;
        for (int i = from; i < to; i++) {
            if (!NationalId.allowed(b[i])) {
                bad = i;
                break;
            }
        }
        if (bad >= 0) {
            String s = text(b, from, to);
            int at = text(b, from, bad).codePointCount(0, text(b, from, bad).length());
            int cp = s.codePointAt(s.offsetByCodePoints(0, at));
            problems.add(new PackageProblem(file, line, "national_id", Code.BAD_VALUE, "holds " + describe(cp)
                    + " at character " + (at + 1) + "; a national id is written with A–Z and 0–9 only (capital letters, no spaces, dots or dashes)"));
            return false;
        }
        if (length > NationalId.MAX_LENGTH) {
            problems.add(new PackageProblem(file, line, "national_id", Code.BAD_VALUE,
                    "has " + length + " characters; a national id has at most " + NationalId.MAX_LENGTH));
            return false;
        }
        return true;
    }

    private static String describe(int cp) {
        if (cp == ' ') {
            return "a space";
        }
        if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
            return String.format("the character U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    /** The election's number for the table named in {@code [from, to)}, or -1 (reported). */
    private int table(byte[] b, int from, int to, int line) {
        if (lastTable != null && java.util.Arrays.equals(b, from, to, lastTable, 0, lastTable.length)) {
            return lastTableNumber; // rolls are usually listed table by table
        }
        String id = text(b, from, to);
        Integer number = tableNumbers.get(id);
        if (number == null) {
            if (id.isEmpty()) {
                problems.add(new PackageProblem(file, line, "table_id", Code.BAD_VALUE, "is empty; expected the id of a table of tables.csv"));
            } else if (!TableId.isValid(id)) {
                problems.add(new PackageProblem(file, line, "table_id", Code.BAD_VALUE, quote(id)
                        + " is not a table id (1-64 letters, digits, '.', '_', ':', '-', starting with a letter or digit)"));
            } else {
                problems.add(new PackageProblem(file, line, "table_id", Code.UNKNOWN_REFERENCE,
                        "table " + quote(id) + " is not in " + ElectionPackage.TABLES));
            }
            return -1;
        }
        lastTable = java.util.Arrays.copyOfRange(b, from, to);
        lastTableNumber = number;
        return number;
    }

    private static String quote(String s) {
        return '"' + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + '"';
    }

    private static String column(byte[] b, int from, int at) {
        return indexOf(b, from, at, (byte) ',') < 0 ? "national_id" : "table_id";
    }

    private static int firstNonAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return i;
            }
        }
        return -1;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
