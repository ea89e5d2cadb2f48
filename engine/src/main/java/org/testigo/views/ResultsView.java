package org.testigo.views;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.state.ElectionState;
import org.testigo.totals.CandidateVotes;
import org.testigo.totals.Certainty;
import org.testigo.totals.NodeTotals;
import org.testigo.totals.TableCounts;

/**
 * The results of one node (the nation or any place in the geography) as the API publishes them.
 * Numbers that cannot be known are {@code null}, never a made-up zero.
 */
public record ResultsView(
        String election,
        String node,
        String name,
        String level,
        List<Place> path,
        Tables tables,
        List<CandidateVotes> candidates,
        long valid,
        @JsonProperty("null") long nullVotes,
        long blank,
        long cast,
        Long registered,
        Double coverage,
        Double turnout,
        LeadView lead,
        CertaintyView certainty,
        List<Child> children) {

    public record Place(String code, String name, String level) {
        /** The places from the top level down to {@code node} (the nation itself excluded). */
        public static List<Place> pathTo(Election election, int node) {
            Geography geo = election.geography();
            List<Place> path = new ArrayList<>();
            for (int i : geo.path(node)) {
                path.add(new Place(geo.code(i), geo.node(i).name(), election.levels().get(geo.node(i).level())));
            }
            return path;
        }
    }

    public record Tables(long expected, long received, long counted, long provisional, long confirmed,
                         long conflicted, long missing) {
        static Tables of(TableCounts t) {
            return new Tables(t.expected(), t.received(), t.counted(), t.provisional(), t.confirmed(), t.conflicted(),
                    t.missing());
        }
    }

    public record LeadView(String leader, String runnerUp, long votes, double points) {
    }

    public record CertaintyView(boolean certain, long lead, Long outstanding, String basis, Long outstandingOfficial,
                                Boolean certainByOfficialCount, String statement) {
        static CertaintyView of(Certainty c, String leaderName) {
            Long u = c.outstanding() == Certainty.UNKNOWN ? null : c.outstanding();
            Long uo = c.outstandingOfficial() == Certainty.UNKNOWN ? null : c.outstandingOfficial();
            return new CertaintyView(c.certain(), c.lead(), u, c.basis(), uo,
                    uo == null ? null : c.certainByOfficialCount(), statement(c, leaderName));
        }

        private static String statement(Certainty c, String leaderName) {
            if (c.lead() == 0) {
                return "No candidate leads yet.";
            }
            String lead = number(c.lead());
            if (c.outstanding() == Certainty.UNKNOWN) {
                return leaderName + " leads by " + lead + " votes; " + c.basis() + ".";
            }
            if (c.certain()) {
                return leaderName + " has won: the lead of " + lead + " votes exceeds the " + number(c.outstanding())
                        + " votes still possible (" + c.basis() + ").";
            }
            return leaderName + " leads by " + lead + " votes, but up to " + number(c.outstanding())
                    + " votes are still possible (" + c.basis() + "): not yet decided.";
        }

        private static String number(long n) {
            return String.format(java.util.Locale.ROOT, "%,d", n);
        }
    }

    /** A child node in summary, for drill-down tables. */
    public record Child(String code, String name, Tables tables, long valid, Double coverage, String leader,
                        Double leaderShare) {
    }

    public static ResultsView of(ElectionState state, int node) {
        Geography geo = state.election().geography();
        NodeTotals t = state.totals(node);
        List<Place> path = Place.pathTo(state.election(), node);
        List<Child> children = new ArrayList<>();
        for (int c : geo.children(node)) {
            NodeTotals ct = state.totals(c);
            CandidateVotes leader = ct.valid() == 0 ? null : ct.candidates().stream()
                    .filter(v -> v.id().equals(ct.lead().leader())).findFirst().orElse(null);
            children.add(new Child(ct.code(), ct.name(), Tables.of(ct.tables()), ct.valid(), ct.coverage(),
                    leader == null ? null : leader.id(), leader == null ? null : leader.share()));
        }
        String leaderName = t.candidates().stream().filter(v -> v.id().equals(t.lead().leader()))
                .map(CandidateVotes::name).findFirst().orElse("");
        return new ResultsView(state.election().id(), t.code(), t.name(), t.level(), path, Tables.of(t.tables()),
                t.candidates(), t.valid(), t.nullVotes(), t.blankVotes(), t.cast(),
                t.registered() < 0 ? null : t.registered(), t.coverage(), t.turnout() < 0 ? null : t.turnout(),
                new LeadView(t.lead().leader(), t.lead().runnerUp(), t.lead().votes(), t.lead().points()),
                CertaintyView.of(t.certainty(), leaderName), children);
    }
}
