package org.testigo.tally.brbu;

import org.testigo.signing.Ed25519Key;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testigo.tally.Check;
import org.testigo.tally.Problem;
import org.testigo.tally.Verdict;

/**
 * BUs written by hand here, chained with {@link java.security.MessageDigest} in {@link HandBuiltBu} and
 * signed with a key pair generated for the test, so every expected value is computed independently.
 */
class HandBuiltBuTest {
    private static final String HEADER = "VRQR:1.5 VRCH:20990101";
    private static final KeySlot SLOT = new KeySlot("AC", BuHeader.Phase.S, "20990101", "LEG");

    private static final String BU_HEADER = "ORIG:VOTA ORLC:LEG PROC:8002 DTPL:20241006 PLEI:9586 TURN:1 FASE:S UNFE:AC"
            + " MUNI:1392 ZONA:1 SECA:32 IDUE:2031172 IDCA:186529618062395083317099 VERS:9.29.0.1 LOCA:1180"
            + " APTO:20 COMP:10 FALT:10 DTAB:20241006 HRAB:080000 DTFC:20241006 HRFC:170000";
    /** Prefeito: 13 has 4 votes, 22 has 3; NOMI 7 + BRAN 2 + NULO 1 = TOTC 10 = COMP. */
    private static final String CODE_1 = BU_HEADER + " IDEL:11124 CARG:11 TIPO:0 VERC:202409231638 13:4 22:3";
    private static final String CODE_2 = "APTA:20 NOMI:7 BRAN:2 NULO:1 TOTC:10";

    private final KeyPair key = HandBuiltBu.newKeyPair();
    private final BrBuReader reader = new BrBuReader(PinnedKeys.of(List.of(
            new PinnedKey(SLOT, Ed25519Key.fromRaw(HandBuiltBu.rawPublicKey(key)), "generated for this test"))));

    private BoletimDeUrna read(List<String> texts) {
        BrBuReading reading = reader.read(texts);
        assertThat(reading).isInstanceOf(BrBuReading.Read.class);
        return ((BrBuReading.Read) reading).bu();
    }

    private Problem refused(List<String> texts) {
        BrBuReading reading = reader.read(texts);
        assertThat(reading).isInstanceOf(BrBuReading.Refused.class);
        return ((BrBuReading.Refused) reading).problems().get(0);
    }

    @Test
    void aHandChainedBuSignedWithThePinnedKeyIsValid() {
        List<String> texts = HandBuiltBu.texts(HEADER, List.of(CODE_1, CODE_2), key);
        BoletimDeUrna bu = read(texts);
        assertThat(bu.verification().signature()).isEqualTo(Verdict.VALID);
        assertThat(bu.verification().reason()).contains("S/AC/20990101/LEG").contains("generated for this test");
        assertThat(bu.verification().failures()).isEmpty();
        String secondHash = HandBuiltBu.sha512Hex(CODE_1 + " HASH:" + HandBuiltBu.sha512Hex(CODE_1) + " " + CODE_2);
        assertThat(bu.finalHash().hex()).isEqualTo(secondHash);
        assertThat(bu.tableId().value()).isEqualTo("AC-1392-1-32");
        assertThat(bu.cargos(11).get(0).votes()).containsExactly(new BuVote("13", 4), new BuVote("22", 3));
    }

    @Test
    void theSameBuSignedWithAnotherKeyIsInvalid() {
        List<String> texts = HandBuiltBu.texts(HEADER, List.of(CODE_1, CODE_2), HandBuiltBu.newKeyPair());
        BoletimDeUrna bu = read(texts);
        assertThat(bu.verification().signature()).isEqualTo(Verdict.INVALID);
        assertThat(bu.verification().reason()).contains("ASSI in QR code 2 of 2 does not verify").contains("S/AC/20990101/LEG");
    }

    @Test
    void aSignatureOverTheHexTextInsteadOfTheRawHashIsInvalid() {
        List<String> texts = HandBuiltBu.texts(HEADER, List.of(CODE_1 + " " + CODE_2), key);
        String text = texts.get(0);
        String hash = text.substring(text.indexOf("HASH:") + 5, text.indexOf(" ASSI:"));
        String overHex = HandBuiltBu.sign(key, java.util.HexFormat.of().formatHex(hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        BoletimDeUrna bu = read(List.of(text.substring(0, text.indexOf(" ASSI:") + 6) + overHex));
        assertThat(bu.verification().signature()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aBuWhoseKeySlotIsNotPinnedIsNotVerifiableNeverValid() {
        List<String> texts = HandBuiltBu.texts("VRQR:1.5 VRCH:20990102", List.of(CODE_1, CODE_2), key);
        BoletimDeUrna bu = read(texts);
        assertThat(bu.verification().signature()).isEqualTo(Verdict.NOT_VERIFIABLE);
        assertThat(bu.verification().reason()).startsWith("no pinned key for S/AC/20990102/LEG");
    }

    @Test
    void nomiOffByOneIsAFailedCheckNamingTheCargo() {
        List<String> texts = HandBuiltBu.texts(HEADER, List.of(CODE_1, CODE_2.replace("NOMI:7", "NOMI:8")), key);
        BoletimDeUrna bu = read(texts);
        assertThat(bu.verification().signature()).isEqualTo(Verdict.VALID);
        assertThat(bu.verification().failures()).extracting(Check::name).containsExactly(
                "cargo 11 (IDEL 11124): sum of votes = NOMI",
                "cargo 11 (IDEL 11124): NOMI + LEGC + BRAN + NULO = TOTC");
        assertThat(bu.verification().failures().get(0).detail()).isEqualTo("sum of votes is 7 but NOMI is 8");
        assertThat(bu.verification().failures().get(1).detail()).isEqualTo("NOMI + LEGC + BRAN + NULO is 11 but TOTC is 10");
    }

    @Test
    void proportionalSumsAreCheckedPerParty() {
        // Vereador: party 13 has 13001:2 13002:1 LEGP:1 so TOTP must be 4; here it claims 5. Party 22: 22001:1 LEGP:0 TOTP:1.
        String cargo = BU_HEADER + " IDEL:11124 CARG:13 TIPO:1 VERC:202409231638"
                + " PART:13 13001:2 13002:1 LEGP:1 TOTP:5 PART:22 22001:1 LEGP:0 TOTP:1"
                + " APTA:20 NOMI:4 LEGC:2 BRAN:3 NULO:1 TOTC:10";
        BoletimDeUrna bu = read(HandBuiltBu.texts(HEADER, List.of(cargo), key));
        assertThat(bu.verification().failures()).extracting(Check::name).containsExactly(
                "cargo 13 (IDEL 11124): party 13: sum of candidates + LEGP = TOTP",
                "cargo 13 (IDEL 11124): sum of LEGP = LEGC");
        assertThat(bu.verification().failures()).extracting(Check::detail).containsExactly(
                "sum of candidates + LEGP is 4 but TOTP is 5", "sum of LEGP is 1 but LEGC is 2");
    }

    @Test
    void turnoutAndTimeChecksFailWhenTheNumbersDisagree() {
        String header = BU_HEADER.replace("FALT:10", "FALT:9").replace("HRFC:170000", "HRFC:070000")
                + " HBBM:1 HBBG:2 HBSB:3";
        BoletimDeUrna bu = read(HandBuiltBu.texts(HEADER, List.of(header + " IDEL:11124 CARG:11 TIPO:0 VERC:1 13:4 22:3 " + CODE_2), key));
        assertThat(bu.verification().failures()).extracting(Check::name).containsExactly(
                "APTO = COMP + FALT", "HBBM + HBBG + HBSB = COMP", "opening (DTAB HRAB) <= closing (DTFC HRFC)");
    }

    @Test
    void aSignatureOutsideTheLastCodeIsRefused() {
        List<String> texts = HandBuiltBu.texts(HEADER, List.of(CODE_1, CODE_2), key);
        String first = texts.get(0);
        String firstHash = first.substring(first.indexOf("HASH:") + 5);
        Problem p = refused(List.of(first + " ASSI:" + HandBuiltBu.sign(key, firstHash), texts.get(1)));
        assertThat(p.code()).isEqualTo(BrBuProblem.SIGNATURE_MISPLACED);
        assertThat(p.parts()).containsExactly(1);
    }

    @Test
    void aMissingHeaderFieldIsAFormatProblemNamingIt() {
        Problem p = refused(HandBuiltBu.texts(HEADER, List.of(CODE_1.replace("ORIG:VOTA ", ""), CODE_2), key));
        assertThat(p.code()).isEqualTo(BrBuProblem.FORMAT);
        assertThat(p.field()).isEqualTo("ORIG");
    }

    @Test
    void illFormedContentIsAFormatProblemNamingTheFieldAndCode() {
        assertFormat(CODE_1.replace("HRAB:080000", "HRAB:250000"), CODE_2, "HRAB", 1);
        assertFormat(CODE_1.replace("UNFE:AC", "UNFE:ACRE"), CODE_2, "UNFE", 1);
        assertFormat(CODE_1.replace("13:4", "13:04"), CODE_2, "13", 1);
        assertFormat(CODE_1.replace("22:3", "13:3"), CODE_2, "13", 1);
        assertFormat(CODE_1, CODE_2.replace("NULO:1", "NULO:1 NULO:1"), "NULO", 2);
        assertFormat(CODE_1, CODE_2 + " 45:1", "45", 2);
        assertFormat(CODE_1.replace("TIPO:0", "TIPO:1"), CODE_2, "13", 1);
        assertFormat(CODE_1 + " PART:13", CODE_2, "PART", 1);
        assertFormat(CODE_1.replace(" IDEL:11124 CARG:11 TIPO:0 VERC:202409231638 13:4 22:3", " 13:4"), CODE_2, "13", 1);
        assertFormat(CODE_1.replace("TIPO:0 ", ""), CODE_2, "13", 1);
        assertFormat(CODE_1.replace("VERC:202409231638 ", ""), CODE_2, "VERC", 1);
        assertFormat(CODE_1.replace(" IDEL:11124 CARG:11 TIPO:0 VERC:202409231638 13:4 22:3", ""), "HIQT:1", "IDEL", 2);
    }

    private void assertFormat(String code1, String code2, String field, int part) {
        Problem p = refused(HandBuiltBu.texts(HEADER, List.of(code1, code2), key));
        assertThat(p.code()).as(p.message()).isEqualTo(BrBuProblem.FORMAT);
        assertThat(p.field()).as(p.message()).isEqualTo(field);
        assertThat(p.parts()).as(p.message()).containsExactly(part);
        assertThat(p.message()).startsWith("QR code " + part + " of 2").endsWith(".");
    }

    @Test
    void unknownKeysAreKeptWhereTheyAppear() {
        String code1 = CODE_1.replace("VERS:9.29.0.1", "VERS:9.29.0.1 ZZZZ:7.A").replace("13:4", "QQQQ:X 13:4");
        BoletimDeUrna bu = read(HandBuiltBu.texts(HEADER, List.of(code1, CODE_2), key));
        assertThat(bu.header().text("ZZZZ")).contains("7.A");
        assertThat(bu.cargos(11).get(0).text("QQQQ")).contains("X");
        assertThat(bu.verification().signature()).isEqualTo(Verdict.VALID);
    }
}
