package org.testigo.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.consolidation.Basis;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.consolidation.TableStatus;
import org.testigo.election.Election;
import org.testigo.resultados.ImportedRow;
import org.testigo.resultados.ResultadosCsv;
import org.testigo.resultados.ResultadosImport;
import org.testigo.testing.SharedData;
import org.testigo.totals.TotalsModel;

/**
 * The audit of the 24,532 tables of resultadosconvzla's V1 CSV, with the CNE's bulletins. The expected
 * second-digit means (4.381 for González, 4.002 for Maduro, over counts of 10 or more) were computed from
 * the CSV with awk, independently of this code:
 * {@code awk -F, 'NR>1 && $12>=10 {s+=substr($12,2,1); n++} END {print s/n}'} (column 13 for Maduro).
 */
class RealDataAuditTest {
    private static Election election;
    private static AuditReport report;

    @BeforeAll
    static void audit() throws Exception {
        ResultadosImport v1 = ResultadosCsv.read(SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V1.csv"));
        election = v1.election();
        AuditInput.Builder in = AuditInput.builder(election);
        TotalsModel totals = new TotalsModel(election);
        for (ImportedRow row : v1.rows()) {
            int t = election.geography().tableIndex(row.tally().table()).orElseThrow();
            in.add(t, row.tally());
            totals.update(t, null, new TableConsolidation(row.tally().table(), TableStatus.CONFIRMED, Basis.IMPORT,
                    row.tally(), List.of(), "imported"));
        }
        report = Audit.of(in.build()).report(totals.totals(0), 100);
    }

    private static StatResult test(String name, String subject) {
        return report.tests().stream().filter(t -> t.test().equals(name) && t.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " for " + subject));
    }

    @Test
    void secondDigitMeansOfGonzalezAndMaduroAre4381And4002() {
        assertThat(report.tables()).isEqualTo(24_532);
        StatResult eg = test("second-digit-mean", "EG");
        StatResult nm = test("second-digit-mean", "NM");
        assertThat(eg.statistic()).isCloseTo(4.381, within(0.0005));
        assertThat(nm.statistic()).isCloseTo(4.002, within(0.0005));
        assertThat(eg.reference()).isCloseTo(4.1874, within(0.00005));
        assertThat(eg.n()).isEqualTo(24_505);
        assertThat(nm.n()).isEqualTo(24_502);
        // σ of the second-digit law is 2.8729 (see DigitTestsTest): SE = 2.8729 / √24505 = 0.01835.
        assertThat(eg.band().high() - eg.reference()).isCloseTo(1.96 * 2.8729 / Math.sqrt(24_505), within(0.0001));
        assertThat(eg.caveat().en()).contains("never proof");
        assertThat(eg.caveat().es()).contains("nunca prueba");
    }

    @Test
    void flagsTheThreeCountsOfBulletinOneAsRoundPercentagesOfTheirTotal() {
        List<BulletinFinding> b1 = report.official().findings().stream()
                .filter(f -> f.bulletin().equals("CNE boletín 1") && f.code().contains("ROUND")).toList();
        // 5,150,092 = 51.2%, 4,445,978 = 44.2%, 462,704 = 4.6% of 10,058,774, each to within half a vote.
        assertThat(b1).extracting(f -> f.item() + " " + f.code()).containsExactlyInAnyOrder(
                "NM ROUND_PERCENTAGE", "EG ROUND_PERCENTAGE", "others ROUND_PERCENTAGE", " ALL_ROUND");
        assertThat(b1.get(0).detail()).contains("51.2%").contains("10058774");
        // Bulletin 2's counts are not: 6,408,844 of 12,335,884 is 51.9530%.
        assertThat(report.official().findings()).noneMatch(f -> f.bulletin().equals("CNE boletín 2") && f.code().contains("ROUND"));
    }

    @Test
    void theCertaintyBoundIsMetAtV1Coverage() {
        var c = report.official().certainty();
        assertThat(c.leader()).isEqualTo("EG");
        assertThat(c.runnerUp()).isEqualTo("NM");
        assertThat(c.certainByOfficialCount()).isTrue();
        assertThat(c.lead()).isGreaterThan(c.outstandingOfficial());
    }

    @Test
    void comparesTheBulletinsWithTheCollectedTotals() {
        var b2 = report.official().bulletins().get(1);
        var eg = b2.rows().stream().filter(r -> r.item().equals("EG")).findFirst().orElseThrow();
        assertThat(eg.official()).isEqualByComparingTo("5326104");
        assertThat(eg.collected().longValueExact()).isGreaterThan(6_000_000);
    }

    @Test
    void findsThatTheActasGiveGonzalezMoreVotesThanEitherBulletin() {
        // V1 gives González 7,156,462 votes (SOURCES.md); bulletin 2 gave him 5,326,104 with 96.87% of tables
        // counted, so at most 940 tables were missing from it: his 940 best tables hold far less than the gap.
        assertThat(report.official().findings()).filteredOn(f -> f.code().equals("COLLECTED_EXCEEDS_OFFICIAL"))
                .extracting(f -> f.bulletin() + " " + f.item())
                .containsExactlyInAnyOrder("CNE boletín 1 EG", "CNE boletín 2 EG");
    }
}
