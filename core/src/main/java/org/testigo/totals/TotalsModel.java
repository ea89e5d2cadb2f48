package org.testigo.totals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.consolidation.TableStatus;
import org.testigo.election.Ballot;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;
import org.testigo.election.PollingTable;
import org.testigo.tally.Tally;

/**
 * Running totals for every node of the geography, kept in arrays and updated by deltas as tables'
 * consolidations change, so that reads are cheap at a million tables. Thread-safe.
 */
public final class TotalsModel {
    private final Election election;
    private final Geography geo;
    private final int candidateCount;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    // Static, from the package.
    private final long[] listed;
    private final long[] registeredListed;
    private final long[] unknownRegisteredListed;
    // Changing, from consolidation.
    private final long[] received;
    private final long[] provisional;
    private final long[] confirmed;
    private final long[] conflicted;
    private final long[] registeredCounted;
    private final long[] unknownRegisteredCounted;
    private final long[][] votes;
    private final long[] nulls;
    private final long[] blanks;
    private long version;

    public TotalsModel(Election election) {
        this.election = election;
        this.geo = election.geography();
        this.candidateCount = election.ballot().candidates().size();
        int n = geo.nodeCount();
        listed = new long[n];
        registeredListed = new long[n];
        unknownRegisteredListed = new long[n];
        received = new long[n];
        provisional = new long[n];
        confirmed = new long[n];
        conflicted = new long[n];
        registeredCounted = new long[n];
        unknownRegisteredCounted = new long[n];
        votes = new long[n][candidateCount];
        nulls = new long[n];
        blanks = new long[n];
        for (int t = 0; t < geo.tableCount(); t++) {
            PollingTable table = geo.table(t);
            for (int node = geo.tableNode(t); node >= 0; node = geo.parent(node)) {
                listed[node]++;
                if (table.registered() == PollingTable.UNKNOWN) {
                    unknownRegisteredListed[node]++;
                } else {
                    registeredListed[node] += table.registered();
                }
            }
        }
    }

    /** Applies the change of one table's consolidation from {@code before} to {@code after}. */
    public void update(int tableIndex, TableConsolidation before, TableConsolidation after) {
        lock.writeLock().lock();
        try {
            apply(tableIndex, before, -1);
            apply(tableIndex, after, +1);
            version++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Increases with every update; a cheap validator for caches. */
    public long version() {
        lock.readLock().lock();
        try {
            return version;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void apply(int tableIndex, TableConsolidation c, int sign) {
        if (c == null || c.status() == TableStatus.MISSING) {
            return;
        }
        int registered = geo.table(tableIndex).registered();
        Tally tally = c.accepted();
        if (tally != null && tally.candidates().size() != candidateCount) {
            throw new IllegalStateException("tally for " + c.table() + " has " + tally.candidates().size()
                    + " candidates, the ballot " + candidateCount);
        }
        for (int node = geo.tableNode(tableIndex); node >= 0; node = geo.parent(node)) {
            received[node] += sign;
            switch (c.status()) {
                case PROVISIONAL -> provisional[node] += sign;
                case CONFIRMED -> confirmed[node] += sign;
                case CONFLICTED -> conflicted[node] += sign;
                case MISSING -> throw new IllegalStateException("unreachable");
            }
            if (tally != null) {
                long[] v = votes[node];
                for (int i = 0; i < candidateCount; i++) {
                    v[i] += sign * (long) tally.candidates().get(i);
                }
                nulls[node] += sign * (long) tally.nullVotes();
                blanks[node] += sign * (long) tally.blankVotes();
                if (registered == PollingTable.UNKNOWN) {
                    unknownRegisteredCounted[node] += sign;
                } else {
                    registeredCounted[node] += sign * (long) registered;
                }
            }
        }
    }

    /** Totals of one node; index 0 is the nation. */
    public NodeTotals totals(int node) {
        lock.readLock().lock();
        try {
            return snapshot(node);
        } finally {
            lock.readLock().unlock();
        }
    }

    private NodeTotals snapshot(int node) {
        Ballot ballot = election.ballot();
        long expected = node == 0 ? election.expectedTables() : listed[node];
        long counted = provisional[node] + confirmed[node];
        TableCounts tables = new TableCounts(expected, received[node], counted, provisional[node], confirmed[node],
                conflicted[node]);
        long valid = 0;
        for (long v : votes[node]) {
            valid += v;
        }
        List<CandidateVotes> candidates = new ArrayList<>(candidateCount);
        for (int i = 0; i < candidateCount; i++) {
            long v = votes[node][i];
            candidates.add(new CandidateVotes(ballot.candidates().get(i).id(), ballot.candidates().get(i).name(), v,
                    valid == 0 ? 0 : (double) v / valid));
        }
        long cast = valid + nulls[node] + blanks[node];
        long registered = node == 0 && election.expectedElectorate() >= 0 ? election.expectedElectorate()
                : unknownRegisteredListed[node] == 0 && expected == listed[node] ? registeredListed[node] : -1;
        long regCounted = unknownRegisteredCounted[node] == 0 ? registeredCounted[node] : -1;
        double turnout = regCounted > 0 ? (double) cast / regCounted : -1;
        Lead lead = lead(candidates, valid);
        Certainty certainty = certainty(node, lead.votes(), registered, regCounted, cast);
        String level = node == 0 ? "" : election.levels().get(geo.node(node).level());
        return new NodeTotals(geo.code(node), geo.node(node).name(), level, tables, candidates, valid, nulls[node],
                blanks[node], registered, regCounted, expected == 0 ? 0 : (double) counted / expected, turnout, lead,
                certainty);
    }

    private static Lead lead(List<CandidateVotes> candidates, long valid) {
        List<CandidateVotes> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingLong(CandidateVotes::votes).reversed()); // stable: ballot order breaks ties
        CandidateVotes first = ranked.get(0);
        CandidateVotes second = ranked.size() > 1 ? ranked.get(1) : null;
        long margin = first.votes() - (second == null ? 0 : second.votes());
        return new Lead(first.id(), second == null ? "" : second.id(), margin, valid == 0 ? 0 : 100.0 * margin / valid);
    }

    /**
     * Bounds the votes still possible in tables not counted yet. Where every counted table's registered
     * voters are known, it is the registered voters not yet counted; otherwise, for the nation, the
     * electorate minus the votes already cast (every voter of a counted table is either in those votes or
     * did not vote).
     */
    private Certainty certainty(int node, long lead, long registered, long regCounted, long cast) {
        long outstanding = Certainty.UNKNOWN;
        String basis;
        if (registered >= 0 && regCounted >= 0) {
            outstanding = Math.max(0, registered - regCounted);
            basis = "registered voters of the tables not counted yet";
        } else if (registered >= 0) {
            outstanding = Math.max(0, registered - cast);
            basis = "registered voters minus votes already counted";
        } else {
            basis = "registered voters unknown: the votes still possible cannot be bounded";
        }
        long official = node == 0 ? officialOutstanding(cast) : Certainty.UNKNOWN;
        boolean certain = outstanding != Certainty.UNKNOWN && lead > outstanding;
        return new Certainty(certain, lead, outstanding, basis, official);
    }

    private long officialOutstanding(long cast) {
        List<OfficialBulletin> bulletins = election.official();
        for (int i = bulletins.size() - 1; i >= 0; i--) {
            var figure = bulletins.get(i).figure(OfficialFigure.CAST);
            if (figure.isPresent()) {
                BigDecimal officialCast = figure.get().value();
                return Math.max(0, officialCast.longValue() - cast);
            }
        }
        return Certainty.UNKNOWN;
    }

    public Election election() {
        return election;
    }
}
