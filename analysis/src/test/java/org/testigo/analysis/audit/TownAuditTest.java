package org.testigo.analysis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.testigo.election.Election;
import org.testigo.election.TableId;

/** The per-table checks, the peer outliers and Shpilkin's estimate on a town whose numbers are worked out by hand. */
class TownAuditTest {
    private final Election town = Town.election();

    private AuditInput.Builder tallies() {
        return AuditInput.builder(town);
    }

    @Test
    void flagsImpossibleAndCoincidentTables() {
        AuditInput in = tallies()
                .add(0, new int[] {200, 100, 10}, 5, 0)   // C1.1 ordinary
                .add(1, new int[] {300, 190, 5}, 10, 0)   // C1.2 cast 505 > 500: turnout over 100%
                .add(2, new int[] {300, 120, 0}, 0, 0)    // C1.3 ordinary
                .add(3, new int[] {510, 0, 0}, 0, 0)      // C1.4 valid 510 > 500, unanimous, B at 0
                .add(4, new int[] {200, 100, 10}, 5, 0)   // C1.5 the same as C1.1
                .add(5, new int[] {40, 9, 1}, 0, 0)       // C1.6 small
                .add(6, new int[] {0, 30, 0}, 0, 0)       // C2.1 unanimous but only 30 valid: not flagged
                .crossCheck(new CrossCheck(new TableId("C1.3"), "qr", List.of(300, 120, 0, 0, 0), "phoned",
                        List.of(300, 102, 0, 0, 0)))
                .build();
        AuditReport r = Audit.of(in).report(null, 3);
        assertThat(r.leader()).isEqualTo("A");
        assertThat(r.runnerUp()).isEqualTo("B");
        assertThat(r.flags()).extracting(f -> f.table().value() + " " + f.code()).containsExactlyInAnyOrder(
                "C1.2 TURNOUT_OVER_100",
                "C1.4 VOTES_OVER_REGISTERED", "C1.4 UNANIMOUS", "C1.4 MAIN_RIVAL_AT_ZERO",
                "C1.1 IDENTICAL_RESULTS", "C1.5 IDENTICAL_RESULTS",
                "C1.3 SOURCES_DISAGREE");
        assertThat(r.checks().get(CheckCode.IDENTICAL_RESULTS)).isEqualTo(2);
        // C1.4 fails three checks (one impossibility, two coincidences): it ranks first whatever its peers say.
        assertThat(r.ranked().get(0).table().value()).isEqualTo("C1.4");
        assertThat(r.ranked().get(0).flags()).hasSize(3);
    }

    @Test
    void scoresATableAgainstTheMedianAndMadOfItsCentre() {
        // C3: five tables of 1000 voters. Turnouts 60, 62, 58, 61, 90%; A's shares 50, 52, 48, 51, 80%.
        // Turnout: median 61%, deviations 1, 1, 3, 0, 29 → MAD 1 point → scale max(1.4826 pt, √(.61·.39/1000) = 1.54 pt).
        int[][] rows = {{300, 300}, {322, 298}, {278, 302}, {311, 299}, {720, 180}};
        AuditInput.Builder b = tallies();
        for (int t = 0; t < 5; t++) {
            b.add(7 + t, new int[] {rows[t][0], rows[t][1], 0}, 0, 0);
        }
        Audit audit = Audit.of(b.build());
        AuditReport r = audit.report(null, 5);
        RankedTable top = r.ranked().get(0);
        assertThat(top.table().value()).isEqualTo("C3.5");
        assertThat(top.peers()).isEqualTo("C3");
        assertThat(top.peerCount()).isEqualTo(5);
        double turnoutScale = Math.max(1.4826 * 0.01, Math.sqrt(0.61 * 0.39 / 1000));
        assertThat(top.zTurnout()).isCloseTo((0.90 - 0.61) / turnoutScale, within(1e-9));
        // Shares 300/600 = .5, 322/620 = .51935, 278/580 = .47931, 311/610 = .50984, 720/900 = .8:
        // median .50984, deviations .00984, .00951, .03053, 0, .29016 → MAD .00984; noise √(.50984·.49016/900) = .01666.
        double shareScale = Math.max(1.4826 * (311.0 / 610 - 0.5), Math.sqrt((311.0 / 610) * (1 - 311.0 / 610) / 900));
        assertThat(top.zShare()).isCloseTo((0.8 - 311.0 / 610) / shareScale, within(1e-9));
        // Q = t² + min(z_s², t²) with t = max(z_t, 0).
        assertThat(top.score()).isCloseTo(top.zTurnout() * top.zTurnout()
                + Math.min(top.zShare() * top.zShare(), top.zTurnout() * top.zTurnout()), within(1e-9));
        assertThat(top.outlier()).isTrue();
        assertThat(r.outliers()).isEqualTo(1);
    }

    @Test
    void aCentreWithTooFewTablesIsComparedWithItsState() {
        AuditInput.Builder b = tallies();
        for (int t = 0; t < 7; t++) {
            b.add(t, new int[] {150, 140, 10}, 0, 0);
        }
        AuditReport r = Audit.of(b.build()).report(null, 7);
        RankedTable c2 = r.ranked().stream().filter(t -> t.table().value().equals("C2.1")).findFirst().orElseThrow();
        // C2 has one counted table; its state E1 has seven.
        assertThat(c2.peers()).isEqualTo("E1");
        assertThat(c2.peerCount()).isEqualTo(7);
    }

    @Test
    void estimatesExcessVotesAboveTheModalTurnoutByHand() {
        // C1: six tables of 500 at 50% turnout (250 cast: A 150, B 100). C3: five of 1000, four at 50% (A 300,
        // B 200) and one at 90% (A 700, B 200). Registered voters by turnout: 7,000 at 50%, 1,000 at 90%:
        // the mode is the 50% bin. Baseline ratio r = A / others at or below it = (6·150 + 4·300) / (6·100 + 4·200)
        // = 2100 / 1400 = 1.5. Above the mode: 700 − 1.5·200 = 400 excess votes for A, of 900 + 1200 + 700 = 2,800.
        AuditInput.Builder b = tallies();
        for (int t = 0; t < 6; t++) {
            b.add(t, new int[] {150, 100, 0}, 0, 0);
        }
        for (int t = 0; t < 4; t++) {
            b.add(7 + t, new int[] {300, 200, 0}, 0, 0);
        }
        b.add(11, new int[] {700, 200, 0}, 0, 0);
        ExcessVotes e = ExcessVotes.estimate(b.build(), 0);
        assertThat(e.modeTurnout()).isCloseTo(0.505, within(1e-12));
        assertThat(e.baselineRatio()).isCloseTo(1.5, within(1e-12));
        assertThat(e.excessVotes()).isEqualTo(400);
        assertThat(e.shareOfCandidate()).isCloseTo(400.0 / 2800, within(1e-12));
        assertThat(e.tablesAboveMode()).isEqualTo(1);
    }

    @Test
    void buildsTheFingerprintOfTheNationAndEachState() {
        AuditInput in = tallies()
                .add(0, new int[] {150, 100, 0}, 0, 0)    // C1.1: turnout 50%, A 60% → cell (25, 30)
                .add(7, new int[] {900, 50, 0}, 0, 0)     // C3.1: turnout 95%, A 94.7% → cell (47, 47)
                .add(1, new int[] {150, 100, 0}, 0, 0)
                .build();
        List<Fingerprint> f = Audit.of(in).report(null, 1).fingerprints();
        assertThat(f).extracting(Fingerprint::node).containsExactly("", "E1", "E2");
        assertThat(f.get(0).count(25, 30)).isEqualTo(2);
        assertThat(f.get(0).count(47, 47)).isEqualTo(1);
        assertThat(f.get(1).tables()).isEqualTo(2);
        assertThat(f.get(2).count(47, 47)).isEqualTo(1);
        assertThat(f.get(0).topCorner()).isCloseTo(1.0 / 3, within(1e-12));
    }
}
