package org.testigo.election;

import java.util.OptionalInt;

/** One polling table: where it sits in the geography and, when known, how many voters it has. */
public record PollingTable(TableId id, String node, int registered) {
    /** Marker for "registered voters not known". */
    public static final int UNKNOWN = -1;

    public PollingTable {
        if (id == null || node == null || node.isEmpty()) {
            throw new IllegalArgumentException("a table needs an id and a node");
        }
        if (registered < UNKNOWN) {
            throw new IllegalArgumentException("table " + id + " has negative registered voters");
        }
    }

    public OptionalInt registeredVoters() {
        return registered == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(registered);
    }
}
