package org.testigo.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;

class BulletinChecksTest {
    @Test
    void findsTheFewestDecimalsOfARoundPercentage() {
        assertThat(BulletinChecks.roundDecimals(new BigDecimal("512"), new BigDecimal("1000"))).isEqualTo(1); // 51.2%
        assertThat(BulletinChecks.roundDecimals(new BigDecimal("500"), new BigDecimal("1000"))).isEqualTo(0); // 50%
        // 33.33% of 12,345,678 is 4,114,814.47: 4,114,814 is within half a vote, 4,114,815 is not (0.53 away).
        assertThat(BulletinChecks.roundDecimals(new BigDecimal("4114814"), new BigDecimal("12345678"))).isEqualTo(2);
        assertThat(BulletinChecks.roundDecimals(new BigDecimal("4114815"), new BigDecimal("12345678"))).isEqualTo(-1);
    }

    @Test
    void flagsABulletinMadeOfRoundPercentagesAndArithmeticThatDoesNotAddUp() {
        // A total of 2,000,000: 1,100,000 is 55%, 700,001 is 35.00005% (within half a vote? no: 0.5 vote = .000025%).
        OfficialBulletin b = new OfficialBulletin("b", "", "", List.of(
                new OfficialFigure("A", new BigDecimal("1100000")),
                new OfficialFigure("B", new BigDecimal("700000")),
                new OfficialFigure("Z", new BigDecimal("200000")),
                new OfficialFigure(OfficialFigure.VALID, new BigDecimal("2000000")),
                new OfficialFigure(OfficialFigure.NULL, new BigDecimal("1000")),
                new OfficialFigure(OfficialFigure.CAST, new BigDecimal("2000999"))));
        var town = Town.election(List.of(b));
        List<BulletinFinding> round = BulletinChecks.roundPercentages(b, town);
        assertThat(round).extracting(f -> f.item() + " " + f.code()).containsExactly(
                "A ROUND_PERCENTAGE", "B ROUND_PERCENTAGE", "Z ROUND_PERCENTAGE", " ALL_ROUND");
        // Whole percentages of 2,000,000: a grid every 20,000 votes, a chance of 1 in 20,000 for each.
        assertThat(round.get(0).chance()).isEqualTo(100.0 / 2_000_000);
        List<BulletinFinding> sums = BulletinChecks.arithmetic(b, town);
        assertThat(sums).extracting(BulletinFinding::code).containsExactly("SUM_MISMATCH", "EXCEEDS_ELECTORATE");
    }
}
