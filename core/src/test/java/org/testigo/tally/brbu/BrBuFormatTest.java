package org.testigo.tally.brbu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Counts;
import org.testigo.tally.Decoding;
import org.testigo.tally.Problem;
import org.testigo.tally.Tally;
import org.testigo.tally.TallyContext;
import org.testigo.tally.TallyFormats;
import org.testigo.tally.Verdict;

/** The br-bu format projects one cargo of a real BU onto an election's ballot. */
class BrBuFormatTest {
    private final BrBuFormat format = new BrBuFormat();

    private static Ballot ballot(boolean blank, String... numbers) {
        return new Ballot(java.util.Arrays.stream(numbers).map(n -> new Candidate(n, "candidate " + n)).toList(), List.of(), blank);
    }

    private static List<String> conchal() {
        return BrBuVectors.setStartingWith(BrBuVectors.V15_2022_CONCHAL, "o00407sp");
    }

    private Tally decoded(Decoding decoding) {
        assertThat(decoding).isInstanceOf(Decoding.Decoded.class);
        return ((Decoding.Decoded) decoding).tally();
    }

    private Problem refused(Decoding decoding) {
        assertThat(decoding).isInstanceOf(Decoding.Refused.class);
        return ((Decoding.Refused) decoding).problems().get(0);
    }

    @Test
    void isInstalledUnderItsId() {
        assertThat(TallyFormats.installed().byId("br-bu")).get().isInstanceOf(BrBuFormat.class);
        assertThat(format.id()).isEqualTo("br-bu");
        assertThat(format.defaultContext()).isEmpty();
        assertThat(format.description()).isNotBlank();
    }

    @Test
    void recognizesBuCodesOnly() {
        assertThat(format.recognizes(conchal())).isTrue();
        assertThat(format.recognizes(List.of("QRCE:1:2 IDUE:1"))).isFalse();
        assertThat(format.recognizes(List.of("1,2,3"))).isFalse();
        assertThat(format.recognizes(List.of())).isFalse();
    }

    @Test
    void projectsThePresidentialVoteOfConchal() {
        // Cargo 1 of the QR text: 13:45 22:225 BRAN:5 NULO:3; header APTO:325 COMP:278 FALT:47 HBMA:12.
        Decoding decoding = format.decode(conchal(), new TallyContext(ballot(true, "22", "13"), Map.of("cargo", "1")));
        Tally tally = decoded(decoding);
        assertThat(tally.format()).isEqualTo("br-bu");
        assertThat(tally.table().value()).isEqualTo("SP-63452-75-182");
        assertThat(tally.candidates()).isEqualTo(Counts.of(225, 45));
        assertThat(tally.cards()).isEqualTo(Counts.empty());
        assertThat(tally.nullVotes()).isEqualTo(3);
        assertThat(tally.blankVotes()).isEqualTo(5);
        assertThat(tally.cast()).isEqualTo(278);
        assertThat(tally.counters()).containsEntry("APTO", 325L).containsEntry("COMP", 278L).containsEntry("FALT", 47L)
                .containsEntry("HBMA", 12L).containsEntry("APTA", 325L).containsEntry("NOMI", 270L).containsEntry("TOTC", 278L);
        assertThat(tally.actaId()).startsWith("C8AADFD1D832BFEC").hasSize(128);
        assertThat(((Decoding.Decoded) decoding).verification().signature()).isEqualTo(Verdict.NOT_VERIFIABLE);
    }

    @Test
    void projectsTheGovernorVoteOfTheSameBu() {
        // Cargo 3: 10:223 13:40 BRAN:7 NULO:8.
        Tally tally = decoded(format.decode(conchal(), new TallyContext(ballot(true, "10", "13", "99"), Map.of("cargo", "3"))));
        assertThat(tally.candidates()).isEqualTo(Counts.of(223, 40, 0));
        assertThat(tally.nullVotes()).isEqualTo(8);
        assertThat(tally.blankVotes()).isEqualTo(7);
    }

    @Test
    void asksForTheCargoWhenTheBuHasSeveral() {
        Problem p = refused(format.decode(conchal(), new TallyContext(ballot(true, "13", "22"))));
        assertThat(p.code()).isEqualTo(BrBuProblem.CARGO_OPTION_NEEDED);
        assertThat(p.field()).isEqualTo("cargo");
        assertThat(p.message()).contains("3, 1");
        assertThat(refused(format.decode(conchal(), new TallyContext(ballot(true, "13"), Map.of("cargo", "presidente")))).code())
                .isEqualTo(BrBuProblem.CARGO_OPTION_NEEDED);
    }

    @Test
    void refusesACargoTheBuDoesNotHave() {
        Problem p = refused(format.decode(conchal(), new TallyContext(ballot(true, "13"), Map.of("cargo", "11"))));
        assertThat(p.code()).isEqualTo(BrBuProblem.CARGO_NOT_FOUND);
    }

    @Test
    void usesTheOnlyCargoWhenNoneIsNamed() {
        // s09255pr7691000660110: CARG:11 10:5 13:2 BRAN:2 NULO:1.
        List<String> texts = BrBuVectors.set(BrBuVectors.V15_2024_TSE, "s09255pr7691000660110-imgbu");
        Tally tally = decoded(format.decode(texts, new TallyContext(ballot(true, "10", "13"))));
        assertThat(tally.candidates()).isEqualTo(Counts.of(5, 2));
        assertThat(tally.blankVotes()).isEqualTo(2);
        assertThat(tally.nullVotes()).isEqualTo(1);
        assertThat(tally.table().value()).isEqualTo("PR-76910-66-110");
        assertThat(tally.counters()).containsEntry("HBBG", 7L).containsEntry("HBSB", 3L).containsEntry("APTS", 291L);
    }

    @Test
    void projectsAProportionalCargoByCandidateNumber() {
        // s09254pr7621000360045 CARG:13: 11001:2 11004:1 22004:1 27005:2 33001:1 (LEGP 1 in party 33), NOMI 7 LEGC 1 BRAN 1 NULO 1.
        List<String> texts = BrBuVectors.set(BrBuVectors.V15_2024_TSE, "s09254pr7621000360045-imgbu");
        Ballot ballot = ballot(true, "11001", "11004", "22004", "27005", "33001", "33002");
        Tally tally = decoded(format.decode(texts, new TallyContext(ballot, Map.of("cargo", "13"))));
        assertThat(tally.candidates()).isEqualTo(Counts.of(2, 1, 1, 2, 1, 0));
        assertThat(tally.counters()).containsEntry("LEGC", 1L).containsEntry("NOMI", 7L);
        assertThat(tally.cast()).isEqualTo(9);
    }

    @Test
    void refusesVotesForACandidateNotOnTheBallot() {
        Problem p = refused(format.decode(conchal(), new TallyContext(ballot(true, "13"), Map.of("cargo", "1"))));
        assertThat(p.code()).isEqualTo(BrBuProblem.UNKNOWN_CANDIDATE);
        assertThat(p.field()).isEqualTo("22");
        assertThat(p.message()).contains("225 votes").contains("cargo 1 (IDEL 545)");
    }

    @Test
    void refusesBlankVotesWhenTheBallotHasNoBlankOption() {
        Problem p = refused(format.decode(conchal(), new TallyContext(ballot(false, "13", "22"), Map.of("cargo", "1"))));
        assertThat(p.code()).isEqualTo(BrBuProblem.BLANK_NOT_ON_BALLOT);
        assertThat(p.field()).isEqualTo("BRAN");
    }

    @Test
    void passesOnTheReadersRefusal() {
        List<String> texts = BrBuVectors.set(BrBuVectors.V15_2018_AC, "s03113-0139200010477");
        Problem p = refused(format.decode(List.of(texts.get(1)), new TallyContext(ballot(true, "13"))));
        assertThat(p.code()).isEqualTo(BrBuProblem.PART_MISSING);
        assertThat(p.parts()).containsExactly(1);
    }

    @Test
    void aValidBuDecodesWithAValidVerdict() {
        // s09586ac0139200010032: CARG:13 10005:3 10006:1 11002:3 16001:1.
        List<String> texts = BrBuVectors.set(BrBuVectors.V15_2024_TSE, BrBuVectors.TSE_2024_AC);
        Decoding decoding = format.decode(texts,
                new TallyContext(ballot(true, "10005", "10006", "11002", "16001"), Map.of("cargo", "13")));
        assertThat(decoded(decoding).candidates()).isEqualTo(Counts.of(3, 1, 3, 1));
        assertThat(((Decoding.Decoded) decoding).verification().signature()).isEqualTo(Verdict.VALID);
    }
}
