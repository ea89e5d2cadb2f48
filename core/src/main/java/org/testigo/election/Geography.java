package org.testigo.election;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The geography tree and the tables that hang from it. The nation is the implicit root (code "",
 * index 0); every other node has a dense index so that totals can be kept in arrays.
 */
public final class Geography {
    private final List<GeoNode> nodes;              // index 0 is the nation
    private final Map<String, Integer> nodeIndex;
    private final int[] parentIndex;
    private final List<List<Integer>> children;
    private final List<PollingTable> tables;
    private final Map<TableId, Integer> tableIndex;
    private final int[] tableNode;
    private final int depth;

    /**
     * @param nationName name shown for the root
     * @param nodes every node, parents before or after children (any order)
     * @param tables every table; each names an existing node
     * @throws IllegalArgumentException naming the first inconsistency
     */
    public Geography(String nationName, List<GeoNode> nodes, List<PollingTable> tables) {
        List<GeoNode> all = new ArrayList<>(nodes.size() + 1);
        all.add(new GeoNode("nation", GeoNode.NATION, 0, nationName)); // placeholder code, see code(0)
        all.addAll(nodes);
        this.nodes = Collections.unmodifiableList(all);
        this.nodeIndex = new HashMap<>(all.size() * 2);
        nodeIndex.put(GeoNode.NATION, 0);
        for (int i = 1; i < all.size(); i++) {
            if (nodeIndex.put(all.get(i).code(), i) != null) {
                throw new IllegalArgumentException("node code " + all.get(i).code() + " appears twice");
            }
        }
        this.parentIndex = new int[all.size()];
        parentIndex[0] = -1;
        List<List<Integer>> kids = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            kids.add(new ArrayList<>());
        }
        int maxLevel = -1;
        for (int i = 1; i < all.size(); i++) {
            GeoNode n = all.get(i);
            Integer p = nodeIndex.get(n.parent());
            if (p == null) {
                throw new IllegalArgumentException("node " + n.code() + " names unknown parent " + n.parent());
            }
            int expectedLevel = p == 0 ? 0 : all.get(p).level() + 1;
            if (n.level() != expectedLevel) {
                throw new IllegalArgumentException("node " + n.code() + " is at level " + n.level()
                        + " but its parent " + (p == 0 ? "(the nation)" : n.parent()) + " puts it at level " + expectedLevel);
            }
            parentIndex[i] = p;
            kids.get(p).add(i);
            maxLevel = Math.max(maxLevel, n.level());
        }
        this.children = kids.stream().map(List::copyOf).toList();
        this.depth = maxLevel + 1;
        this.tables = List.copyOf(tables);
        this.tableIndex = new HashMap<>(tables.size() * 2);
        this.tableNode = new int[tables.size()];
        for (int t = 0; t < this.tables.size(); t++) {
            PollingTable table = this.tables.get(t);
            if (tableIndex.put(table.id(), t) != null) {
                throw new IllegalArgumentException("table " + table.id() + " appears twice");
            }
            Integer n = nodeIndex.get(table.node());
            if (n == null || n == 0) {
                throw new IllegalArgumentException("table " + table.id() + " names unknown node " + table.node());
            }
            tableNode[t] = n;
        }
    }

    public int nodeCount() {
        return nodes.size();
    }

    public GeoNode node(int index) {
        return nodes.get(index);
    }

    /** The node's code; the nation's is "". */
    public String code(int index) {
        return index == 0 ? GeoNode.NATION : nodes.get(index).code();
    }

    public Optional<Integer> nodeIndex(String code) {
        return Optional.ofNullable(nodeIndex.get(code));
    }

    public int parent(int index) {
        return parentIndex[index];
    }

    public List<Integer> children(int index) {
        return children.get(index);
    }

    /** Node indices from the top level down to {@code index} (the nation excluded). */
    public List<Integer> path(int index) {
        List<Integer> path = new ArrayList<>();
        for (int i = index; i > 0; i = parentIndex[i]) {
            path.add(i);
        }
        Collections.reverse(path);
        return path;
    }

    /** Number of levels below the nation. */
    public int depth() {
        return depth;
    }

    /** The nodes other than the nation, in the order they were given. */
    public List<GeoNode> nodes() {
        return nodes.subList(1, nodes.size());
    }

    public List<PollingTable> tables() {
        return tables;
    }

    public int tableCount() {
        return tables.size();
    }

    public PollingTable table(int index) {
        return tables.get(index);
    }

    public Optional<Integer> tableIndex(TableId id) {
        return Optional.ofNullable(tableIndex.get(id));
    }

    public Optional<PollingTable> table(TableId id) {
        Integer i = tableIndex.get(id);
        return i == null ? Optional.empty() : Optional.of(tables.get(i));
    }

    /** Index of the node a table hangs from. */
    public int tableNode(int tableIndex) {
        return tableNode[tableIndex];
    }

    /**
     * Two geographies are equal when they have the same nation name, the same nodes and the same
     * tables, in the same order (order matters: it fixes the dense indices).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Geography other && nodes.equals(other.nodes) && tables.equals(other.tables);
    }

    @Override
    public int hashCode() {
        return 31 * nodes.hashCode() + tables.hashCode();
    }

    @Override
    public String toString() {
        return "Geography[" + nodes.get(0).name() + ", " + (nodes.size() - 1) + " nodes, " + tables.size() + " tables]";
    }
}
