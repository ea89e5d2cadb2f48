package org.testigo.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.testigo.assignments.Assignments;
import org.testigo.consolidation.TableStatus;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.state.ElectionState;
import org.testigo.views.ResultsView;

/**
 * The coverage board: for a place and each place at a level below it, how many tables there are, how
 * many have a witness assigned, an acta received (any status but missing), confirmed, in conflict,
 * and trouble reported (at least one incident).
 *
 * @param level the level of the rows (a name from the election's levels)
 * @param total the place itself
 * @param rows each place at {@code level} under it, in geography order
 */
public record CoverageView(String election, String node, String name, List<ResultsView.Place> path, String level, Counts total,
                           List<Row> rows) {

    /** Table counts of one place. {@code missing} = tables − received. */
    public record Counts(long tables, long withWitness, long received, long provisional, long confirmed, long conflicted, long missing,
                         long trouble) {
    }

    public record Row(String code, String name, Counts tables) {
    }

    /** Thrown for a level that is not below the place. */
    public static final class BadLevel extends RuntimeException {
        public BadLevel(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Tally {
        long tables, witness, received, provisional, confirmed, conflicted, trouble;

        void add(ElectionState state, Assignments assignments, int t) {
            tables++;
            if (assignments.witnesses(t) > 0) {
                witness++;
            }
            TableStatus s = state.consolidation(t).status();
            if (s != TableStatus.MISSING) {
                received++;
            }
            switch (s) {
                case PROVISIONAL -> provisional++;
                case CONFIRMED -> confirmed++;
                case CONFLICTED -> conflicted++;
                default -> { }
            }
            if (state.hasIncidents(t)) {
                trouble++;
            }
        }

        Counts counts() {
            return new Counts(tables, witness, received, provisional, confirmed, conflicted, tables - received, trouble);
        }
    }

    /**
     * @param nodeIndex the place
     * @param levelIndex the rows' level (0 is the top level under the nation); must be below the place's
     */
    public static CoverageView of(ElectionState state, Assignments assignments, int nodeIndex, int levelIndex) {
        Election election = state.election();
        Geography geo = election.geography();
        int nodeLevel = nodeIndex == 0 ? -1 : geo.node(nodeIndex).level();
        if (levelIndex <= nodeLevel || levelIndex >= geo.depth()) {
            throw new BadLevel("level must be below the place's (" + (nodeLevel < 0 ? "the nation" : election.levels().get(nodeLevel))
                    + ") and one of " + election.levels().subList(0, geo.depth()));
        }
        Map<Integer, Tally> rows = new LinkedHashMap<>();
        collectNodes(geo, nodeIndex, levelIndex, rows);
        Tally total = new Tally();
        forEachTable(geo, nodeIndex, t -> {
            total.add(state, assignments, t);
            int n = geo.tableNode(t);
            while (n > 0 && geo.node(n).level() > levelIndex) {
                n = geo.parent(n);
            }
            Tally row = rows.get(n);
            if (row != null) {
                row.add(state, assignments, t);
            }
        });
        List<Row> out = new ArrayList<>();
        rows.forEach((n, tally) -> out.add(new Row(geo.code(n), geo.node(n).name(), tally.counts())));
        return new CoverageView(election.id(), geo.code(nodeIndex), nodeIndex == 0 ? geo.node(0).name() : geo.node(nodeIndex).name(),
                ResultsView.Place.pathTo(election, nodeIndex), election.levels().get(levelIndex), total.counts(), out);
    }

    private static void collectNodes(Geography geo, int node, int level, Map<Integer, Tally> into) {
        for (int child : geo.children(node)) {
            if (geo.node(child).level() == level) {
                into.put(child, new Tally());
            } else {
                collectNodes(geo, child, level, into);
            }
        }
    }

    /** Every table under a place (the nation: every table). */
    public static void forEachTable(Geography geo, int nodeIndex, IntConsumer action) {
        for (int t = 0; t < geo.tableCount(); t++) {
            if (nodeIndex == 0 || under(geo, geo.tableNode(t), nodeIndex)) {
                action.accept(t);
            }
        }
    }

    private static boolean under(Geography geo, int n, int ancestor) {
        for (int i = n; i > 0; i = geo.parent(i)) {
            if (i == ancestor) {
                return true;
            }
        }
        return false;
    }
}
