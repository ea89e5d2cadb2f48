package org.testigo.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.election.TableId;
import org.testigo.election.pkg.PackageException;
import org.testigo.election.pkg.PackageProblem;
import org.testigo.testing.TinyElection;

/** The roll file of a hand-written package: what it finds, what it refuses and how it says so. */
class RollFileTest {
    @TempDir
    Path dir;

    private RollIndex compile(String csv) throws Exception {
        write(csv.getBytes(StandardCharsets.UTF_8));
        return RollFile.compile(dir, TinyElection.election()).orElseThrow();
    }

    private void write(byte[] bytes) throws IOException {
        Files.createDirectories(dir.resolve("voters"));
        Files.write(dir.resolve("voters/roll.csv"), bytes);
    }

    private List<String> problems(String csv) {
        return problems(csv.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> problems(byte[] csv) {
        try {
            write(csv);
            RollFile.compile(dir, TinyElection.election());
        } catch (PackageException e) {
            return e.problems().stream().map(PackageProblem::toString).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the roll was accepted");
    }

    private static Optional<String> find(RollIndex index, String typed) {
        return NationalId.parse(typed).flatMap(index::lookup).map(TableId::value);
    }

    @Test
    void findsEachVoterOfAHandWrittenRollAtTheirTable() throws Exception {
        RollIndex roll = compile("national_id,table_id\n12345678,N.1\n5,S.1\nV998,N.2\n0042,N.2\n42,S.1\n");
        assertThat(roll.size()).isEqualTo(5);
        assertThat(roll.electionId()).isEqualTo("tiny");
        assertThat(find(roll, "12345678")).contains("N.1");
        assertThat(find(roll, "5")).contains("S.1");
        assertThat(find(roll, "V998")).contains("N.2");
        assertThat(find(roll, "0042")).as("a leading zero makes another id").contains("N.2");
        assertThat(find(roll, "42")).contains("S.1");
        assertThat(find(roll, "12345679")).isEmpty();
        assertThat(find(roll, "4")).isEmpty();
        assertThat(find(roll, "V999")).isEmpty();
        assertThat(find(roll, "1")).isEmpty();
    }

    @Test
    void readsWhatPeopleTypeTheWayTheyTypeIt() throws Exception {
        RollIndex roll = compile("national_id,table_id\r\n12345678,N.1\r\nV998,N.2");
        assertThat(find(roll, "  12.345.678 ")).contains("N.1");
        assertThat(find(roll, "12 345 678")).contains("N.1");
        assertThat(find(roll, "v-998")).contains("N.2");
        assertThat(NationalId.parse("12/345")).isEmpty();
        assertThat(NationalId.parse("")).isEmpty();
        assertThat(NationalId.parse(" . ")).isEmpty();
        assertThat(NationalId.parse("1".repeat(21))).isEmpty();
        assertThat(NationalId.parse("1".repeat(65))).isEmpty();
        assertThat(NationalId.parse("é1")).isEmpty();
    }

    @Test
    void aPackageWithoutVotersHasNoRoll() throws Exception {
        assertThat(RollFile.compile(dir, TinyElection.election())).isEmpty();
    }

    @Test
    void neverShowsANationalIdInItsName() {
        assertThat(NationalId.parse("12345678").orElseThrow().toString()).doesNotContain("12345678");
    }

    @Test
    void refusesAVoterListedTwiceNamingBothLines() {
        assertThat(problems("national_id,table_id\n7,N.1\n8,N.1\nA7,S.1\n7,N.2\nA7,S.1\n"))
                .containsExactlyInAnyOrder(
                        "voters/roll.csv line 5, field national_id: this national id is already listed on line 2; a voter is listed once",
                        "voters/roll.csv line 6, field national_id: this national id is already listed on line 4; a voter is listed once");
    }

    @Test
    void refusesTablesTheElectionDoesNotHave() {
        assertThat(problems("national_id,table_id\n7,N.9\n8,\n9,N 1\n")).containsExactly(
                "voters/roll.csv line 2, field table_id: table \"N.9\" is not in tables.csv",
                "voters/roll.csv line 3, field table_id: is empty; expected the id of a table of tables.csv",
                "voters/roll.csv line 4, field table_id: \"N 1\" is not a table id (1-64 letters, digits, '.', '_', ':', '-', starting with a letter or digit)");
    }

    @Test
    void refusesMalformedLinesWithTheirLineAndField() {
        assertThat(problems("national_id,table_id\n1,N.1\n\n2,N.1,x\n3\n\"4\",N.1\n12.345,N.1\n"
                + "1234567890123456789012,N.1\n,N.1\nv5,N.1\n6,N.1\r7,N.1\n")).containsExactly(
                "voters/roll.csv line 3: a blank line; every line must be a record",
                "voters/roll.csv line 4: has 3 fields, the header has 2 (national_id,table_id)",
                "voters/roll.csv line 5: has 1 fields, the header has 2 (national_id,table_id)",
                "voters/roll.csv line 6, field national_id: a quote; no field of voters/roll.csv is ever quoted, since neither column may hold a character that needs it",
                "voters/roll.csv line 7, field national_id: holds '.' at character 3; a national id is written with A–Z and 0–9 only (capital letters, no spaces, dots or dashes)",
                "voters/roll.csv line 8, field national_id: has 22 characters; a national id has at most 20",
                "voters/roll.csv line 9, field national_id: is empty; expected a national id (20 characters at most from A–Z and 0–9)",
                "voters/roll.csv line 10, field national_id: holds 'v' at character 1; a national id is written with A–Z and 0–9 only (capital letters, no spaces, dots or dashes)",
                "voters/roll.csv line 11, field table_id: a carriage return not followed by a line feed");
    }

    @Test
    void messagesNeverQuoteTheNationalId() {
        assertThat(problems("national_id,table_id\n98765-4,N.1\n")).singleElement().asString().doesNotContain("98765");
        assertThat(problems("national_id,table_id\n98765,N.1\n98765,N.2\n")).singleElement().asString().doesNotContain("98765");
    }

    @Test
    void refusesBytesThatAreNotUtf8AndTextThatIsNotAnId() {
        byte[] csv = "national_id,table_id\n1\u00e9,N.1\n2,N.1\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[csv.length + 1];
        System.arraycopy(csv, 0, broken, 0, csv.length);
        broken[csv.length - 1] = (byte) 0xFF; // "2,N.1" then a lone 0xFF before the last line end
        broken[csv.length] = '\n';
        assertThat(problems(broken)).containsExactly(
                "voters/roll.csv line 2, field national_id: holds 'é' at character 2; a national id is written with A–Z and 0–9 only (capital letters, no spaces, dots or dashes)",
                "voters/roll.csv line 3, field table_id: holds bytes that are not valid UTF-8");
    }

    @Test
    void refusesAWrongHeaderAByteOrderMarkAndAnEmptyFile() {
        assertThat(problems("id,table\n1,N.1\n")).containsExactly(
                "voters/roll.csv line 1: the header is id,table but must be national_id,table_id");
        assertThat(problems("\uFEFFnational_id,table_id\n1,N.1\n")).containsExactly(
                "voters/roll.csv line 1: starts with a byte order mark; save it as UTF-8 without BOM");
        assertThat(problems("")).containsExactly(
                "voters/roll.csv: the file is empty; it must start with the header national_id,table_id");
    }

    @Test
    void refusesALineTooLongToBeARecordAndReadsOn() {
        assertThat(problems("national_id,table_id\n" + "9".repeat(300) + ",N.1\n1,N.9\n")).containsExactly(
                "voters/roll.csv line 2: the line is longer than 256 bytes; a record is a national id and a table id",
                "voters/roll.csv line 3, field table_id: table \"N.9\" is not in tables.csv");
    }

    @Test
    void anEmptyRollFindsNoOne() throws Exception {
        RollIndex roll = compile("national_id,table_id\n");
        assertThat(roll.size()).isZero();
        assertThat(find(roll, "1")).isEmpty();
        assertThat(find(roll, "A")).isEmpty();
    }

    @Test
    void survivesAWriteAndARead() throws Exception {
        RollIndex roll = compile("national_id,table_id\n12345678,N.1\n5,S.1\nV998,N.2\n");
        Path file = dir.resolve("data/roll.index");
        roll.write(file);
        RollIndex back = RollIndex.read(file);
        assertThat(back.electionId()).isEqualTo("tiny");
        assertThat(find(back, "12345678")).contains("N.1");
        assertThat(find(back, "V998")).contains("N.2");
        assertThat(find(back, "6")).isEmpty();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> RollIndex.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("compile the roll again");
        Files.write(file, java.util.Arrays.copyOf(bytes, 40));
        assertThatThrownBy(() -> RollIndex.read(file)).isInstanceOf(IOException.class).hasMessageContaining("cut short");
        Files.writeString(file, "hello");
        assertThatThrownBy(() -> RollIndex.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a voter roll index");
    }
}
