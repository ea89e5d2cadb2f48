package org.testigo.views;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testigo.consolidation.Copy;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.consolidation.Version;
import org.testigo.election.Ballot;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.state.ElectionState;
import org.testigo.tally.Tally;

/** One table as the API publishes it: where it is, its status, the accepted tally and every version. */
public record TableView(
        String election,
        String table,
        List<ResultsView.Place> path,
        Integer registered,
        String status,
        String basis,
        String explanation,
        TallyView accepted,
        List<VersionView> versions,
        List<IncidentView> incidents) {

    /**
     * An incident reported at the table: its type and time only. The witness's free text may name people,
     * so it is never published (the command centre reads it); the evidence commits to it.
     */
    public record IncidentView(String type, String at, long evidence) {
    }

    public record CandidateCount(String id, String name, long votes) {
    }

    public record CardCount(String id, String name, String candidate, long votes) {
    }

    public record TallyView(String format, String actaId, List<CandidateCount> candidates, List<CardCount> cards,
                            long valid, @JsonProperty("null") long nullVotes, long blank, Map<String, Long> counters) {
        public static TallyView of(Tally t, Ballot ballot) {
            List<CandidateCount> candidates = new ArrayList<>();
            for (int i = 0; i < t.candidates().size(); i++) {
                var c = ballot.candidates().get(i);
                candidates.add(new CandidateCount(c.id(), c.name(), t.candidates().get(i)));
            }
            List<CardCount> cards = new ArrayList<>();
            for (int i = 0; i < t.cards().size(); i++) {
                var c = ballot.cards().get(i);
                cards.add(new CardCount(c.id(), c.name(), c.candidate(), t.cards().get(i)));
            }
            return new TallyView(t.format(), t.actaId(), candidates, cards, t.valid(), t.nullVotes(), t.blankVotes(),
                    t.counters());
        }
    }

    public record CopyView(long evidence, String channel, String submitter, String receivedAt, String signature) {
        static CopyView of(Copy c) {
            return new CopyView(c.evidenceId(), c.channel(), c.submitter(), c.receivedAt().toString(),
                    c.signature().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
    }

    public record VersionView(TallyView tally, long independentCopies, List<CopyView> copies) {
    }

    public static TableView of(ElectionState state, int tableIndex) {
        Election election = state.election();
        Geography geo = election.geography();
        PollingTable table = geo.table(tableIndex);
        List<ResultsView.Place> path = ResultsView.Place.pathTo(election, geo.tableNode(tableIndex));
        TableConsolidation c = state.consolidation(tableIndex);
        List<VersionView> versions = new ArrayList<>();
        for (Version v : c.versions()) {
            versions.add(new VersionView(TallyView.of(v.tally(), election.ballot()), v.independentCopies(),
                    v.copies().stream().map(CopyView::of).toList()));
        }
        return new TableView(election.id(), table.id().value(), path,
                table.registered() == PollingTable.UNKNOWN ? null : table.registered(), c.status().label(),
                c.basis().label(), c.explanation(),
                c.accepted() == null ? null : TallyView.of(c.accepted(), election.ballot()), versions,
                state.incidents(tableIndex).stream().map(i -> new IncidentView(i.type(), i.at().toString(), i.evidenceId())).toList());
    }
}
