package org.testigo.election.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Card;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.election.pkg.PackageProblem.Code;

class ElectionPackageTest {
    private static final String MANIFEST = ElectionPackage.MANIFEST;
    private static final String GEOGRAPHY = ElectionPackage.GEOGRAPHY;
    private static final String TABLES = ElectionPackage.TABLES;
    private static final String OFFICIAL = ElectionPackage.OFFICIAL;

    @TempDir
    Path tmp;

    // --- reading and writing good packages

    @Test
    void readsTheHandWrittenExampleAsTheElectionItDescribes() throws Exception {
        Path dir = ExamplePackage.write(tmp.resolve("example"), ExamplePackage.files());
        assertThat(ElectionPackage.read(dir)).isEqualTo(ExamplePackage.election());
    }

    @Test
    void writesTheExampleElectionAsExactlyTheHandWrittenFiles() throws Exception {
        Path dir = tmp.resolve("written");
        ElectionPackage.write(ExamplePackage.election(), dir);
        for (Map.Entry<String, String> f : ExamplePackage.files().entrySet()) {
            assertThat(Files.readString(dir.resolve(f.getKey()), StandardCharsets.UTF_8)).as(f.getKey()).isEqualTo(f.getValue());
        }
    }

    @Test
    void readsBackEveryCornerOfTheModelThatItWrote() throws Exception {
        Ballot ballot = new Ballot(
                List.of(new Candidate("A", "Ana \"la Jefa\", de Mérida"), new Candidate("B.2", "Bruno\nsegunda línea")),
                List.of(),
                true);
        Geography geography = new Geography("Nación, \"única\"",
                List.of(new GeoNode("Z", "", 0, " espacios alrededor "),
                        new GeoNode("Z-1", "Z", 1, "línea 1\r\nlínea 2"),
                        new GeoNode("A", "", 0, "Ñ¿€𝄞")),
                List.of(new PollingTable(new TableId("t:1"), "Z-1", 0),
                        new PollingTable(new TableId("t:2"), "Z", PollingTable.UNKNOWN),
                        new PollingTable(new TableId("t_3"), "A", Integer.MAX_VALUE)));
        List<OfficialBulletin> official = List.of(
                new OfficialBulletin("empty", "", "", List.of()),
                new OfficialBulletin("b,2", "2024-08-02", "nota \"citada\"\ncon salto", List.of(
                        new OfficialFigure("B.2", new BigDecimal("0")),
                        new OfficialFigure(OfficialFigure.TABLES_PERCENT, new BigDecimal("96.870")),
                        new OfficialFigure(OfficialFigure.NULL, new BigDecimal("0.5")))));
        Election election = new Election("e-1", "Elección, \"prueba\"", "2000-02-29", "br-bu",
                Map.of("office", "presidente", "round", "1"), List.of("uno", "dos", "tres"), ballot, geography,
                3, -1, official);

        Path dir = tmp.resolve("corners");
        ElectionPackage.write(election, dir);

        assertThat(ElectionPackage.read(dir)).isEqualTo(election);
    }

    @Test
    void acceptsCrlfLineEndingsAndALastLineWithoutLineFeed() throws Exception {
        Map<String, String> files = ExamplePackage.files();
        files.replaceAll((name, text) -> name.endsWith(".csv") ? text.replace("\n", "\r\n") : text);
        files.put(TABLES, ExamplePackage.TABLES.stripTrailing());
        Path dir = ExamplePackage.write(tmp.resolve("crlf"), files);
        assertThat(ElectionPackage.read(dir)).isEqualTo(ExamplePackage.election());
    }

    @Test
    void readsAPackageWithoutOfficialBulletins() throws Exception {
        Map<String, String> files = ExamplePackage.files();
        files.remove(OFFICIAL);
        Election read = ElectionPackage.read(ExamplePackage.write(tmp.resolve("p"), files));
        assertThat(read.official()).isEmpty();
        assertThat(read.geography()).isEqualTo(ExamplePackage.election().geography());
    }

    @Test
    void readsAnUnknownElectorateAsMinusOne() throws Exception {
        Election read = ElectionPackage.read(write(MANIFEST, "\"electorate\": 21620705", "\"electorate\": null"));
        assertThat(read.expectedElectorate()).isEqualTo(-1);
    }

    @Test
    void ignoresFilesTheFormatDoesNotName() throws Exception {
        Map<String, String> files = ExamplePackage.files();
        files.put("README.md", "# Notes for whoever mirrors this package\n");
        files.put("geometry.geojson", "{\"type\": \"FeatureCollection\", \"features\": []}");
        assertThat(ElectionPackage.read(ExamplePackage.write(tmp.resolve("p"), files))).isEqualTo(ExamplePackage.election());
    }

    @Test
    void replacesAPreviousPackageAndLeavesOtherFilesAlone() throws Exception {
        Path dir = ExamplePackage.write(tmp.resolve("p"), ExamplePackage.files());
        Files.writeString(dir.resolve("README.md"), "keep me");
        Election without = withOfficial(ExamplePackage.election(), List.of());
        ElectionPackage.write(without, dir);
        assertThat(ElectionPackage.read(dir)).isEqualTo(without);
        assertThat(Files.readString(dir.resolve(OFFICIAL))).isEqualTo("bulletin,announced,note,item,value\n");
        assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo("keep me");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(MANIFEST, GEOGRAPHY, TABLES, OFFICIAL, "README.md");
        }
    }

    // --- an election's description (the package files without the geography rows)

    @Test
    void describesTheExampleElectionAsExactlyTheHandWrittenManifestAndOfficialFiles() {
        ElectionPackage.Description d = ElectionPackage.describe(ExamplePackage.election());
        assertThat(d.manifest()).isEqualTo(ExamplePackage.MANIFEST);
        assertThat(d.official()).isEqualTo(ExamplePackage.OFFICIAL);
    }

    @Test
    void readsTheHandWrittenDescriptionAndRowsAsTheExampleElection() throws Exception {
        Election example = ExamplePackage.election();
        ElectionPackage.Description d = new ElectionPackage.Description(ExamplePackage.MANIFEST, ExamplePackage.OFFICIAL);

        assertThat(ElectionPackage.read(d, example.geography().nodes(), example.geography().tables())).isEqualTo(example);
    }

    @Test
    void reportsTheProblemsOfADescriptionAsThoseOfItsFiles() {
        Election example = ExamplePackage.election();
        ElectionPackage.Description d = new ElectionPackage.Description(
                ExamplePackage.MANIFEST.replace("\"date\": \"2024-07-28\"", "\"date\": \"28/07/2024\""),
                ExamplePackage.OFFICIAL.replace(",tables_percent,", ",tables,"));

        assertThatThrownBy(() -> ElectionPackage.read(d, example.geography().nodes(), example.geography().tables()))
                .isInstanceOf(PackageException.class)
                .satisfies(e -> assertThat(((PackageException) e).problems()).extracting(ElectionPackageTest::where).containsExactly(
                        tuple(MANIFEST, 5, "date", Code.BAD_VALUE),
                        tuple(OFFICIAL, 4, "item", Code.UNKNOWN_REFERENCE)));
    }

    @Test
    void refusesToDescribeAnElectionThePackageCannotCarry() {
        Election e = ExamplePackage.election();
        Election unnamed = new Election(e.id(), null, e.date(), e.tallyFormat(), e.formatOptions(), e.levels(),
                e.ballot(), e.geography(), e.expectedTables(), e.expectedElectorate(), e.official());
        assertThatThrownBy(() -> ElectionPackage.describe(unnamed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write this election as a package: the election needs a non-blank name");
    }

    @Test
    void refusesToWriteADateTheReaderWouldRefuse() {
        Election e = ExamplePackage.election();
        Election badDate = new Election(e.id(), e.name(), "28/07/2024", e.tallyFormat(), e.formatOptions(), e.levels(),
                e.ballot(), e.geography(), e.expectedTables(), e.expectedElectorate(), e.official());
        assertThatThrownBy(() -> ElectionPackage.write(badDate, tmp.resolve("bad")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("YYYY-MM-DD");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    @Test
    void refusesToWriteAFigureGivenTwiceInOneBulletin() {
        OfficialBulletin twice = new OfficialBulletin("b", "", "", List.of(
                new OfficialFigure("NM", BigDecimal.ONE), new OfficialFigure("NM", BigDecimal.TEN)));
        assertThatThrownBy(() -> ElectionPackage.write(withOfficial(ExamplePackage.election(), List.of(twice)), tmp.resolve("bad")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NM twice");
    }

    // --- files and encodings

    @Test
    void reportsAMissingPackageDirectory() {
        assertOnly(problemsOf(tmp.resolve("nowhere")), "", 0, "", Code.MISSING_FILE);
    }

    @Test
    void reportsEveryMissingRequiredFile() throws Exception {
        Map<String, String> files = ExamplePackage.files();
        files.remove(GEOGRAPHY);
        files.remove(TABLES);
        assertThat(problemsOf(ExamplePackage.write(tmp.resolve("p"), files))).extracting(ElectionPackageTest::where)
                .containsExactly(tuple(GEOGRAPHY, 0, "", Code.MISSING_FILE), tuple(TABLES, 0, "", Code.MISSING_FILE));
    }

    @Test
    void reportsAMissingManifest() throws Exception {
        Map<String, String> files = ExamplePackage.files();
        files.remove(MANIFEST);
        assertOnly(problemsOf(ExamplePackage.write(tmp.resolve("p"), files)), MANIFEST, 0, "", Code.MISSING_FILE);
    }

    @Test
    void reportsBytesThatAreNotUtf8WithTheirLineAndField() throws Exception {
        Path dir = ExamplePackage.write(tmp.resolve("p"), ExamplePackage.files());
        byte[] latin1 = ExamplePackage.GEOGRAPHY.replace("PQ. EL RECREO", "PQ. EL RECREO Ñ").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve(GEOGRAPHY), latin1);
        List<PackageProblem> problems = problemsOf(dir);
        // The node's row is dropped, so its child is reported as orphaned too; the encoding comes first.
        assertThat(problems.get(0)).extracting(ElectionPackageTest::where).isEqualTo(tuple(GEOGRAPHY, 4, "name", Code.BAD_ENCODING));
    }

    @Test
    void reportsAManifestThatIsNotUtf8WithItsLine() throws Exception {
        Path dir = ExamplePackage.write(tmp.resolve("p"), ExamplePackage.files());
        Files.write(dir.resolve(MANIFEST), ExamplePackage.MANIFEST.getBytes(StandardCharsets.ISO_8859_1));
        assertOnly(problemsOf(dir), MANIFEST, 4, "", Code.BAD_ENCODING);
    }

    @Test
    void refusesAByteOrderMark() throws Exception {
        Map<String, String> files = ExamplePackage.files();
        files.put(TABLES, "\uFEFF" + ExamplePackage.TABLES);
        List<PackageProblem> problems = problemsOf(ExamplePackage.write(tmp.resolve("p"), files));
        assertOnly(problems, TABLES, 1, "", Code.BAD_ENCODING);
        assertThat(problems.get(0).message()).contains("byte order mark");
    }

    // --- election.json

    @Test
    void refusesAnotherVersionOfTheFormatAndReadsNothingElse() throws Exception {
        Map<String, String> files = ExamplePackage.files();
        files.put(MANIFEST, ExamplePackage.MANIFEST.replace("testigo-election/1", "testigo-election/2"));
        files.put(TABLES, "this is not the v1 tables file\n");
        List<PackageProblem> problems = problemsOf(ExamplePackage.write(tmp.resolve("p"), files));
        assertOnly(problems, MANIFEST, 2, "format", Code.UNKNOWN_FORMAT);
        assertThat(problems.get(0).message()).contains("\"testigo-election/2\"").contains("knows only testigo-election/1");
    }

    @Test
    void refusesAManifestWithoutFormat() throws Exception {
        assertOnly(problemsOf(write(MANIFEST, "\"format\": \"testigo-election/1\",", "")), MANIFEST, 1, "format", Code.UNKNOWN_FORMAT);
    }

    @Test
    void requiresTheFormatToBeTheFirstMember() throws Exception {
        Path dir = write(MANIFEST, "\"format\": \"testigo-election/1\",\n  \"id\": \"ve-2024-presidencial\",",
                "\"id\": \"ve-2024-presidencial\",\n  \"format\": \"testigo-election/1\",");
        assertOnly(problemsOf(dir), MANIFEST, 3, "format", Code.UNKNOWN_FORMAT);
    }

    @Test
    void reportsJsonSyntaxErrorsWithTheirLine() throws Exception {
        assertOnly(problemsOf(write(MANIFEST, "\"date\": \"2024-07-28\",", "\"date\": \"2024-07-28\",,")), MANIFEST, 5, "", Code.SYNTAX);
    }

    @Test
    void refusesAMemberGivenTwice() throws Exception {
        List<PackageProblem> problems = problemsOf(write(MANIFEST, "\"nation\": \"Venezuela\",",
                "\"nation\": \"Venezuela\",\n  \"nation\": \"Otra\","));
        assertOnly(problems, MANIFEST, 7, "", Code.SYNTAX);
        assertThat(problems.get(0).message()).contains("nation");
    }

    @Test
    void reportsAMissingMember() throws Exception {
        assertOnly(problemsOf(write(MANIFEST, "\"nation\": \"Venezuela\",", "")), MANIFEST, 1, "nation", Code.MISSING_FIELD);
    }

    @Test
    void reportsAMemberTheFormatDoesNotDefine() throws Exception {
        assertOnly(problemsOf(write(MANIFEST, "\"electorate\": 21620705", "\"electorate\": 21620705,\n    \"centres\": 15797")),
                MANIFEST, 20, "expected.centres", Code.UNKNOWN_FIELD);
    }

    @Test
    void refusesADateThatIsNotIso() throws Exception {
        assertOnly(problemsOf(write(MANIFEST, "2024-07-28", "2024-02-30")), MANIFEST, 5, "date", Code.BAD_VALUE);
    }

    @Test
    void refusesAnElectionIdThatIsNotACode() throws Exception {
        assertOnly(problemsOf(write(MANIFEST, "\"ve-2024-presidencial\"", "\"ve 2024\"")), MANIFEST, 3, "id", Code.BAD_VALUE);
    }

    @Test
    void refusesExpectedTablesThatAreNotAWholeNumber() throws Exception {
        assertOnly(problemsOf(write(MANIFEST, "\"tables\": 30026", "\"tables\": \"30026\"")), MANIFEST, 18, "expected.tables", Code.BAD_VALUE);
        assertOnly(problemsOf(write(MANIFEST, "\"tables\": 30026", "\"tables\": 30026.5")), MANIFEST, 18, "expected.tables", Code.BAD_VALUE);
        assertOnly(problemsOf(write(MANIFEST, "\"tables\": 30026", "\"tables\": -1")), MANIFEST, 18, "expected.tables", Code.BAD_VALUE);
    }

    @Test
    void refusesExpectedTablesBelowTheTablesListed() throws Exception {
        List<PackageProblem> problems = problemsOf(write(MANIFEST, "\"tables\": 30026", "\"tables\": 1"));
        assertOnly(problems, MANIFEST, 18, "expected.tables", Code.EXPECTED_BELOW_LISTED);
        assertThat(problems.get(0).message()).contains("expects 1 tables but tables.csv lists 2");
    }

    @Test
    void refusesACardNamingAnUnknownCandidate() throws Exception {
        List<PackageProblem> problems = problemsOf(write(MANIFEST, "\"candidate\": \"EG\"", "\"candidate\": \"XX\""));
        assertOnly(problems, MANIFEST, 41, "ballot.cards[1].candidate", Code.UNKNOWN_REFERENCE);
        assertThat(problems.get(0).message()).contains("\"XX\"");
    }

    @Test
    void refusesACandidateIdGivenTwice() throws Exception {
        // NM is gone, so the card that backed NM now names an unknown candidate.
        assertThat(problemsOf(write(MANIFEST, "\"id\": \"NM\"", "\"id\": \"EG\""))).extracting(ElectionPackageTest::where)
                .containsExactly(tuple(MANIFEST, 28, "ballot.candidates[1].id", Code.DUPLICATE),
                        tuple(MANIFEST, 36, "ballot.cards[0].candidate", Code.UNKNOWN_REFERENCE));
    }

    @Test
    void refusesALevelNamedTwice() throws Exception {
        assertOnly(problemsOf(write(MANIFEST, "\"centro\"", "\"estado\"")), MANIFEST, 15, "levels[3]", Code.DUPLICATE);
    }

    @Test
    void refusesANonBooleanBlank() throws Exception {
        assertOnly(problemsOf(write(MANIFEST, "\"blank\": false", "\"blank\": \"no\"")), MANIFEST, 44, "ballot.blank", Code.BAD_VALUE);
    }

    // --- geography.csv

    @Test
    void refusesAWrongHeader() throws Exception {
        assertOnly(problemsOf(write(GEOGRAPHY, "code,parent,level,name", "code,parent,name,level")), GEOGRAPHY, 1, "", Code.BAD_HEADER);
    }

    @Test
    void refusesARowWithTheWrongNumberOfFields() throws Exception {
        List<PackageProblem> problems = problemsOf(write(GEOGRAPHY, "14,,estado,EDO. MERIDA", "14,,estado,EDO. MERIDA,extra"));
        assertOnly(problems, GEOGRAPHY, 6, "", Code.COLUMN_COUNT);
        assertThat(problems.get(0).message()).contains("has 5 fields, the header has 4");
    }

    @Test
    void refusesABlankLine() throws Exception {
        assertOnly(problemsOf(write(GEOGRAPHY, "\n14,,", "\n\n14,,")), GEOGRAPHY, 6, "", Code.COLUMN_COUNT);
    }

    @Test
    void refusesACodeDefinedTwice() throws Exception {
        List<PackageProblem> problems = problemsOf(write(GEOGRAPHY, "14,,estado,EDO. MERIDA", "01,,estado,EDO. MERIDA"));
        assertOnly(problems, GEOGRAPHY, 6, "code", Code.DUPLICATE);
        assertThat(problems.get(0).message()).contains("already defined on line 2");
    }

    @Test
    void refusesAnUnknownParent() throws Exception {
        assertOnly(problemsOf(write(GEOGRAPHY, "010113,0101,parroquia", "010113,0199,parroquia")), GEOGRAPHY, 4, "parent", Code.UNKNOWN_REFERENCE);
    }

    @Test
    void refusesALevelThatDisagreesWithTheParent() throws Exception {
        List<PackageProblem> problems = problemsOf(write(GEOGRAPHY, "010113,0101,parroquia", "010113,0101,centro"));
        // The parish is read as a centre, so its own child (a centre under a centre) is wrong as well.
        assertThat(problems).extracting(ElectionPackageTest::where).containsExactly(
                tuple(GEOGRAPHY, 4, "level", Code.LEVEL_MISMATCH), tuple(GEOGRAPHY, 5, "level", Code.LEVEL_MISMATCH));
        assertThat(problems.get(0).message()).contains("\"0101\" is at level \"municipio\", so this node must be at level \"parroquia\", not \"centro\"");
        assertThat(problems.get(1).message()).contains("lowest level");
    }

    @Test
    void refusesATopLevelNodeBelowTheTopLevel() throws Exception {
        assertOnly(problemsOf(write(GEOGRAPHY, "14,,estado", "14,,municipio")), GEOGRAPHY, 6, "level", Code.LEVEL_MISMATCH);
    }

    @Test
    void refusesALevelTheManifestDoesNotName() throws Exception {
        assertOnly(problemsOf(write(GEOGRAPHY, "14,,estado", "14,,provincia")), GEOGRAPHY, 6, "level", Code.UNKNOWN_REFERENCE);
    }

    @Test
    void refusesABlankName() throws Exception {
        assertOnly(problemsOf(write(GEOGRAPHY, "14,,estado,EDO. MERIDA", "14,,estado,  ")), GEOGRAPHY, 6, "name", Code.BAD_VALUE);
    }

    @Test
    void refusesBrokenQuotingWithTheField() throws Exception {
        assertOnly(problemsOf(write(GEOGRAPHY, "14,,estado,EDO. MERIDA", "14,,estado,EDO. \"MERIDA\"")), GEOGRAPHY, 6, "name", Code.SYNTAX);
    }

    @Test
    void countsLinesInsideQuotedNamesWhenLocatingAProblem() throws Exception {
        Path dir = write(GEOGRAPHY, "\"Centro 010113042, El Recreo\"\n14,,estado", "\"Centro\n010113042\"\n14,,wrong");
        assertOnly(problemsOf(dir), GEOGRAPHY, 7, "level", Code.UNKNOWN_REFERENCE);
    }

    // --- tables.csv

    @Test
    void refusesRegisteredVotersThatAreNotANonNegativeInteger() throws Exception {
        for (String bad : List.of("-3", "007", " 5", "5 ", "1e3", "12.0", "2147483648", "x")) {
            List<PackageProblem> problems = problemsOf(write(TABLES, "010113042.01,010113042,666", "010113042.01,010113042," + bad));
            assertOnly(problems, TABLES, 2, "registered", Code.BAD_VALUE);
            assertThat(problems.get(0).toString())
                    .isEqualTo("tables.csv line 2, field registered: \"" + bad + "\" is not a non-negative integer"
                            + " (digits only, no leading zero; leave it empty when unknown)");
        }
    }

    @Test
    void refusesATableNamingAnUnknownNode() throws Exception {
        assertOnly(problemsOf(write(TABLES, "010113042.02,010113042,", "010113042.02,010113099,")), TABLES, 3, "node", Code.UNKNOWN_REFERENCE);
    }

    @Test
    void refusesATableListedTwice() throws Exception {
        List<PackageProblem> problems = problemsOf(write(TABLES, "010113042.02,010113042,", "010113042.01,010113042,"));
        assertOnly(problems, TABLES, 3, "table", Code.DUPLICATE);
        assertThat(problems.get(0).message()).contains("already listed on line 2");
    }

    @Test
    void refusesATableIdWithForbiddenCharacters() throws Exception {
        assertOnly(problemsOf(write(TABLES, "010113042.02,", "010113042/02,")), TABLES, 3, "table", Code.BAD_VALUE);
    }

    // --- official.csv

    @Test
    void refusesAnItemThatIsNeitherCandidateNorReserved() throws Exception {
        assertOnly(problemsOf(write(OFFICIAL, ",turnout_percent,", ",participacion,")), OFFICIAL, 5, "item", Code.UNKNOWN_REFERENCE);
    }

    @Test
    void refusesAnItemGivenTwiceInABulletin() throws Exception {
        assertOnly(problemsOf(write(OFFICIAL, ",EG,4445978", ",NM,4445978")), OFFICIAL, 3, "item", Code.DUPLICATE);
    }

    @Test
    void refusesAValueWithThousandsSeparators() throws Exception {
        assertOnly(problemsOf(write(OFFICIAL, "5150092", "5.150.092")), OFFICIAL, 2, "value", Code.BAD_VALUE);
        assertOnly(problemsOf(write(OFFICIAL, "5150092", "\"5,150,092\"")), OFFICIAL, 2, "value", Code.BAD_VALUE);
    }

    @Test
    void refusesRowsOfOneBulletinThatDisagreeOnTheTime() throws Exception {
        assertOnly(problemsOf(write(OFFICIAL, "00:06-04:00,80% de mesas escrutadas,EG", "00:07-04:00,80% de mesas escrutadas,EG")),
                OFFICIAL, 3, "announced", Code.INCONSISTENT);
    }

    // --- many problems

    @Test
    void reportsProblemsFromEveryFileTogether() throws Exception {
        Map<String, String> files = ExamplePackage.files();
        files.put(MANIFEST, ExamplePackage.MANIFEST.replace("2024-07-28", "tomorrow"));
        files.put(GEOGRAPHY, ExamplePackage.GEOGRAPHY.replace("14,,estado", "14,,provincia"));
        files.put(TABLES, ExamplePackage.TABLES.replace(",666", ",-666"));
        files.put(OFFICIAL, ExamplePackage.OFFICIAL.replace(",59", ",59%"));
        assertThat(problemsOf(ExamplePackage.write(tmp.resolve("p"), files))).extracting(ElectionPackageTest::where).containsExactly(
                tuple(MANIFEST, 5, "date", Code.BAD_VALUE),
                tuple(GEOGRAPHY, 6, "level", Code.UNKNOWN_REFERENCE),
                tuple(TABLES, 2, "registered", Code.BAD_VALUE),
                tuple(OFFICIAL, 5, "value", Code.BAD_VALUE));
    }

    @Test
    void stopsAfterAHundredProblemsAndSaysSo() throws Exception {
        StringBuilder tables = new StringBuilder("table,node,registered\n");
        for (int i = 0; i < 150; i++) {
            tables.append("t").append(i).append(",nowhere,\n");
        }
        Map<String, String> files = ExamplePackage.files();
        files.put(TABLES, tables.toString());
        PackageException e = exceptionOf(ExamplePackage.write(tmp.resolve("p"), files));
        assertThat(e.problems()).hasSize(ElectionPackage.MAX_PROBLEMS);
        assertThat(e.truncated()).isTrue();
        assertThat(e.problems().get(99).line()).isEqualTo(101);
        assertThat(e.getMessage()).startsWith("the election package has at least 100 problems\n  tables.csv line 2, field node:");
    }

    // --- helpers

    /** The example package with one text replaced in one file; the text must be there. */
    private Path write(String file, String from, String to) throws IOException {
        Map<String, String> files = ExamplePackage.files();
        String text = files.get(file);
        if (!text.contains(from)) {
            fail("test bug: " + file + " does not contain " + from);
        }
        files.put(file, text.replace(from, to));
        return ExamplePackage.write(Files.createTempDirectory(tmp, "pkg"), files);
    }

    private static PackageException exceptionOf(Path dir) {
        try {
            ElectionPackage.read(dir);
        } catch (PackageException e) {
            return e;
        }
        return fail("the package in " + dir + " should have been refused");
    }

    private static List<PackageProblem> problemsOf(Path dir) {
        return exceptionOf(dir).problems();
    }

    private static Tuple where(PackageProblem p) {
        return tuple(p.file(), p.line(), p.field(), p.code());
    }

    private static void assertOnly(List<PackageProblem> problems, String file, int line, String field, Code code) {
        assertThat(problems).extracting(ElectionPackageTest::where).as(problems.toString())
                .containsExactly(tuple(file, line, field, code));
    }

    private static Election withOfficial(Election e, List<OfficialBulletin> official) {
        return new Election(e.id(), e.name(), e.date(), e.tallyFormat(), e.formatOptions(), e.levels(), e.ballot(),
                e.geography(), e.expectedTables(), e.expectedElectorate(), official);
    }
}
