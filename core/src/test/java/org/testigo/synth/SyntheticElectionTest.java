package org.testigo.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.tally.Decoding;
import org.testigo.tally.Tally;
import org.testigo.tally.TallyContext;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.tally.ve2024.Ve2024Format;

class SyntheticElectionTest {

    private static final Ve2024Format FORMAT = new Ve2024Format();
    private static final Pattern[] LEVEL_CODE = {
        Pattern.compile("\\d{2}"), Pattern.compile("\\d{4}"), Pattern.compile("\\d{6}"), Pattern.compile("\\d{9}"),
    };

    /** Venezuela's size, generated once for the tests that only read it. */
    private static SyntheticElection venezuela;

    @BeforeAll
    static void generateVenezuelaSize() {
        venezuela = SyntheticElection.generate(SynthSpec.of(SynthSpec.VENEZUELA_2024_TABLES, 42));
    }

    @Test
    void describesAVe2024ElectionOfTheRequestedSize() {
        Election e = venezuela.election();

        assertThat(e.id()).isEqualTo("synth-42-30026");
        assertThat(e.tallyFormat()).isEqualTo("ve-2024");
        assertThat(e.ballot()).isEqualTo(Ve2024Ballot.BALLOT);
        assertThat(e.levels()).containsExactly("estado", "municipio", "parroquia", "centro");
        assertThat(e.geography().depth()).isEqualTo(4);
        assertThat(e.geography().tableCount()).isEqualTo(30_026);
        assertThat(e.expectedTables()).isEqualTo(30_026);
        assertThat(e.expectedElectorate())
                .isEqualTo(e.geography().tables().stream().mapToLong(PollingTable::registered).sum());
        assertThat(e.official()).isEmpty();
        assertThat(venezuela.tableCount()).isEqualTo(30_026);
    }

    @Test
    void numbersPlacesTheWayTheCneNumbersThem() {
        Geography g = venezuela.election().geography();
        Map<String, Integer> childrenSeen = new HashMap<>();
        int[] perLevel = new int[4];
        for (GeoNode node : g.nodes()) {
            assertThat(node.code()).matches(LEVEL_CODE[node.level()]);
            assertThat(node.code()).startsWith(node.parent());
            int number = Integer.parseInt(node.code().substring(node.parent().length()));
            // Children are numbered 1, 2, 3, … in order under each parent.
            assertThat(number).as(node.code()).isEqualTo(childrenSeen.merge(node.parent(), 1, Integer::sum));
            assertThat(node.name()).matches("(Estado|Municipio|Parroquia|Escuela) [A-Z][a-z]+");
            perLevel[node.level()]++;
        }
        for (PollingTable t : g.tables()) {
            assertThat(t.id().value()).matches("\\d{9}\\.\\d{2}").startsWith(t.node() + ".");
            int number = Integer.parseInt(t.id().value().substring(10));
            assertThat(number).as(t.id().value()).isEqualTo(childrenSeen.merge("table of " + t.node(), 1, Integer::sum));
            assertThat(t.registered()).isBetween(40, 1450);
        }
        // Venezuela has 24 states, 335 municipalities, 1,134 parishes and about 15,800 centres.
        assertThat(perLevel[0]).isEqualTo(24);
        assertThat(perLevel[1]).isBetween(250, 420);
        assertThat(perLevel[2]).isBetween(900, 1400);
        assertThat(perLevel[3]).isBetween(14_000, 17_500);
    }

    @Test
    void everyPayloadDecodesToItsTableWithinItsRegisteredVoters() {
        TallyContext context = venezuela.election().tallyContext();
        venezuela.forEachTable(t -> {
            Decoding decoding = FORMAT.decode(List.of(t.payload()), context);
            assertThat(decoding).as(t.payload()).isInstanceOf(Decoding.Decoded.class);
            Decoding.Decoded decoded = (Decoding.Decoded) decoding;
            Tally tally = decoded.tally();
            assertThat(tally.table()).isEqualTo(t.table().id());
            assertThat(tally.cards()).isEqualTo(t.cards());
            assertThat(tally.candidates()).isEqualTo(t.candidates());
            assertThat(tally.nullVotes()).isEqualTo(t.nullVotes());
            assertThat(tally.valid() + tally.nullVotes()).isLessThanOrEqualTo(t.table().registered());
            assertThat(decoded.verification().consistent()).isTrue();
        });
    }

    @Test
    void nationalTotalsMatchTheConfiguredElection() {
        SynthParameters p = venezuela.spec().parameters();
        Ballot ballot = Ve2024Ballot.BALLOT;
        long[] candidates = new long[ballot.candidates().size()];
        long[] cards = new long[ballot.cards().size()];
        long[] nulls = {0, 0};
        venezuela.forEachTable(t -> {
            for (int c = 0; c < candidates.length; c++) {
                candidates[c] += t.candidates().get(c);
            }
            for (int c = 0; c < cards.length; c++) {
                cards[c] += t.cards().get(c);
            }
            nulls[0] += t.nullVotes();
            nulls[1] += t.nullVotes() > 0 ? 1 : 0;
        });
        long valid = java.util.Arrays.stream(candidates).sum();
        long registered = venezuela.election().expectedElectorate();
        double turnout = (double) (valid + nulls[0]) / registered;
        double leaderShare = (double) candidates[ballot.candidateIndex("EG")] / valid;
        double runnerUpShare = (double) candidates[ballot.candidateIndex("NM")] / valid;

        assertThat(registered / 30_026.0).isCloseTo(p.registeredMean(), org.assertj.core.data.Offset.offset(10.0));
        assertThat(turnout).isBetween(p.turnout().min(), p.turnout().max());
        assertThat(turnout).isCloseTo(p.turnout().mean(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(leaderShare).isBetween(p.leaderShare().min(), p.leaderShare().max());
        assertThat(leaderShare).isCloseTo(p.leaderShare().mean(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(runnerUpShare).isBetween(0.2, 0.4);
        for (Map.Entry<String, Double> minor : p.minorShares().entrySet()) {
            double share = (double) candidates[ballot.candidateIndex(minor.getKey())] / valid;
            assertThat(share).as(minor.getKey()).isCloseTo(minor.getValue(), org.assertj.core.data.Offset.offset(minor.getValue() * 0.2));
        }
        assertThat((double) nulls[1] / 30_026).isCloseTo(p.nullRate(), org.assertj.core.data.Offset.offset(0.01));
        // The dominant card of each main candidate carries most of its votes.
        assertThat((double) cards[0] / candidates[ballot.candidateIndex("NM")]).isBetween(0.65, 0.85); // PSUV
        assertThat((double) cards[35] / candidates[ballot.candidateIndex("EG")]).isBetween(0.85, 0.98); // MUD
    }

    @Test
    void turnoutAndSharesVaryFromStateToState() {
        Ballot ballot = Ve2024Ballot.BALLOT;
        int eg = ballot.candidateIndex("EG");
        long[][] byState = new long[25][3]; // EG, valid, cast
        Map<String, Long> registered = new HashMap<>();
        venezuela.forEachTable(t -> {
            int state = Integer.parseInt(t.table().id().value().substring(0, 2));
            byState[state][0] += t.candidates().get(eg);
            byState[state][1] += t.valid();
            byState[state][2] += t.cast();
            registered.merge(t.table().id().value().substring(0, 2), (long) t.table().registered(), Long::sum);
        });
        double minShare = 1;
        double maxShare = 0;
        double minTurnout = 1;
        double maxTurnout = 0;
        for (int s = 1; s <= 24; s++) {
            double share = (double) byState[s][0] / byState[s][1];
            double turnout = (double) byState[s][2] / registered.get(String.format("%02d", s));
            minShare = Math.min(minShare, share);
            maxShare = Math.max(maxShare, share);
            minTurnout = Math.min(minTurnout, turnout);
            maxTurnout = Math.max(maxTurnout, turnout);
        }
        // In 2024 the leader's share ran from 50% to 82% across states.
        assertThat(maxShare - minShare).isGreaterThan(0.08);
        assertThat(maxTurnout - minTurnout).isGreaterThan(0.03);
    }

    @Test
    void theSameSeedGivesTheSameElectionTableForTable() {
        SyntheticElection a = SyntheticElection.generate(SynthSpec.of(5_000, 99));
        SyntheticElection b = SyntheticElection.generate(SynthSpec.of(5_000, 99));

        assertThat(a.election().geography().nodes()).isEqualTo(b.election().geography().nodes());
        assertThat(a.election().geography().tables()).isEqualTo(b.election().geography().tables());
        assertThat(a.election().expectedElectorate()).isEqualTo(b.election().expectedElectorate());
        assertThat(a.tables().toList()).isEqualTo(b.tables().toList());
    }

    @Test
    void anotherSeedGivesAnotherElection() {
        SyntheticElection a = SyntheticElection.generate(SynthSpec.of(5_000, 99));
        SyntheticElection b = SyntheticElection.generate(SynthSpec.of(5_000, 100));

        assertThat(a.election().geography().nodes()).isNotEqualTo(b.election().geography().nodes());
        assertThat(a.table(0).payload()).isNotEqualTo(b.table(0).payload());
    }

    @Test
    void aTableIsTheSameWhicheverOrderTablesAreAskedIn() {
        SyntheticElection e = SyntheticElection.generate(SynthSpec.of(2_000, 5));
        List<SyntheticTable> inOrder = e.tables().toList();

        for (int i = 1_999; i >= 0; i -= 7) {
            assertThat(e.table(i)).isEqualTo(inOrder.get(i));
        }
        assertThat(e.tables().parallel().toList()).isEqualTo(inOrder);
    }

    @Test
    void generatesElectionsOfOneTableAndOtherTinySizes() {
        for (int n : new int[] {1, 2, 3, 10, 25, 100}) {
            SyntheticElection e = SyntheticElection.generate(SynthSpec.of(n, n));
            assertThat(e.election().geography().tableCount()).isEqualTo(n);
            e.forEachTable(t -> assertThat(FORMAT.decode(List.of(t.payload()), e.election().tallyContext()))
                    .isInstanceOf(Decoding.Decoded.class));
        }
        assertThat(SyntheticElection.generate(SynthSpec.of(1, 1)).election().geography().nodeCount()).isEqualTo(5);
    }

    @Test
    void generatesAMillionTables() {
        SyntheticElection e = SyntheticElection.generate(SynthSpec.of(1_000_000, 2024));
        TallyContext context = e.election().tallyContext();
        long[] totals = new long[3]; // tables, cast, tables over their registered voters or not decoded

        e.forEachTable(t -> {
            // Plain checks in the loop: an assertion object per table would dominate the run.
            if (FORMAT.decode(List.of(t.payload()), context) instanceof Decoding.Decoded d
                    && d.tally().table().equals(t.table().id()) && d.tally().cast() <= t.table().registered()) {
                totals[1] += d.tally().cast();
            } else {
                totals[2]++;
            }
            totals[0]++;
        });

        assertThat(totals[2]).as("tables that did not decode within their registered voters").isZero();
        assertThat(totals[0]).isEqualTo(1_000_000);
        assertThat(e.election().id()).isEqualTo("synth-2024-1000000");
        assertThat(e.election().expectedTables()).isEqualTo(1_000_000);
        assertThat(e.election().geography().tableCount()).isEqualTo(1_000_000);
        double turnout = (double) totals[1] / e.election().expectedElectorate();
        assertThat(turnout).isCloseTo(e.spec().parameters().turnout().mean(), org.assertj.core.data.Offset.offset(0.05));
        int[] perLevel = new int[4];
        List<String> badCodes = new java.util.ArrayList<>();
        for (GeoNode node : e.election().geography().nodes()) {
            if (!LEVEL_CODE[node.level()].matcher(node.code()).matches()) {
                badCodes.add(node.code());
            }
            perLevel[node.level()]++;
        }
        assertThat(badCodes).isEmpty();
        assertThat(perLevel[0]).isEqualTo(24);
        // A larger country grows its municipalities, parishes and centres alike, within 99 / 99 / 999.
        assertThat(perLevel[1]).isBetween(500, 24 * 99);
        assertThat(perLevel[2]).isBetween(perLevel[1] * 3, perLevel[1] * 99);
        assertThat(perLevel[3]).isBetween(400_000, 600_000);
    }

    @Test
    void refusesMoreTablesThanTheCentreCodesCanNumber() {
        // One state of single-table centres holds 99 × 99 × 999 = 9,791,199 tables at most.
        Properties p = SynthParameters.defaultProperties();
        p.setProperty("states", "1");
        p.setProperty("centres.tableWeights", "1");
        SynthSpec spec = new SynthSpec(9_791_200, 1, SynthParameters.from(p));

        assertThatThrownBy(() -> SyntheticElection.generate(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9791200 tables")
                .hasMessageContaining("9791199");
    }

    @Test
    void keepsEverySeedInAValidElectionId() {
        SyntheticElection e = SyntheticElection.generate(SynthSpec.of(10, -1));
        String longest = SynthSpec.of(Integer.MAX_VALUE, -1).electionId();

        assertThat(e.election().id()).isEqualTo("synth-18446744073709551615-10");
        assertThat(longest).isEqualTo("synth-x" + Long.toUnsignedString(-1, 36) + "-" + Integer.MAX_VALUE).hasSizeLessThanOrEqualTo(32);
        assertThat(new Candidate(longest, "a valid id")).isNotNull();
    }

    @Test
    void refusesAnElectionWithoutTables() {
        assertThatThrownBy(() -> SynthSpec.of(0, 1)).hasMessageContaining("at least 1 table");
    }
}
