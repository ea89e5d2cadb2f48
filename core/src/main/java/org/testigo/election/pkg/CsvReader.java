package org.testigo.election.pkg;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields separated by commas, records by CRLF or LF, a field in double
 * quotes may hold commas, line breaks and doubled quotes ({@code ""}). It reads one record at a time
 * so that a million-row file never sits in memory, and it knows each record's physical line for error
 * messages. It decodes nothing: the caller picks the charset when making the {@link Reader}.
 *
 * <p>Strict where RFC 4180 is: a quote inside an unquoted field, anything but a separator after a
 * closing quote, an unclosed quote, or a lone carriage return is a {@link CsvSyntaxException}. Spaces
 * are data (never trimmed). An empty line reads as a record of one empty field
 * ({@link CsvRecord#isBlankLine()}), left to the caller to refuse.
 */
public final class CsvReader implements Closeable {
    private static final int EOF = -1;

    private final Reader in;
    private final boolean keepRaw;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int line = 1;
    private int expectedColumns = 8;
    private final StringBuilder field = new StringBuilder(64);
    private final StringBuilder raw = new StringBuilder(256);

    /**
     * @param in the decoded text
     * @param keepRaw keep each record's text as it stood in the file ({@link CsvRecord#raw()}), e.g. to
     *     quote it as evidence; costs one more copy of every record
     */
    public CsvReader(Reader in, boolean keepRaw) {
        this.in = in;
        this.keepRaw = keepRaw;
    }

    /**
     * The next record, or null at the end of the text. After a {@link CsvSyntaxException} the reader
     * stands at the start of the next line and may be called again.
     */
    public CsvRecord next() throws IOException, CsvSyntaxException {
        raw.setLength(0);
        int c = read();
        if (c == EOF) {
            return null;
        }
        int startLine = line;
        List<String> fields = new ArrayList<>(expectedColumns);
        while (true) {
            field.setLength(0);
            if (c == '"') {
                int openedOn = line;
                while (true) {
                    c = read();
                    if (c == EOF) {
                        throw new CsvSyntaxException(openedOn, fields.size() + 1,
                                "the quoted field opened on line " + openedOn + " is never closed");
                    }
                    if (c == '"') {
                        c = read();
                        if (c != '"') {
                            break;
                        }
                    } else if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    int column = fields.size() + 1;
                    skipLine(c);
                    throw new CsvSyntaxException(line - 1, column,
                            "text follows the closing quote (a quote inside a quoted field is written \"\")");
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    if (c == '"') {
                        int column = fields.size() + 1;
                        skipLine(c);
                        throw new CsvSyntaxException(line - 1, column,
                                "a quote inside an unquoted field (quote the whole field and double the quote)");
                    }
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                c = read();
                if (c != '\n') {
                    int column = fields.size();
                    skipLine(c);
                    throw new CsvSyntaxException(line - 1, column, "a carriage return not followed by a line feed");
                }
            }
            break;
        }
        if (c == '\n') {
            line++;
        }
        expectedColumns = fields.size();
        String text = "";
        if (keepRaw) {
            int end = raw.length();
            if (c == '\n') {
                end--;
                if (end > 0 && raw.charAt(end - 1) == '\r') {
                    end--;
                }
            }
            text = raw.substring(0, end);
        }
        return new CsvRecord(startLine, fields, text);
    }

    /** Skips to just after the next line feed; {@code c} is the character already read. */
    private void skipLine(int c) throws IOException {
        while (c != '\n' && c != EOF) {
            c = read();
        }
        line++;
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return EOF;
            }
        }
        char c = buffer[position++];
        if (keepRaw) {
            raw.append(c);
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
