package org.testigo.tally.ve2024;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Card;
import org.testigo.election.Counts;
import org.testigo.tally.Check;
import org.testigo.tally.Decoding;
import org.testigo.tally.Problem;
import org.testigo.tally.Tally;
import org.testigo.tally.TallyContext;
import org.testigo.tally.TallyFormats;
import org.testigo.tally.Verdict;
import org.testigo.testing.SharedData;

class Ve2024FormatTest {

    private static final Ve2024Format FORMAT = new Ve2024Format();
    private static final TallyContext CONTEXT = FORMAT.defaultContext().orElseThrow();
    private static final String[] CANDIDATE_COLUMNS = {"NM", "LM", "JABE", "JOBR", "AE", "CF", "DC", "EG", "EM", "BERA"};

    private static List<Map<String, String>> examples() {
        List<Map<String, String>> rows = CsvRows.read(SharedData.file("qr_payload_examples.csv"));
        assertThat(rows).hasSize(3);
        return rows;
    }

    @Test
    void decodesTheThreeRealPayloadsToTheirPublishedRows() {
        Ballot ballot = CONTEXT.ballot();
        for (Map<String, String> row : examples()) {
            Tally tally = decoded(row.get("payload"));
            String mesa = String.format("%02d", Integer.parseInt(row.get("mesa")));

            assertThat(tally.format()).isEqualTo("ve-2024");
            assertThat(tally.table().value()).isEqualTo(row.get("centro") + "." + mesa);
            assertThat(tally.actaId()).isEqualTo(row.get("centro") + "." + mesa + ".1.0001");
            for (String candidate : CANDIDATE_COLUMNS) {
                assertThat(tally.candidates().get(ballot.candidateIndex(candidate)))
                        .as("%s at %s", candidate, tally.table())
                        .isEqualTo(Integer.parseInt(row.get(candidate)));
            }
            assertThat(tally.valid()).isEqualTo(Long.parseLong(row.get("valid_sum")));
            assertThat(tally.nullVotes()).isEqualTo(Integer.parseInt(row.get("null")));
            assertThat(tally.blankVotes()).isZero();
            assertThat(tally.counters()).containsExactlyEntriesOf(Map.of("field4", Long.parseLong(row.get("field4"))));
            assertThat(tally.cards().size()).isEqualTo(38);
        }
    }

    @Test
    void writesTheRealPayloadsBackCharacterForCharacter() {
        for (Map<String, String> row : examples()) {
            Tally tally = decoded(row.get("payload"));

            String text = Ve2024Payload.format(tally.table(), tally.cards(), tally.nullVotes(),
                    tally.counters().get("field4").intValue());

            assertThat(text).isEqualTo(row.get("payload"));
        }
    }

    @Test
    void cannotVerifyASignatureButChecksTheCentreCode() {
        Decoding.Decoded decoded = (Decoding.Decoded) FORMAT.decode(List.of(examples().get(0).get("payload")), CONTEXT);

        assertThat(decoded.verification().signature()).isEqualTo(Verdict.NOT_VERIFIABLE);
        assertThat(decoded.verification().reason()).contains("key");
        assertThat(decoded.verification().checks()).extracting(Check::name)
                .containsExactly("state code", "municipality code", "parish code", "centre number");
        assertThat(decoded.verification().consistent()).isTrue();
    }

    @Test
    void flagsAZeroStateCodeAsAFailedCheckWithoutRefusingTheActa() {
        String payload = "000101001.01.1.0001!" + "0,".repeat(37) + "5!0!0";

        Decoding.Decoded decoded = (Decoding.Decoded) FORMAT.decode(List.of(payload), CONTEXT);

        assertThat(decoded.verification().failures()).extracting(Check::name).containsExactly("state code");
        assertThat(decoded.tally().valid()).isEqualTo(5);
    }

    @Test
    void flagsAZeroCentreNumberAsAFailedCheck() {
        String payload = "010101000.01.1.0001!" + "1,".repeat(37) + "1!0!0";

        Decoding.Decoded decoded = (Decoding.Decoded) FORMAT.decode(List.of(payload), CONTEXT);

        assertThat(decoded.verification().failures()).extracting(Check::name).containsExactly("centre number");
    }

    @Test
    void trimsTheNewlineAScannerAppends() {
        String payload = examples().get(1).get("payload");

        Tally plain = decoded(payload);
        Tally scanned = decoded("  " + payload + "\r\n");

        assertThat(scanned).isEqualTo(plain);
    }

    @Test
    void recognizesOneActaTextAndNothingElse() {
        String payload = examples().get(2).get("payload");

        assertThat(FORMAT.recognizes(List.of(payload))).isTrue();
        assertThat(FORMAT.recognizes(List.of(payload + "\n"))).isTrue();
        assertThat(FORMAT.recognizes(List.of(payload, payload))).isFalse();
        assertThat(FORMAT.recognizes(List.of())).isFalse();
        assertThat(FORMAT.recognizes(List.of("QRBU:1:1 VRQR:1.5 VRCH:20180830 ORIG:VOTA"))).isFalse();
        assertThat(FORMAT.recognizes(List.of("20130100.01.1.0001!1!0!0"))).isFalse();
        assertThat(FORMAT.recognizes(List.of("201301006.01.1.0001"))).isFalse();
    }

    @Test
    void isInstalledThroughTheServiceLoader() {
        assertThat(TallyFormats.installed().byId("ve-2024")).get().isInstanceOf(Ve2024Format.class);
    }

    @Test
    void countsWithTheBallotOfTheContextGiven() {
        // An election package names its own ballot; the number of counts and the card groups follow it.
        Ballot ballot = new Ballot(
                List.of(new Candidate("A", "Candidata A"), new Candidate("B", "Candidato B")),
                List.of(new Card("X", "X", "A"), new Card("Y", "Y", "B"), new Card("Z", "Z", "A")), false);
        TallyContext context = new TallyContext(ballot);

        Tally tally = ((Decoding.Decoded) FORMAT.decode(List.of("010101001.02.1.0001!3,4,5!1!0"), context)).tally();
        Decoding refused = FORMAT.decode(List.of(examples().get(0).get("payload")), context);

        assertThat(tally.candidates()).isEqualTo(Counts.of(8, 4));
        assertThat(refused).isInstanceOfSatisfying(Decoding.Refused.class, r -> assertThat(r.problems())
                .extracting(Problem::code).containsExactly(Ve2024Problem.COUNTS_WRONG_NUMBER));
    }

    private static Tally decoded(String payload) {
        Decoding decoding = FORMAT.decode(List.of(payload), CONTEXT);
        assertThat(decoding).as("decoding %s", payload).isInstanceOf(Decoding.Decoded.class);
        return ((Decoding.Decoded) decoding).tally();
    }
}
