package org.testigo.analysis.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.testigo.election.Election;
import org.testigo.election.PollingTable;
import org.testigo.tally.Tally;

/**
 * The accepted tallies of an election as columns of primitives, so that a million tables fit in a few
 * arrays: for the i-th tally, {@code table(i)} is its index in the geography, and its votes per
 * candidate, null and blank votes and registered voters (from the geography; -1 when unknown) follow.
 * Cross-checks (a printed acta against its QR, a phoned-in result against the acta) come beside them.
 */
public final class AuditInput {
    private final Election election;
    private final int candidates;
    private final int size;
    private final int[] table;
    private final int[] registered;
    private final int[] votes;
    private final int[] nulls;
    private final int[] blanks;
    private final List<CrossCheck> crossChecks;

    private AuditInput(Builder b) {
        this.election = b.election;
        this.candidates = b.candidates;
        this.size = b.size;
        this.table = Arrays.copyOf(b.table, b.size);
        this.registered = Arrays.copyOf(b.registered, b.size);
        this.votes = Arrays.copyOf(b.votes, b.size * b.candidates);
        this.nulls = Arrays.copyOf(b.nulls, b.size);
        this.blanks = Arrays.copyOf(b.blanks, b.size);
        this.crossChecks = List.copyOf(b.crossChecks);
    }

    public static Builder builder(Election election) {
        return new Builder(election);
    }

    public Election election() {
        return election;
    }

    /** Number of accepted tallies. */
    public int size() {
        return size;
    }

    public int candidateCount() {
        return candidates;
    }

    /** Geography index of the i-th tally's table. */
    public int table(int i) {
        return table[i];
    }

    /** Registered voters of the i-th tally's table, or -1 when unknown. */
    public int registered(int i) {
        return registered[i];
    }

    public int votes(int i, int candidate) {
        return votes[i * candidates + candidate];
    }

    public int nulls(int i) {
        return nulls[i];
    }

    public int blanks(int i) {
        return blanks[i];
    }

    public long valid(int i) {
        long sum = 0;
        int base = i * candidates;
        for (int c = 0; c < candidates; c++) {
            sum += votes[base + c];
        }
        return sum;
    }

    public long cast(int i) {
        return valid(i) + nulls[i] + blanks[i];
    }

    public List<CrossCheck> crossChecks() {
        return crossChecks;
    }

    /** Gathers tallies one by one; a table given twice is a bug of the caller. */
    public static final class Builder {
        private final Election election;
        private final int candidates;
        private final boolean[] seen;
        private int size;
        private int[] table = new int[1024];
        private int[] registered = new int[1024];
        private int[] votes;
        private int[] nulls = new int[1024];
        private int[] blanks = new int[1024];
        private final List<CrossCheck> crossChecks = new ArrayList<>();

        private Builder(Election election) {
            this.election = election;
            this.candidates = election.ballot().candidates().size();
            this.votes = new int[1024 * candidates];
            this.seen = new boolean[election.geography().tableCount()];
        }

        /** Adds the accepted tally of the table at {@code tableIndex} of the geography. */
        public Builder add(int tableIndex, Tally tally) {
            if (tally.candidates().size() != candidates) {
                throw new IllegalArgumentException("tally for " + tally.table() + " has " + tally.candidates().size()
                        + " candidates, the ballot " + candidates);
            }
            return add(tableIndex, tally.candidates().toArray(), tally.nullVotes(), tally.blankVotes());
        }

        /** Adds one table's votes per candidate (ballot order), null and blank votes. */
        public Builder add(int tableIndex, int[] candidateVotes, int nullVotes, int blankVotes) {
            if (candidateVotes.length != candidates) {
                throw new IllegalArgumentException("expected " + candidates + " candidate counts, got " + candidateVotes.length);
            }
            if (seen[tableIndex]) {
                throw new IllegalStateException("table " + election.geography().table(tableIndex).id() + " added twice");
            }
            seen[tableIndex] = true;
            if (size == table.length) {
                int grown = size * 2;
                table = Arrays.copyOf(table, grown);
                registered = Arrays.copyOf(registered, grown);
                votes = Arrays.copyOf(votes, grown * candidates);
                nulls = Arrays.copyOf(nulls, grown);
                blanks = Arrays.copyOf(blanks, grown);
            }
            PollingTable t = election.geography().table(tableIndex);
            table[size] = tableIndex;
            registered[size] = t.registered();
            System.arraycopy(candidateVotes, 0, votes, size * candidates, candidates);
            nulls[size] = nullVotes;
            blanks[size] = blankVotes;
            size++;
            return this;
        }

        /** Adds a comparison of two sources for one table (see {@link CrossCheck}). */
        public Builder crossCheck(CrossCheck check) {
            crossChecks.add(check);
            return this;
        }

        public AuditInput build() {
            return new AuditInput(this);
        }
    }
}
