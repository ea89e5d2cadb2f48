package org.testigo.resultados;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.testigo.election.pkg.CsvReader;
import org.testigo.election.pkg.CsvRecord;
import org.testigo.election.pkg.CsvSyntaxException;
import org.testigo.election.pkg.ProblemList;
import org.testigo.resultados.ResultadosProblem.Code;

/**
 * Reads the per-table results of Venezuela's 2024 presidential election as resultadosconvzla.com
 * published them ({@link Variant#V1} or {@link Variant#V2}), checking every row, into the
 * {@link org.testigo.election.Election} they describe and one {@link org.testigo.tally.Tally} per table.
 *
 * <p>The variant is told from the bytes and the header together: V1 starts with the UTF-8 byte order
 * mark and has the {@code RE} column, V2 has neither and is ISO-8859-1. Anything else is refused rather
 * than guessed at, since a wrong charset silently corrupts names.
 *
 * <p>The geography is built from the rows: state {@code SS} (COD_EDO), municipality {@code SSMM}
 * (COD_EDO, COD_MUN), parish {@code SSMMPP} and centre {@code SSMMPPCCC} (CENTRO, zero-padded to 9
 * digits). The parish's own two digits come from the centre code: {@code COD_PAR} is the CNE's
 * nation-wide parish number (1 to 1,142), not the parish's number inside its municipality, so the reader
 * checks that it pairs one to one with the centre code's first six digits instead. Tables are
 * {@code SSMMPPCCC.MM} (MESA zero-padded to 2 digits), the spelling of the acta QR.
 */
public final class ResultadosCsv {
    /** The {@link org.testigo.tally.Tally#format()} of imported rows. */
    public static final String TALLY_FORMAT = "import";
    public static final String ELECTION_ID = "ve-2024-presidencial";
    public static final String ELECTION_NAME = "Elección presidencial de Venezuela, 28 de julio de 2024";
    public static final String ELECTION_DATE = "2024-07-28";
    /** The tally format of the election's actas (the QR on the printed acta). */
    public static final String ACTA_FORMAT = "ve-2024";
    public static final String NATION = "Venezuela";
    public static final List<String> LEVELS = List.of("estado", "municipio", "parroquia", "centro");
    /** Reading stops after this many problems. */
    public static final int MAX_PROBLEMS = 100;

    private ResultadosCsv() {
    }

    /**
     * Reads and checks a results CSV.
     *
     * @throws ResultadosException with every problem found (up to {@link #MAX_PROBLEMS}), each with its
     *     line and column; an unreadable file is a problem too
     */
    public static ResultadosImport read(Path csv) throws ResultadosException {
        ProblemList<ResultadosProblem> problems = new ProblemList<>(MAX_PROBLEMS);
        ResultadosImport result = null;
        try {
            result = readAll(csv, problems);
        } catch (ProblemList.Full full) {
            // the cap was reached: report what was gathered
        } catch (NoSuchFileException e) {
            problems.addLast(new ResultadosProblem(0, "", Code.UNREADABLE, "there is no file at " + csv));
        } catch (IOException e) {
            problems.addLast(new ResultadosProblem(0, "", Code.UNREADABLE, "cannot be read: " + e));
        }
        if (!problems.isEmpty()) {
            throw new ResultadosException(csv, problems);
        }
        return result;
    }

    /**
     * Reads one imported row again, as it is kept as evidence: the variant's header line, a newline and
     * the row as published (the content {@code testigo election import-resultados} records). Runs every
     * check {@link #read} runs on a row, so a verifier re-decodes imported evidence exactly as the import
     * did. The header alone picks the variant (the evidence is UTF-8 text without a byte order mark).
     *
     * @param source names the evidence in problems, e.g. its file in a bundle
     * @throws ResultadosException with the problems of the row, or of a content that is not one header and one row
     */
    public static org.testigo.tally.Tally readRow(String content, Path source) throws ResultadosException {
        ProblemList<ResultadosProblem> problems = new ProblemList<>(MAX_PROBLEMS);
        try (CsvReader records = new CsvReader(new java.io.StringReader(content), true)) {
            CsvRecord header = records.next();
            Variant variant = null;
            for (Variant v : Variant.values()) {
                if (header != null && v.header().equals(header.fields())) {
                    variant = v;
                }
            }
            if (variant == null) {
                problems.addLast(new ResultadosProblem(1, "", Code.BAD_HEADER, "the first line is not the header of V1 or V2"));
                throw new ResultadosException(source, problems);
            }
            CsvRecord row = records.next();
            if (row == null || records.next() != null) {
                problems.addLast(new ResultadosProblem(2, "", Code.COLUMN_COUNT, "imported evidence is a header and exactly one row"));
                throw new ResultadosException(source, problems);
            }
            Rows rows = new Rows(variant, problems);
            rows.add(row);
            if (!problems.isEmpty()) {
                throw new ResultadosException(source, problems);
            }
            return rows.only().tally();
        } catch (ProblemList.Full full) {
            throw new ResultadosException(source, problems);
        } catch (CsvSyntaxException e) {
            problems.addLast(new ResultadosProblem(e.line(), "", Code.SYNTAX, e.getMessage()));
            throw new ResultadosException(source, problems);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static ResultadosImport readAll(Path csv, ProblemList<ResultadosProblem> problems) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
            in.mark(3);
            byte[] start = in.readNBytes(3);
            boolean bom = start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF;
            if (!bom) {
                in.reset();
            }
            // V1 is the only variant with a BOM, V2 the only one without; the header then confirms it.
            Variant expected = bom ? Variant.V1 : Variant.V2;
            // Undecodable bytes become U+FFFD, found afterwards with their line and column.
            Reader reader = new InputStreamReader(in, expected.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
            CsvReader records = new CsvReader(reader, true);
            Variant variant = variant(records, bom, problems);
            if (variant == null) {
                return null;
            }
            Rows rows = new Rows(variant, problems);
            while (true) {
                CsvRecord record;
                try {
                    record = records.next();
                } catch (CsvSyntaxException e) {
                    problems.add(new ResultadosProblem(e.line(), column(variant, e.column()), Code.SYNTAX, e.getMessage()));
                    continue;
                }
                if (record == null) {
                    break;
                }
                rows.add(record);
            }
            return rows.build();
        }
    }

    private static Variant variant(CsvReader records, boolean bom, ProblemList<ResultadosProblem> problems) throws IOException {
        CsvRecord header;
        try {
            header = records.next();
        } catch (CsvSyntaxException e) {
            problems.add(new ResultadosProblem(1, "", Code.BAD_HEADER, "the header breaks CSV quoting: " + e.getMessage()));
            return null;
        }
        if (header == null) {
            problems.add(new ResultadosProblem(0, "", Code.BAD_HEADER, "the file is empty"));
            return null;
        }
        List<String> columns = header.fields();
        Variant variant = Variant.of(bom, columns);
        if (variant != null) {
            return variant;
        }
        if (columns.equals(Variant.V2.header())) {
            problems.add(new ResultadosProblem(1, "", Code.UNKNOWN_VARIANT,
                    "V2's columns (no RE) but V1's encoding (UTF-8 with a byte order mark): "
                    + "neither variant; V2 is ISO-8859-1 without a byte order mark"));
        } else if (columns.equals(Variant.V1.header())) {
            problems.add(new ResultadosProblem(1, "", Code.UNKNOWN_VARIANT,
                    "V1's columns (with RE) but no UTF-8 byte order mark: neither variant; "
                    + "V1 starts with a byte order mark (was it removed when the file was saved again?)"));
        } else {
            Variant near = bom ? Variant.V1 : Variant.V2;
            problems.add(new ResultadosProblem(1, "", Code.BAD_HEADER,
                    "not the header of " + near + " (" + String.join(",", near.header()) + "): "
                    + firstDifference(columns, near.header())));
        }
        return null;
    }

    private static String firstDifference(List<String> actual, List<String> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                return "column " + (i + 1) + " is \"" + actual.get(i) + "\" where \"" + expected.get(i) + "\" was expected";
            }
        }
        return actual.size() + " columns where " + expected.size() + " were expected";
    }

    private static String column(Variant variant, int column) {
        return column >= 1 && column <= variant.header().size() ? variant.header().get(column - 1) : "";
    }
}
