package org.testigo.election.pkg;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.testigo.election.pkg.PackageProblem.Code;

/**
 * The rules every CSV file of a package shares (docs/election-package.md §3): UTF-8 without a byte
 * order mark, exactly the header of its version, the header's number of fields on every record, no
 * blank lines. {@link #next()} hands out only records that pass them, having reported the others.
 */
final class PackageCsv implements Closeable {
    /** Stands for undecodable bytes: the decoder replaces them with it, and the row check finds it. */
    private static final char REPLACEMENT = '\uFFFD';

    private final String file;
    private final List<String> header;
    private final ProblemList<PackageProblem> problems;
    private final CsvReader reader;

    private PackageCsv(String file, List<String> header, ProblemList<PackageProblem> problems, CsvReader reader) {
        this.file = file;
        this.header = header;
        this.problems = problems;
        this.reader = reader;
    }

    /** Opens a file and checks its header; null (with the problem reported) when it cannot be read on. */
    static PackageCsv open(Path path, String file, List<String> header, ProblemList<PackageProblem> problems) {
        Reader in;
        try {
            // Malformed UTF-8 becomes U+FFFD, which the row check reports with its line and field: a
            // decoder that throws would only say that something, somewhere ahead, was wrong.
            in = new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
        } catch (IOException e) {
            problems.add(new PackageProblem(file, 0, "", Code.UNREADABLE, "cannot be read: " + e));
            return null;
        }
        return open(in, file, header, problems);
    }

    /** Opens text already decoded (e.g. an election's stored description) and checks its header. */
    static PackageCsv open(Reader in, String file, List<String> header, ProblemList<PackageProblem> problems) {
        PackageCsv csv = new PackageCsv(file, header, problems, new CsvReader(in, false));
        if (!csv.checkHeader()) {
            csv.close();
            return null;
        }
        return csv;
    }

    private boolean checkHeader() {
        CsvRecord first;
        try {
            first = reader.next();
        } catch (IOException e) {
            problems.add(new PackageProblem(file, 0, "", Code.UNREADABLE, "cannot be read: " + e));
            return false;
        } catch (CsvSyntaxException e) {
            problems.add(new PackageProblem(file, e.line(), "", Code.BAD_HEADER,
                    "the header must be " + String.join(",", header) + ": " + e.getMessage()));
            return false;
        }
        if (first == null) {
            problems.add(new PackageProblem(file, 0, "", Code.BAD_HEADER,
                    "the file is empty; it must start with the header " + String.join(",", header)));
            return false;
        }
        if (!first.fields().isEmpty() && first.get(0).startsWith("\uFEFF")) {
            problems.add(new PackageProblem(file, 1, "", Code.BAD_ENCODING, "starts with a byte order mark; save it as UTF-8 without BOM"));
            return false;
        }
        if (!first.fields().equals(header)) {
            problems.add(new PackageProblem(file, 1, "", Code.BAD_HEADER,
                    "the header is " + String.join(",", first.fields()) + " but must be " + String.join(",", header)));
            return false;
        }
        return true;
    }

    /** The next well-formed data record, or null at the end of the file (or after a read failure). */
    CsvRecord next() {
        while (true) {
            CsvRecord record;
            try {
                record = reader.next();
            } catch (IOException e) {
                problems.add(new PackageProblem(file, 0, "", Code.UNREADABLE, "cannot be read: " + e));
                return null;
            } catch (CsvSyntaxException e) {
                problems.add(new PackageProblem(file, e.line(), column(e.column()), Code.SYNTAX, e.getMessage()));
                continue;
            }
            if (record == null) {
                return null;
            }
            if (record.isBlankLine()) {
                problems.add(new PackageProblem(file, record.line(), "", Code.COLUMN_COUNT, "a blank line; every line must be a record"));
                continue;
            }
            if (record.size() != header.size()) {
                problems.add(new PackageProblem(file, record.line(), "", Code.COLUMN_COUNT,
                        "has " + record.size() + " fields, the header has " + header.size() + " (" + String.join(",", header) + ")"));
                continue;
            }
            if (badEncoding(record)) {
                continue;
            }
            return record;
        }
    }

    private boolean badEncoding(CsvRecord record) {
        for (int i = 0; i < record.size(); i++) {
            if (record.get(i).indexOf(REPLACEMENT) >= 0) {
                problems.add(new PackageProblem(file, record.line(), header.get(i), Code.BAD_ENCODING,
                        "holds bytes that are not valid UTF-8 (or the character U+FFFD, which stands for them)"));
                return true;
            }
        }
        return false;
    }

    private String column(int column) {
        return column >= 1 && column <= header.size() ? header.get(column - 1) : "";
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // Nothing was written; a failed close of a read-only file loses nothing.
        }
    }

    /**
     * A non-negative integer written canonically (no sign, no leading zero, no spaces), at most
     * {@code max}; -1 for anything else. Canonical so that one number has one spelling.
     */
    static long nonNegative(String text, long max) {
        int n = text.length();
        if (n == 0 || n > 19 || (n > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                return -1;
            }
        }
        return value <= max ? value : -1;
    }

    /** Something that writes a file's content. */
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes UTF-8 text through a temporary file moved into place, so that a reader never sees half a
     * file and a failed write leaves the previous one intact.
     */
    static void writeReplacing(Path target, Content content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16)) {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
