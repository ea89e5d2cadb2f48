package org.testigo.analysis.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.testigo.election.Election;
import org.testigo.election.Geography;

/**
 * An election's tables divided into strata: the places of one level of the geography (every table
 * belongs to the place of that level above it), or the whole nation as one stratum. Strata are
 * numbered in ascending order of their codes.
 *
 * @param level the level's name (one of the election's levels), or {@value #NATION}
 * @param codes each stratum's place code ("" for the nation)
 * @param names each stratum's place name
 * @param stratumOfTable for each table (by its index in the geography), its stratum
 */
public record Strata(String level, List<String> codes, List<String> names, int[] stratumOfTable) {
    /** The name of the one-stratum design: a simple random sample of all tables. */
    public static final String NATION = "nation";

    /**
     * @param level a level name of the election, or {@value #NATION}; {@code null} for the top level
     * @throws IllegalArgumentException naming the levels there are, when {@code level} is not one of them
     */
    public static Strata of(Election election, String level) {
        Geography geo = election.geography();
        String chosen = level == null ? (election.levels().isEmpty() ? NATION : election.levels().get(0)) : level;
        int depth = chosen.equals(NATION) ? -1 : election.levels().indexOf(chosen);
        if (depth < 0 && !chosen.equals(NATION)) {
            throw new IllegalArgumentException("strata must be one of the election's levels " + election.levels() + " or \""
                    + NATION + "\" (got \"" + level + "\")");
        }
        int[] nodeOfTable = new int[geo.tableCount()];
        Map<String, Integer> nodeByCode = new TreeMap<>();
        for (int t = 0; t < geo.tableCount(); t++) {
            int node = 0;
            if (depth >= 0) {
                List<Integer> path = geo.path(geo.tableNode(t));
                if (path.size() <= depth) {
                    throw new IllegalArgumentException("table " + geo.table(t).id() + " hangs above level " + chosen
                            + ": choose a higher level for the strata");
                }
                node = path.get(depth);
            }
            nodeOfTable[t] = node;
            nodeByCode.put(geo.code(node), node);
        }
        List<String> codes = new ArrayList<>(nodeByCode.keySet());
        List<String> names = new ArrayList<>();
        Map<Integer, Integer> stratumOfNode = new TreeMap<>();
        for (String code : codes) {
            int node = nodeByCode.get(code);
            stratumOfNode.put(node, names.size());
            names.add(geo.node(node).name());
        }
        int[] stratumOfTable = new int[nodeOfTable.length];
        for (int t = 0; t < nodeOfTable.length; t++) {
            stratumOfTable[t] = stratumOfNode.get(nodeOfTable[t]);
        }
        return new Strata(chosen, codes, names, stratumOfTable);
    }

    public Strata {
        codes = List.copyOf(codes);
        names = List.copyOf(names);
        stratumOfTable = stratumOfTable.clone();
    }

    public int count() {
        return codes.size();
    }

    public int of(int tableIndex) {
        return stratumOfTable[tableIndex];
    }

    /** Tables in each stratum (N_h). */
    public long[] populations() {
        long[] n = new long[codes.size()];
        for (int s : stratumOfTable) {
            n[s]++;
        }
        return n;
    }
}
