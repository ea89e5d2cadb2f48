package org.testigo.election.pkg;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.testigo.election.Candidate;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;
import org.testigo.election.PollingTable;
import org.testigo.election.pkg.PackageProblem.Code;

/**
 * An election on disk: a directory of plain files that anyone can read, diff and publish, and that
 * Testigo loads to know what it is counting. The format, {@value #FORMAT}, is specified in
 * {@code docs/election-package.md}:
 *
 * <pre>
 * election.json   manifest: format version, ids, ballot, levels, expected size   (required)
 * geography.csv   code,parent,level,name                                           (required)
 * tables.csv      table,node,registered                                            (required)
 * official.csv    bulletin,announced,note,item,value                               (optional)
 * geometry.geojson shapes of the places, GeoJSON FeatureCollection by node code   (optional)
 * </pre>
 *
 * <p>{@link #read} checks everything and reports every problem it finds, each with its file, line and
 * field; {@link #write} writes what {@code read} reads back as an equal {@link Election}.
 */
public final class ElectionPackage {
    /** The format and version this code reads and writes; the first member of {@code election.json}. */
    public static final String FORMAT = "testigo-election/1";
    public static final String MANIFEST = "election.json";
    public static final String GEOGRAPHY = "geography.csv";
    public static final String TABLES = "tables.csv";
    public static final String OFFICIAL = "official.csv";
    /** Optional: the shapes of the places, GeoJSON ({@link GeometryFile}). */
    public static final String GEOMETRY = "geometry.geojson";
    /** Reading stops after this many problems; past a hundred, the cause is upstream of the rows. */
    public static final int MAX_PROBLEMS = 100;

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private ElectionPackage() {
    }

    /**
     * Loads the package in {@code dir}.
     *
     * @throws PackageException with every problem found (up to {@link #MAX_PROBLEMS}); I/O failures are
     *     problems too ({@link PackageProblem.Code#UNREADABLE})
     */
    public static Election read(Path dir) throws PackageException {
        ProblemList<PackageProblem> problems = new ProblemList<>(MAX_PROBLEMS);
        Election election = null;
        try {
            election = readAll(dir, problems);
        } catch (ProblemList.Full full) {
            // the cap was reached: report what was gathered
        }
        if (!problems.isEmpty()) {
            throw new PackageException(problems);
        }
        return election;
    }

    private static Election readAll(Path dir, ProblemList<PackageProblem> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new PackageProblem("", 0, "", Code.MISSING_FILE, "there is no package directory at " + dir));
            return null;
        }
        for (String required : List.of(MANIFEST, GEOGRAPHY, TABLES)) {
            if (!Files.isRegularFile(dir.resolve(required))) {
                problems.add(new PackageProblem(required, 0, "", Code.MISSING_FILE, "the package has no " + required + "; it is required"));
            }
        }
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            return null;
        }
        ManifestFile.Manifest manifest = ManifestFile.read(dir.resolve(MANIFEST), problems);
        if (manifest == null) {
            return null; // not a testigo-election/1 manifest: the other files mean nothing yet
        }
        GeographyFile.Result geography = Files.isRegularFile(dir.resolve(GEOGRAPHY))
                ? GeographyFile.read(dir.resolve(GEOGRAPHY), manifest.levels(), problems)
                : new GeographyFile.Result(List.of(), Set.of(), false);
        List<PollingTable> tables = Files.isRegularFile(dir.resolve(TABLES))
                ? TablesFile.read(dir.resolve(TABLES), geography, problems)
                : null;
        List<OfficialBulletin> official = Files.isRegularFile(dir.resolve(OFFICIAL))
                ? OfficialFile.read(dir.resolve(OFFICIAL), candidateIds(manifest), problems)
                : List.of();
        if (tables != null) {
            checkExpectedTables(manifest, tables, problems);
        }
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            return election(manifest, geography.nodes(), tables, official);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the package passed every check but the model refused it (a bug here): "
                    + e.getMessage(), e);
        }
    }

    /** The ballot's candidate ids, or null when the ballot was unusable (official items are then not checked). */
    private static Set<String> candidateIds(ManifestFile.Manifest manifest) {
        return manifest.ballot() == null ? null
                : new HashSet<>(manifest.ballot().candidates().stream().map(Candidate::id).toList());
    }

    private static void checkExpectedTables(ManifestFile.Manifest manifest, List<PollingTable> tables,
            ProblemList<PackageProblem> problems) {
        if (manifest.expectedTables() >= 0 && manifest.expectedTables() < tables.size()) {
            problems.add(new PackageProblem(MANIFEST, manifest.expectedTablesLine(), "expected.tables", Code.EXPECTED_BELOW_LISTED,
                    "expects " + manifest.expectedTables() + " tables but " + TABLES + " lists " + tables.size()
                            + "; expected.tables counts every table of the election, listed or not"));
        }
    }

    private static Election election(ManifestFile.Manifest manifest, List<GeoNode> nodes, List<PollingTable> tables,
            List<OfficialBulletin> official) {
        Geography g = new Geography(manifest.nation(), nodes, tables);
        return new Election(manifest.id(), manifest.name(), manifest.date(), manifest.tallyFormat(), manifest.options(),
                manifest.levels(), manifest.ballot(), g, manifest.expectedTables(), manifest.expectedElectorate(), official);
    }

    /**
     * An election's description: everything but the rows of its geography, as the text of the package
     * files that carry it, {@value #MANIFEST} and {@value #OFFICIAL}, exactly as {@link #write} writes
     * them. It is how an election is kept where its geography lives elsewhere (the store keeps nodes and
     * tables as database rows): one encoding of these facts, the package's, wherever they are kept.
     * The same election always gives the same text.
     *
     * @param manifest the text of {@value #MANIFEST}
     * @param official the text of {@value #OFFICIAL} (its header only when there are no bulletins)
     */
    public record Description(String manifest, String official) {
        public Description {
            if (manifest == null || official == null) {
                throw new IllegalArgumentException("a description needs the text of both " + MANIFEST + " and " + OFFICIAL);
            }
        }
    }

    /**
     * The description of {@code election}: what {@link #write} would write as {@value #MANIFEST} and
     * {@value #OFFICIAL}.
     *
     * @throws IllegalArgumentException when the election holds something the format cannot carry (see
     *     {@link #checkWritable}; its geography is checked too, so that an election kept as a description
     *     and rows can always be written as a package)
     */
    public static Description describe(Election election) {
        checkWritable(election);
        StringWriter manifest = new StringWriter();
        StringWriter official = new StringWriter();
        try {
            ManifestFile.write(election, manifest);
            OfficialFile.write(election.official(), official);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter cannot fail", e);
        }
        return new Description(manifest.toString(), official.toString());
    }

    /**
     * The election a description and the rows of its geography make, checked as {@link #read(Path)}
     * checks the package's {@value #MANIFEST} and {@value #OFFICIAL}.
     *
     * @param nodes the places below the nation, in order (as {@link Geography#nodes()} gives them)
     * @param tables the polling tables, in order
     * @throws PackageException with every problem of the description
     * @throws IllegalArgumentException when the nodes and tables do not fit the description (the model
     *     refuses them, e.g. a tree deeper than the levels named)
     */
    public static Election read(Description description, List<GeoNode> nodes, List<PollingTable> tables) throws PackageException {
        ProblemList<PackageProblem> problems = new ProblemList<>(MAX_PROBLEMS);
        ManifestFile.Manifest manifest = null;
        List<OfficialBulletin> official = null;
        try {
            manifest = ManifestFile.read(description.manifest(), problems);
            if (manifest != null) {
                official = OfficialFile.read(description.official(), candidateIds(manifest), problems);
                checkExpectedTables(manifest, tables, problems);
            }
        } catch (ProblemList.Full full) {
            // the cap was reached: report what was gathered
        }
        if (!problems.isEmpty()) {
            throw new PackageException(problems);
        }
        return election(manifest, nodes, tables, official);
    }

    /**
     * Writes {@code election} as a package into {@code dir} (created if needed), replacing the four
     * package files; any other file there is left alone. Each file is written to a temporary name and
     * moved into place. {@code official.csv} is always written, with only its header when there are no
     * bulletins.
     *
     * @throws IllegalArgumentException when the election holds something the format cannot carry (see
     *     {@link #checkWritable}); nothing is written then
     */
    public static void write(Election election, Path dir) throws IOException {
        checkWritable(election);
        Files.createDirectories(dir);
        PackageCsv.writeReplacing(dir.resolve(GEOGRAPHY), out -> GeographyFile.write(election.geography(), election.levels(), out));
        PackageCsv.writeReplacing(dir.resolve(TABLES), out -> TablesFile.write(election.geography(), out));
        PackageCsv.writeReplacing(dir.resolve(OFFICIAL), out -> OfficialFile.write(election.official(), out));
        // The manifest last: a directory with a manifest is a package, so it appears once the rest is there.
        PackageCsv.writeReplacing(dir.resolve(MANIFEST), out -> ManifestFile.write(election, out));
    }

    /**
     * Reads the package's optional {@value #GEOMETRY}, checked against the election's geography.
     *
     * @return empty when the package has no geometry
     * @throws PackageException with every problem of the file, each naming its JSON path
     */
    public static java.util.Optional<org.testigo.election.Geometry> readGeometry(Path dir, Geography geography) throws PackageException {
        Path file = dir.resolve(GEOMETRY);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        byte[] bytes;
        try {
            if (Files.size(file) > GeometryFile.MAX_BYTES) {
                throw new PackageException(List.of(new PackageProblem(GEOMETRY, 0, "", Code.BAD_VALUE, "the file has "
                        + Files.size(file) + " bytes; at most " + GeometryFile.MAX_BYTES + " are read (simplify the shapes)")), false);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PackageException(List.of(new PackageProblem(GEOMETRY, 0, "", Code.UNREADABLE, "cannot be read: " + e.getMessage())), false);
        }
        return java.util.Optional.of(GeometryFile.read(bytes, geography));
    }

    /** Writes {@code geometry} into the package in {@code dir} as {@value #GEOMETRY} (replacing it). */
    public static void writeGeometry(org.testigo.election.Geometry geometry, Geography geography, Path dir) throws IOException {
        Files.createDirectories(dir);
        PackageCsv.writeReplacing(dir.resolve(GEOMETRY), out -> GeometryFile.write(geometry, geography, out));
    }

    /**
     * The few things an {@link Election} accepts that the package format does not, because {@link #read}
     * would refuse them: a date not written YYYY-MM-DD, a tally format id that is not a code, a blank
     * name, level names blank or repeated, text holding U+FFFD (the mark of undecodable bytes), figures for
     * unknown items, negative, too precise, or given twice in a bulletin.
     */
    static void checkWritable(Election e) {
        require(e.name() != null && !e.name().isBlank(), "the election needs a non-blank name");
        require(e.date() != null && DATE.matcher(e.date()).matches() && isDate(e.date()),
                "the election date must be written YYYY-MM-DD, got " + e.date());
        require(e.tallyFormat() != null && CODE.matcher(e.tallyFormat()).matches(),
                "the tally format id must be a code, got " + e.tallyFormat());
        require(!e.geography().node(0).name().isBlank(), "the nation needs a non-blank name");
        require(!e.levels().isEmpty(), "an election package needs at least one level name");
        Set<String> levels = new HashSet<>();
        for (String level : e.levels()) {
            require(level != null && !level.isBlank() && levels.add(level), "level names must be non-blank and distinct: " + e.levels());
        }
        for (GeoNode n : e.geography().nodes()) {
            require(n.name().indexOf('\uFFFD') < 0, "node " + n.code() + "'s name holds U+FFFD, which marks undecodable bytes");
        }
        Set<String> candidates = new HashSet<>(e.ballot().candidates().stream().map(Candidate::id).toList());
        for (OfficialBulletin b : e.official()) {
            require((b.id() + b.announced() + b.note()).indexOf('\uFFFD') < 0,
                    "bulletin " + b.id() + " holds U+FFFD, which marks undecodable bytes");
            Set<String> items = new HashSet<>();
            for (OfficialFigure f : b.figures()) {
                require(items.add(f.item()), "bulletin " + b.id() + " gives " + f.item() + " twice");
                require(candidates.contains(f.item()) || OfficialFile.RESERVED_ITEMS.contains(f.item()),
                        "bulletin " + b.id() + " gives " + f.item() + ", which is neither a candidate nor a reserved item");
                require(f.value().signum() >= 0 && f.value().scale() <= 9 && f.value().precision() - f.value().scale() <= 18,
                        "bulletin " + b.id() + " figure " + f.item() + " must be non-negative with at most 18 digits "
                                + "before and 9 after the point, got " + f.value());
            }
        }
    }

    private static boolean isDate(String date) {
        try {
            LocalDate.parse(date);
            return true;
        } catch (DateTimeParseException ex) {
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("cannot write this election as a package: " + message);
        }
    }
}
