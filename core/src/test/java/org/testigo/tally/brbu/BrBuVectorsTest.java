package org.testigo.tally.brbu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.testigo.tally.Check;
import org.testigo.tally.Verdict;

/** Every real vector gives the result SOURCES.md states for it. */
class BrBuVectorsTest {
    private final BrBuReader reader = BrBuReader.withPinnedKeys();

    private BoletimDeUrna read(List<String> texts) {
        BrBuReading reading = reader.read(texts);
        assertThat(reading).as("reading %s", texts.get(0).substring(0, 40)).isInstanceOf(BrBuReading.Read.class);
        return ((BrBuReading.Read) reading).bu();
    }

    @Test
    void everyVectorChainsAndPassesEveryArithmeticCheck() {
        int sets = 0;
        for (String file : BrBuVectors.FILES) {
            for (Map.Entry<String, List<String>> set : BrBuVectors.load(file).entrySet()) {
                BoletimDeUrna bu = read(set.getValue());
                assertThat(bu.verification().checks()).as(set.getKey()).first()
                        .satisfies(c -> assertThat(c.name()).isEqualTo("hash chain"))
                        .satisfies(c -> assertThat(c.passed()).isTrue());
                assertThat(bu.verification().failures()).as(set.getKey()).isEmpty();
                assertThat(bu.verification().checks().size()).as(set.getKey() + " runs arithmetic checks").isGreaterThan(2);
                assertThat(bu.codes()).isEqualTo(set.getValue().size());
                String lastText = set.getValue().get(set.getValue().size() - 1);
                assertThat(lastText).contains("HASH:" + bu.finalHash().hex());
                sets++;
            }
        }
        assertThat(sets).as("sets in SOURCES.md: 6 + 6 + 1 + 2 + 10 + 1").isEqualTo(26);
    }

    @Test
    void theSetsSignedWithKnownKeysAreValid() {
        Map<String, List<String>> signed = BrBuVectors.signedWithKnownKeys();
        assertThat(signed).hasSize(15);
        signed.forEach((name, texts) -> {
            BoletimDeUrna bu = read(texts);
            assertThat(bu.verification().signature()).as(name).isEqualTo(Verdict.VALID);
            assertThat(bu.verification().reason()).as(name).contains("verifies").contains("/AC/");
        });
    }

    @Test
    void theSetsOfTheOneAndOnlyAcKeysUseTheRightKeyVersions() {
        assertThat(read(BrBuVectors.setStartingWith(BrBuVectors.V14_2016_MANUAL, "manual-1.4-p29")).verification().reason())
                .contains("S/AC/none/LEG");
        assertThat(read(BrBuVectors.setStartingWith(BrBuVectors.V15_2024_MANUAL, "manual-2024-exemplo-pequeno"))
                .verification().reason()).contains("S/AC/20240507/LEG");
        assertThat(read(BrBuVectors.set(BrBuVectors.V15_2018_AC, "s03113-0139200010548")).verification().reason())
                .contains("S/AC/20180830/LEG");
    }

    @Test
    void theTse2024ExamplesOfPrAndMgAreNotVerifiableForLackOfTheirKeys() {
        Map<String, List<String>> sets = BrBuVectors.load(BrBuVectors.V15_2024_TSE);
        assertThat(sets).hasSize(10);
        sets.forEach((name, texts) -> {
            BoletimDeUrna bu = read(texts);
            if (name.equals(BrBuVectors.TSE_2024_AC)) {
                assertThat(bu.verification().signature()).as(name).isEqualTo(Verdict.VALID);
            } else {
                String uf = name.substring(6, 8).toUpperCase();
                assertThat(uf).isIn("PR", "MG");
                assertThat(bu.verification().signature()).as(name).isEqualTo(Verdict.NOT_VERIFIABLE);
                assertThat(bu.verification().reason()).as(name).startsWith("no pinned key for S/" + uf + "/20240507/LEG");
            }
        });
    }

    @Test
    void theOfficialConchalBuIsNotVerifiableWithoutTheOfficialSpKey() {
        BoletimDeUrna bu = read(BrBuVectors.setStartingWith(BrBuVectors.V15_2022_CONCHAL, "o00407sp"));
        assertThat(bu.verification().signature()).isEqualTo(Verdict.NOT_VERIFIABLE);
        assertThat(bu.verification().reason()).contains("no pinned key for O/SP/20220829/LEG")
                .contains("20220829/LEGAL/ospqrcode.pub");
        // What the code says, read off the QR text by hand (SOURCES.md: Conchal/SP, zona 75, seção 182, 2nd round 2022).
        assertThat(bu.tableId().value()).isEqualTo("SP-63452-75-182");
        assertThat(bu.header().round()).isEqualTo(2);
        assertThat(bu.header().phase()).isEqualTo(BuHeader.Phase.O);
        assertThat(bu.header().origin()).isEqualTo(BuHeader.Origin.VOTA);
        assertThat(bu.keyVersion()).contains("20220829");
        assertThat(bu.cargos()).extracting(BuCargo::code).containsExactly(3, 1);
        BuCargo president = bu.cargos(1).get(0);
        assertThat(president.election()).isEqualTo(545);
        assertThat(president.kind()).isEqualTo(BuCargo.Kind.MAJORITARIAN);
        assertThat(president.votes()).containsExactly(new BuVote("13", 45), new BuVote("22", 225));
        assertThat(president.count("BRAN")).hasValue(5);
        assertThat(president.count("NULO")).hasValue(3);
        assertThat(president.count("TOTC")).hasValue(278);
        assertThat(bu.header().count("COMP")).hasValue(278);
    }

    @Test
    void theVrqr60ExampleChainsButIsNotVerifiableForLackOfCertificateAndEd521() {
        BoletimDeUrna bu = read(BrBuVectors.setStartingWith(BrBuVectors.V60_2026, "manual-2026"));
        assertThat(bu.version()).contains("6.0");
        assertThat(bu.keyVersion()).isEmpty();
        assertThat(bu.verification().signature()).isEqualTo(Verdict.NOT_VERIFIABLE);
        assertThat(bu.verification().reason()).contains("VRQR 6.0").contains("QRCE").contains("were not given")
                .contains("Ed521").contains("hash chain holds");
        assertThat(bu.header().aggregatedSections()).containsExactly(17, 18, 19);
        assertThat(bu.elections()).extracting(BuElection::code).containsExactly(2102, 2101);
    }

    @Test
    void aVrqr60BuWithItsCertificateCodesIsStillNotVerifiableAndSaysSo() {
        List<String> texts = new ArrayList<>(BrBuVectors.setStartingWith(BrBuVectors.V60_2026, "manual-2026"));
        texts.add("QRCE:1:2 IDUE:2250280 MDUE:2020 CERT:2D2D2D2D2D424547494E");
        texts.add("QRCE:2:2 IDUE:2250280 MDUE:2020 CERT:2D2D2D2D2D454E44");
        BoletimDeUrna bu = read(texts);
        assertThat(bu.verification().signature()).isEqualTo(Verdict.NOT_VERIFIABLE);
        assertThat(bu.verification().reason()).contains("QRCE) were given (2)").contains("Ed521");
    }

    @Test
    void theEarly2016FigureWithoutVrqrKeepsItsInnerVrqrAsAContentField() {
        BoletimDeUrna bu = read(BrBuVectors.setStartingWith(BrBuVectors.V14_2016_MANUAL, "manual-1.4-fig-p17"));
        assertThat(bu.version()).isEmpty();
        assertThat(bu.header().text("VRQR")).contains("4.0");
        assertThat(bu.verification().signature()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aBigProportionalBuReadsItsPartyBlocksAcrossCodes() {
        // 1.4 manual p.30, 3 codes: PART:93 starts in code 1 and ends in code 2; CARG:64 is split between codes 2 and 3.
        BoletimDeUrna bu = read(BrBuVectors.setStartingWith(BrBuVectors.V14_2016_MANUAL, "manual-1.4-p30"));
        BuCargo vereador = bu.cargos(13).get(0);
        assertThat(vereador.kind()).isEqualTo(BuCargo.Kind.PROPORTIONAL);
        assertThat(vereador.parties()).extracting(BuParty::number).containsExactly(91, 92, 93, 94, 97);
        BuParty p93 = vereador.parties().get(2);
        assertThat(p93.labelVotes()).isEqualTo(1);
        assertThat(p93.total()).isEqualTo(34);
        assertThat(p93.votes()).hasSize(30).contains(new BuVote("93014", 3), new BuVote("93029", 2));
        BuCargo referendum = bu.cargos(64).get(0);
        assertThat(referendum.kind()).isEqualTo(BuCargo.Kind.REFERENDUM);
        assertThat(referendum.election()).isEqualTo(1104);
        assertThat(referendum.votes()).containsExactly(new BuVote("55", 89), new BuVote("77", 53));
    }

    @Test
    void codesShuffledAndRepeatedGiveTheSameResult() {
        Random random = new Random(20241006);
        for (String file : BrBuVectors.FILES) {
            for (Map.Entry<String, List<String>> set : BrBuVectors.load(file).entrySet()) {
                BoletimDeUrna inOrder = read(set.getValue());
                List<String> messy = new ArrayList<>(set.getValue());
                messy.addAll(set.getValue());
                messy.add(set.getValue().get(random.nextInt(set.getValue().size())));
                for (int round = 0; round < 3; round++) {
                    Collections.shuffle(messy, random);
                    BoletimDeUrna shuffled = read(messy);
                    assertThat(shuffled).as(set.getKey()).isEqualTo(inOrder);
                }
                List<String> reversed = new ArrayList<>(set.getValue());
                Collections.reverse(reversed);
                assertThat(read(reversed)).as(set.getKey()).isEqualTo(inOrder);
            }
        }
    }

    @Test
    void theCsecCargoWithoutCandidatesHasNoVoteSums() {
        BoletimDeUrna bu = read(BrBuVectors.set(BrBuVectors.V15_2024_TSE, BrBuVectors.TSE_2024_AC));
        BuCargo prefeito = bu.cargos(11).get(0);
        assertThat(prefeito.votes()).isEmpty();
        assertThat(prefeito.count("CSEC")).hasValue(10);
        assertThat(prefeito.count("NOMI")).isEmpty();
        assertThat(bu.verification().checks()).extracting(Check::name)
                .noneMatch(n -> n.startsWith("cargo 11") && n.contains("NOMI"))
                .contains("cargo 11 (IDEL 11124): APTS + APTT = APTA");
        Optional<Check> turnout = bu.verification().checks().stream().filter(c -> c.name().equals("HBBM + HBBG + HBSB = COMP")).findFirst();
        assertThat(turnout).hasValueSatisfying(c -> assertThat(c.detail()).isEqualTo("HBBM + HBBG + HBSB = COMP = 10"));
    }
}
