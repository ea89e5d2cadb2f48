package org.testigo.tally.ve2024;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testigo.tally.Decoding;
import org.testigo.tally.Problem;
import org.testigo.tally.TallyContext;

/** One malformed acta text per way of being wrong, each named after the problem it must cause. */
class Ve2024MalformedPayloadTest {

    private static final Ve2024Format FORMAT = new Ve2024Format();
    private static final TallyContext CONTEXT = FORMAT.defaultContext().orElseThrow();

    /** A well-formed text written by hand: card i holds i + 1 votes, 2 null votes, field4 0. */
    private static final String ID = "010203004.05.1.0001";
    private static final String COUNTS = IntStream.rangeClosed(1, 38).mapToObj(Integer::toString).collect(Collectors.joining(","));
    private static final String VALID = ID + "!" + COUNTS + "!2!0";

    private static String withCount(int position, String text) {
        String[] counts = COUNTS.split(",");
        counts[position] = text;
        return ID + "!" + String.join(",", counts) + "!2!0";
    }

    private static String withCounts(int n) {
        return ID + "!" + IntStream.rangeClosed(1, n).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "!2!0";
    }

    private static String withId(String id) {
        return id + "!" + COUNTS + "!2!0";
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", Ve2024Problem.EMPTY_PAYLOAD, "payload"),
                Arguments.of("only whitespace", " \t\r\n", Ve2024Problem.EMPTY_PAYLOAD, "payload"),
                Arguments.of("601 characters", "1".repeat(601), Ve2024Problem.TOO_LONG, "payload"),
                Arguments.of("padded beyond the limit", VALID + "!" + "0".repeat(600), Ve2024Problem.TOO_LONG, "payload"),
                Arguments.of("a space after a comma", VALID.replaceFirst(",", ", "), Ve2024Problem.INNER_WHITESPACE, "payload"),
                Arguments.of("a line break inside", VALID.replace("!2!", "!2\n!"), Ve2024Problem.INNER_WHITESPACE, "payload"),
                Arguments.of("a no-break space", VALID.replaceFirst("!", "\u00a0!"), Ve2024Problem.INNER_WHITESPACE, "payload"),
                Arguments.of("a letter", withCount(3, "4a"), Ve2024Problem.BAD_CHARACTER, "payload"),
                Arguments.of("a byte-order mark", "\uFEFF" + VALID, Ve2024Problem.BAD_CHARACTER, "payload"),
                Arguments.of("a plus sign", withCount(0, "+1"), Ve2024Problem.BAD_CHARACTER, "payload"),
                Arguments.of("semicolons for commas", VALID.replace(',', ';'), Ve2024Problem.BAD_CHARACTER, "payload"),
                Arguments.of("3 fields", ID + "!" + COUNTS + "!2", Ve2024Problem.WRONG_FIELD_COUNT, "payload"),
                Arguments.of("5 fields", VALID + "!0", Ve2024Problem.WRONG_FIELD_COUNT, "payload"),
                Arguments.of("no separators", "0102030040510001", Ve2024Problem.WRONG_FIELD_COUNT, "payload"),
                Arguments.of("acta id of 3 parts", withId("010203004.05.1"), Ve2024Problem.ACTA_ID_PARTS, "acta id"),
                Arguments.of("acta id of 5 parts", withId("010203004.05.1.0001.2"), Ve2024Problem.ACTA_ID_PARTS, "acta id"),
                Arguments.of("centre code of 8 digits", withId("01020304.05.1.0001"), Ve2024Problem.CENTRE_CODE, "centre code"),
                Arguments.of("centre code of 10 digits", withId("0102030040.05.1.0001"), Ve2024Problem.CENTRE_CODE, "centre code"),
                Arguments.of("centre code with a dash", withId("0102-3004.05.1.0001"), Ve2024Problem.CENTRE_CODE, "centre code"),
                Arguments.of("table of 1 digit", withId("010203004.5.1.0001"), Ve2024Problem.TABLE_NUMBER, "table number"),
                Arguments.of("table of 3 digits", withId("010203004.005.1.0001"), Ve2024Problem.TABLE_NUMBER, "table number"),
                Arguments.of("table 00", withId("010203004.00.1.0001"), Ve2024Problem.TABLE_NUMBER_ZERO, "table number"),
                Arguments.of("empty third id part", withId("010203004.05..0001"), Ve2024Problem.ACTA_ID_SUFFIX, "acta id part 3"),
                Arguments.of("comma in fourth id part", withId("010203004.05.1.00,1"), Ve2024Problem.ACTA_ID_SUFFIX, "acta id part 4"),
                Arguments.of("10-digit fourth id part", withId("010203004.05.1.0000000001"), Ve2024Problem.ACTA_ID_SUFFIX, "acta id part 4"),
                Arguments.of("37 counts", withCounts(37), Ve2024Problem.COUNTS_WRONG_NUMBER, "counts"),
                Arguments.of("39 counts", withCounts(39), Ve2024Problem.COUNTS_WRONG_NUMBER, "counts"),
                Arguments.of("no counts", ID + "!!2!0", Ve2024Problem.COUNTS_WRONG_NUMBER, "counts"),
                Arguments.of("an empty count", withCount(12, ""), Ve2024Problem.NUMBER_EMPTY, "counts[12] (PFV)"),
                Arguments.of("a negative count", withCount(0, "-3"), Ve2024Problem.NUMBER_NEGATIVE, "counts[0] (PSUV)"),
                Arguments.of("a negative zero", withCount(35, "-0"), Ve2024Problem.NUMBER_NEGATIVE, "counts[35] (MUD)"),
                Arguments.of("a dash inside a count", withCount(19, "1-2"), Ve2024Problem.NUMBER_NOT_DIGITS, "counts[19] (EL CAMBIO)"),
                Arguments.of("a decimal count", withCount(37, "1.5"), Ve2024Problem.NUMBER_NOT_DIGITS, "counts[37] (CONDE)"),
                Arguments.of("a count with leading zeros", withCount(12, "007"), Ve2024Problem.NUMBER_NOT_CANONICAL, "counts[12] (PFV)"),
                Arguments.of("a count of 00", withCount(28, "00"), Ve2024Problem.NUMBER_NOT_CANONICAL, "counts[28] (ALIANZA DEL LAPIZ)"),
                Arguments.of("a 10-digit count", withCount(33, "1000000000"), Ve2024Problem.NUMBER_TOO_LARGE, "counts[33] (UNTC)"),
                Arguments.of("a count beyond long range", withCount(1, "99999999999999999999"), Ve2024Problem.NUMBER_TOO_LARGE, "counts[1] (PCV)"),
                Arguments.of("empty null votes", ID + "!" + COUNTS + "!!0", Ve2024Problem.NUMBER_EMPTY, "null votes"),
                Arguments.of("negative null votes", ID + "!" + COUNTS + "!-1!0", Ve2024Problem.NUMBER_NEGATIVE, "null votes"),
                Arguments.of("null votes with a leading zero", ID + "!" + COUNTS + "!02!0", Ve2024Problem.NUMBER_NOT_CANONICAL, "null votes"),
                Arguments.of("10-digit null votes", ID + "!" + COUNTS + "!2147483648!0", Ve2024Problem.NUMBER_TOO_LARGE, "null votes"),
                Arguments.of("a list in null votes", ID + "!" + COUNTS + "!1,2!0", Ve2024Problem.NUMBER_NOT_DIGITS, "null votes"),
                Arguments.of("empty field4", ID + "!" + COUNTS + "!2!", Ve2024Problem.NUMBER_EMPTY, "field4"),
                Arguments.of("decimal field4", ID + "!" + COUNTS + "!2!1.0", Ve2024Problem.NUMBER_NOT_DIGITS, "field4"),
                Arguments.of("negative field4", ID + "!" + COUNTS + "!2!-7", Ve2024Problem.NUMBER_NEGATIVE, "field4"),
                Arguments.of("10-digit field4", ID + "!" + COUNTS + "!2!1234567890", Ve2024Problem.NUMBER_TOO_LARGE, "field4"),
                Arguments.of("counts beyond int range in total",
                        ID + "!999999999,999999999,999999999," + "0,".repeat(34) + "0!0!0", Ve2024Problem.TOTAL_TOO_LARGE, "counts"));
    }

    @Test
    void theHandWrittenBaseTextIsWellFormed() {
        assertThat(FORMAT.decode(List.of(VALID), CONTEXT)).isInstanceOfSatisfying(Decoding.Decoded.class,
                d -> assertThat(d.tally().valid()).isEqualTo(38 * 39 / 2));
    }

    @ParameterizedTest(name = "{0} is refused as {2}")
    @MethodSource("malformed")
    void refusesEachMalformedTextWithItsOwnProblem(String name, String payload, Ve2024Problem code, String field) {
        Decoding decoding = FORMAT.decode(List.of(payload), CONTEXT);

        assertThat(decoding).isInstanceOf(Decoding.Refused.class);
        List<Problem> problems = ((Decoding.Refused) decoding).problems();
        assertThat(problems).extracting(Problem::code).contains(code);
        Problem problem = problems.stream().filter(p -> p.code() == code).findFirst().orElseThrow();
        assertThat(problem.field()).isEqualTo(field);
        assertThat(problem.message()).contains(field);
        assertThat(problem.parts()).isEmpty();
    }

    @Test
    void theCorpusCoversEveryProblemCodeThatOneTextCanCause() {
        List<Ve2024Problem> covered = malformed().map(a -> (Ve2024Problem) a.get()[2]).distinct().toList();
        List<Ve2024Problem> listLevel = List.of(Ve2024Problem.NO_PAYLOAD, Ve2024Problem.TOO_MANY_PAYLOADS);

        List<Ve2024Problem> missing = new ArrayList<>(Arrays.asList(Ve2024Problem.values()));
        missing.removeAll(covered);
        missing.removeAll(listLevel);

        assertThat(missing).isEmpty();
    }

    @Test
    void refusesAnEmptyListOfPayloads() {
        assertThat(problems(List.of())).extracting(Problem::code).containsExactly(Ve2024Problem.NO_PAYLOAD);
    }

    @Test
    void refusesTwoPayloadsSayingHowManyCame() {
        List<Problem> problems = problems(List.of(VALID, VALID));

        assertThat(problems).extracting(Problem::code).containsExactly(Ve2024Problem.TOO_MANY_PAYLOADS);
        assertThat(problems.get(0).message()).contains("2 payloads");
    }

    @Test
    void refusesAMissingPayloadTextAsEmpty() {
        List<String> payloads = new ArrayList<>();
        payloads.add(null);

        assertThat(problems(payloads)).extracting(Problem::code).containsExactly(Ve2024Problem.EMPTY_PAYLOAD);
    }

    @Test
    void saysHowManyFieldsItFound() {
        assertThat(problems(List.of(ID + "!" + COUNTS + "!2")).get(0).message()).contains("3 fields", "expected 4");
    }

    @Test
    void saysHowManyCountsItExpectedAndFound() {
        assertThat(problems(List.of(withCounts(37))).get(0).message()).contains("37 numbers", "expected 38");
    }

    @Test
    void statesTheLengthLimit() {
        assertThat(problems(List.of("1".repeat(601))).get(0).message()).contains("601", "600");
    }

    @Test
    void reportsEveryBadNumberAtOnce() {
        String payload = "010203004.00.1.0001!" + COUNTS.replaceFirst("^1,2,3", "1,02,3").replaceFirst(",38$", ",-38") + "!x!0";

        List<Problem> problems = problems(List.of(payload.replace("!x!", "!!")));

        assertThat(problems).extracting(Problem::field)
                .containsExactly("table number", "counts[1] (PCV)", "counts[37] (CONDE)", "null votes");
    }

    private static List<Problem> problems(List<String> payloads) {
        Decoding decoding = FORMAT.decode(payloads, CONTEXT);
        assertThat(decoding).isInstanceOf(Decoding.Refused.class);
        return ((Decoding.Refused) decoding).problems();
    }
}
