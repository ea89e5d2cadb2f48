package org.testigo.tally.brbu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testigo.tally.Problem;

/** Each way the QR texts can fail to be one BU gives its own code, naming the field and the codes involved. */
class BrBuRefusalTest {
    private final BrBuReader reader = BrBuReader.withPinnedKeys();

    private Problem refusedWithOne(List<String> texts) {
        BrBuReading reading = reader.read(texts);
        assertThat(reading).isInstanceOf(BrBuReading.Refused.class);
        List<Problem> problems = ((BrBuReading.Refused) reading).problems();
        assertThat(problems).hasSize(1);
        Problem p = problems.get(0);
        assertThat(p.field()).isNotBlank();
        assertThat(p.message()).isNotBlank();
        return p;
    }

    private static List<String> sevenCodes() {
        return BrBuVectors.set(BrBuVectors.V15_2018_AC, "s03113-0103100030072");
    }

    private static List<String> pr0050() {
        return BrBuVectors.set(BrBuVectors.V15_2024_TSE, "s09254pr7621000360050-imgbu");
    }

    private static List<String> pr0051() {
        return BrBuVectors.set(BrBuVectors.V15_2024_TSE, "s09271pr7535300010051-imgbu");
    }

    private static List<String> single() {
        return BrBuVectors.set(BrBuVectors.V15_2024_TSE, BrBuVectors.TSE_2024_AC);
    }

    @Test
    void refusesNoTextAtAll() {
        assertThat(refusedWithOne(List.of()).code()).isEqualTo(BrBuProblem.NO_QR);
        assertThat(refusedWithOne(null).code()).isEqualTo(BrBuProblem.NO_QR);
    }

    @Test
    void refusesAMissingCodeNamingIt() {
        List<String> texts = new ArrayList<>(sevenCodes());
        texts.remove(3);
        Problem p = refusedWithOne(texts);
        assertThat(p.code()).isEqualTo(BrBuProblem.PART_MISSING);
        assertThat(p.parts()).containsExactly(4);
        assertThat(p.message()).contains("QR code 4 of 7 is missing");
    }

    @Test
    void refusesSeveralMissingCodesNamingThemAll() {
        List<String> texts = new ArrayList<>(sevenCodes());
        texts.remove(6);
        texts.remove(1);
        Problem p = refusedWithOne(texts);
        assertThat(p.code()).isEqualTo(BrBuProblem.PART_MISSING);
        assertThat(p.parts()).containsExactly(2, 7);
    }

    @Test
    void refusesACodeFromAnotherBuAsABrokenChainAtThatCode() {
        Problem p = refusedWithOne(List.of(pr0050().get(0), pr0051().get(1)));
        assertThat(p.code()).isEqualTo(BrBuProblem.CHAIN_BROKEN);
        assertThat(p.field()).isEqualTo("HASH");
        assertThat(p.parts()).containsExactly(2);
        assertThat(p.message()).startsWith("QR code 2 of 2");
    }

    @Test
    void refusesTwoDifferentTextsWithTheSameIndex() {
        Problem p = refusedWithOne(List.of(pr0050().get(0), pr0051().get(0), pr0050().get(1)));
        assertThat(p.code()).isEqualTo(BrBuProblem.PART_REPEATED_DIFFERENT);
        assertThat(p.parts()).containsExactly(1);
    }

    @Test
    void refusesCodesThatClaimDifferentTotals() {
        List<String> grande = BrBuVectors.setStartingWith(BrBuVectors.V15_2024_MANUAL, "manual-2024-exemplo-grande");
        Problem p = refusedWithOne(List.of(pr0050().get(0), grande.get(1)));
        assertThat(p.code()).isEqualTo(BrBuProblem.PART_TOTALS_DIFFER);
        assertThat(p.message()).contains("1 of 2").contains("2 of 4");
    }

    @Test
    void refusesCodesOfDifferentVersions() {
        List<String> from2018 = BrBuVectors.set(BrBuVectors.V15_2018_AC, "s03113-0139200010477");
        Problem p = refusedWithOne(List.of(from2018.get(0), pr0050().get(1)));
        assertThat(p.code()).isEqualTo(BrBuProblem.VERSIONS_DIFFER);
        assertThat(p.message()).contains("1.5/20180830").contains("1.5/20240507");
    }

    @Test
    void refusesAnUnknownVrqr() {
        Problem p = refusedWithOne(List.of(single().get(0).replace("VRQR:1.5 VRCH:20240507", "VRQR:1.6")));
        assertThat(p.code()).isEqualTo(BrBuProblem.VERSION_UNSUPPORTED);
        assertThat(p.field()).isEqualTo("VRQR");
        assertThat(p.parts()).containsExactly(1);
    }

    @Test
    void refusesALastCodeWithoutSignature() {
        String text = single().get(0);
        Problem p = refusedWithOne(List.of(text.substring(0, text.indexOf(" ASSI:"))));
        assertThat(p.code()).isEqualTo(BrBuProblem.SIGNATURE_MISSING);
        assertThat(p.field()).isEqualTo("ASSI");
        assertThat(p.parts()).containsExactly(1);
    }

    @Test
    void refusesTextThatIsNotABu() {
        Problem p = refusedWithOne(List.of("HTTPS://RESULTADOS.TSE.JUS.BR"));
        assertThat(p.code()).isEqualTo(BrBuProblem.NOT_A_BU);
        assertThat(p.message()).startsWith("QR text 1 (in the order given)");
    }

    @Test
    void refusesCharactersOutsideTheAlphanumericSet() {
        String text = single().get(0).replace("ORIG:VOTA", "ORIG:vota");
        Problem p = refusedWithOne(List.of(text));
        assertThat(p.code()).isEqualTo(BrBuProblem.QR_MALFORMED);
        assertThat(p.field()).isEqualTo("charset");
        assertThat(p.message()).contains("'v' at character " + (text.indexOf("vota") + 1));
        assertThat(p.parts()).containsExactly(1);
    }

    @Test
    void refusesATextLongerThanOneQrCodeHolds() {
        char[] filler = new char[1101 - "QRBU:1:1 ".length()];
        Arrays.fill(filler, 'A');
        Problem p = refusedWithOne(List.of("QRBU:1:1 " + new String(filler)));
        assertThat(p.code()).isEqualTo(BrBuProblem.QR_MALFORMED);
        assertThat(p.field()).isEqualTo("length");
        assertThat(p.message()).contains("1101 characters");
    }

    @Test
    void refusesDoubleSpacesAndRecordsWithoutColon() {
        assertThat(refusedWithOne(List.of(single().get(0).replace("ORIG:VOTA ", "ORIG:VOTA  "))).field()).isEqualTo("record 5");
        Problem noColon = refusedWithOne(List.of(single().get(0).replace("ORIG:VOTA", "ORIGVOTA")));
        assertThat(noColon.code()).isEqualTo(BrBuProblem.QR_MALFORMED);
        assertThat(noColon.message()).contains("\"ORIGVOTA\"");
        Problem trailing = refusedWithOne(List.of(single().get(0) + " "));
        assertThat(trailing.code()).isEqualTo(BrBuProblem.QR_MALFORMED);
    }

    @Test
    void refusesMalformedHeaders() {
        String text = single().get(0);
        assertThat(refusedWithOne(List.of(text.replace("QRBU:1:1", "QRBU:2:1"))).message()).contains("code 2 of only 1");
        assertThat(refusedWithOne(List.of(text.replace("QRBU:1:1", "QRBU:01:1"))).field()).isEqualTo("QRBU");
        assertThat(refusedWithOne(List.of(text.replace("QRBU:1:1", "QRBU:0:1"))).field()).isEqualTo("QRBU");
        assertThat(refusedWithOne(List.of(text.replace(" VRCH:20240507", ""))).field()).isEqualTo("VRCH");
        assertThat(refusedWithOne(List.of(text.replace("VRCH:20240507", "VRCH:20240532"))).field()).isEqualTo("VRCH");
        assertThat(refusedWithOne(List.of(text.replace("VRQR:1.5", "VRQR:1.4"))).message()).contains("only follows VRQR:1.5");
    }

    @Test
    void refusesABadHashOrSignatureShape() {
        String text = single().get(0);
        int hash = text.indexOf("HASH:") + 5;
        Problem shortHash = refusedWithOne(List.of(text.substring(0, hash) + text.substring(hash + 1)));
        assertThat(shortHash.field()).isEqualTo("HASH");
        assertThat(shortHash.code()).isEqualTo(BrBuProblem.QR_MALFORMED);
        Problem shortAssi = refusedWithOne(List.of(text.substring(0, text.length() - 2)));
        assertThat(shortAssi.field()).isEqualTo("ASSI");
        assertThat(shortAssi.message()).contains("126 characters").contains("expected 128");
    }

    @Test
    void refusesCertificateCodesAlone() {
        Problem p = refusedWithOne(List.of("QRCE:1:1 IDUE:2250280 MDUE:2020 CERT:ABCD"));
        assertThat(p.code()).isEqualTo(BrBuProblem.PART_MISSING);
    }

    @Test
    void refusesCertificateCodesWithAVersion15Bu() {
        List<String> texts = new ArrayList<>(single());
        texts.add("QRCE:1:1 IDUE:2031172 MDUE:2020 CERT:ABCD");
        assertThat(refusedWithOne(texts).code()).isEqualTo(BrBuProblem.VERSIONS_DIFFER);
    }

    @Test
    void reportsEveryUnreadableTextAtOnce() {
        BrBuReading reading = reader.read(List.of("QRBU:1:2 ORIG", "NOT A BU", pr0050().get(1)));
        assertThat(((BrBuReading.Refused) reading).problems()).extracting(Problem::code)
                .containsExactly(BrBuProblem.QR_MALFORMED, BrBuProblem.NOT_A_BU);
    }

    @Test
    void neverThrowsOnANullText() {
        List<String> texts = new ArrayList<>();
        texts.add(null);
        assertThat(refusedWithOne(texts).code()).isEqualTo(BrBuProblem.QR_MALFORMED);
    }
}
