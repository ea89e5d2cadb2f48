package org.testigo.totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.testigo.testing.TinyElection.at;
import static org.testigo.testing.TinyElection.tally;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testigo.consolidation.ConsolidationRule;
import org.testigo.consolidation.Copy;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.election.Election;
import org.testigo.election.TableId;
import org.testigo.tally.Tally;
import org.testigo.tally.Verdict;
import org.testigo.testing.TinyElection;

/** Every expected number below was worked out by hand from {@link TinyElection}'s picture. */
class TotalsModelTest {
    private final ConsolidationRule rule = new ConsolidationRule(2);

    private final class Feed {
        final Election election;
        final TotalsModel model;
        final List<List<Copy>> copies = new ArrayList<>();
        final List<TableConsolidation> state = new ArrayList<>();

        Feed(Election election) {
            this.election = election;
            this.model = new TotalsModel(election);
            for (int i = 0; i < election.geography().tableCount(); i++) {
                copies.add(new ArrayList<>());
                state.add(TableConsolidation.missing(election.geography().table(i).id()));
            }
        }

        void add(String who, Tally t) {
            int index = election.geography().tableIndex(t.table()).orElseThrow();
            copies.get(index).add(new Copy(copies.get(index).size() + 1, "qr", who, t, Verdict.NOT_VERIFIABLE, at(0)));
            TableConsolidation next = rule.decide(t.table(), copies.get(index));
            model.update(index, state.get(index), next);
            state.set(index, next);
        }
    }

    @Test
    void anEmptyElectionHasNothingCountedAndNoCertainty() {
        NodeTotals nation = new TotalsModel(TinyElection.election()).totals(0);
        assertThat(nation.tables()).isEqualTo(new TableCounts(4, 0, 0, 0, 0, 0));
        assertThat(nation.valid()).isZero();
        assertThat(nation.certainty().certain()).isFalse();
        assertThat(nation.certainty().outstanding()).isEqualTo(1000);
    }

    @Test
    void totalsAddUpTheTreeAndCountStatuses() {
        Feed f = new Feed(TinyElection.election());
        f.add("w1", tally("N.1", 100, 20, 50, 3));   // A 120, B 50
        f.add("w2", tally("N.1", 100, 20, 50, 3));   // confirms N.1
        f.add("w1", tally("S.1", 30, 0, 90, 2));     // A 30, B 90, provisional

        NodeTotals nation = f.model.totals(0);
        assertThat(nation.tables()).isEqualTo(new TableCounts(4, 2, 2, 1, 1, 0));
        assertThat(nation.candidates()).extracting(CandidateVotes::votes).containsExactly(150L, 140L);
        assertThat(nation.valid()).isEqualTo(290);
        assertThat(nation.nullVotes()).isEqualTo(5);
        assertThat(nation.candidates().get(0).share()).isCloseTo(150.0 / 290, within(1e-12));
        assertThat(nation.lead()).isEqualTo(new Lead("A", "B", 10, 1000.0 / 290));
        assertThat(nation.coverage()).isEqualTo(0.5);
        // Registered at counted tables: 300 + 250; cast 295.
        assertThat(nation.registeredCounted()).isEqualTo(550);
        assertThat(nation.turnout()).isCloseTo(295.0 / 550, within(1e-12));
        // Outstanding: electorate 1000 minus 550 registered at counted tables.
        assertThat(nation.certainty().outstanding()).isEqualTo(450);
        assertThat(nation.certainty().certain()).isFalse();

        int north = f.election.geography().nodeIndex("N").orElseThrow();
        NodeTotals n = f.model.totals(north);
        assertThat(n.tables()).isEqualTo(new TableCounts(2, 1, 1, 0, 1, 0));
        assertThat(n.candidates()).extracting(CandidateVotes::votes).containsExactly(120L, 50L);
        assertThat(n.registered()).isEqualTo(500);
        assertThat(n.certainty().outstanding()).as("N.2's 200 voters").isEqualTo(200);
        assertThat(n.certainty().certain()).isFalse(); // lead 70 < 200
        assertThat(n.level()).isEqualTo("region");
    }

    @Test
    void aConflictRemovesTheTableFromTheTotalsAndACorrectionPutsItBack() {
        Feed f = new Feed(TinyElection.election());
        f.add("w1", tally("S.1", 30, 0, 90, 2));
        f.add("w2", tally("S.1", 30, 0, 91, 2));
        NodeTotals nation = f.model.totals(0);
        assertThat(nation.tables()).isEqualTo(new TableCounts(4, 1, 0, 0, 0, 1));
        assertThat(nation.valid()).isZero();
        assertThat(nation.certainty().outstanding()).isEqualTo(1000);
    }

    @Test
    void theWinnerIsCertainOnlyWhenTheLeadExceedsTheVotesStillPossible() {
        Feed f = new Feed(TinyElection.election());
        f.add("w1", tally("N.1", 280, 0, 10, 0)); // lead 270
        f.add("w1", tally("N.2", 190, 0, 5, 0));  // lead 455
        // Outstanding: 1000 - 500 = 500 >= 455: not yet.
        assertThat(f.model.totals(0).certainty().certain()).isFalse();
        f.add("w1", tally("S.1", 240, 0, 0, 0));  // lead 695 > 1000 - 750 = 250
        Certainty c = f.model.totals(0).certainty();
        assertThat(c.lead()).isEqualTo(695);
        assertThat(c.outstanding()).isEqualTo(250);
        assertThat(c.certain()).isTrue();
    }

    @Test
    void theAuthoritysAnnouncedVotesCastGiveASecondBound() {
        Feed f = new Feed(TinyElection.election(List.of(TinyElection.bulletinWithCast(700))));
        f.add("w1", tally("N.1", 100, 20, 50, 3)); // cast 173
        assertThat(f.model.totals(0).certainty().outstandingOfficial()).isEqualTo(700 - 173);
        assertThat(f.model.totals(0).certainty().certainByOfficialCount()).isFalse();
    }

    @Test
    void tableCountsAreTheSameWhateverOrderTheEvidenceArrivesIn() {
        List<Tally> stream = List.of(tally("N.1", 1, 2, 3, 0), tally("N.2", 4, 5, 6, 1), tally("S.1", 7, 8, 9, 2),
                tally("N.2", 4, 5, 6, 1));
        Feed forward = new Feed(TinyElection.election());
        Feed backward = new Feed(TinyElection.election());
        for (int i = 0; i < stream.size(); i++) {
            forward.add("w" + i, stream.get(i));
            backward.add("w" + (stream.size() - 1 - i), stream.get(stream.size() - 1 - i));
        }
        assertThat(forward.model.totals(0)).isEqualTo(backward.model.totals(0));
        assertThat(forward.model.totals(0).tables().confirmed()).isEqualTo(1);
        assertThat(forward.model.totals(0).candidates()).extracting(CandidateVotes::votes).containsExactly(27L, 18L);
        assertThat(forward.election.geography().tableIndex(new TableId("N.2"))).isPresent();
    }
}
