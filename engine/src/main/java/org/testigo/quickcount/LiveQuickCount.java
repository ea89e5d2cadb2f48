package org.testigo.quickcount;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.testigo.analysis.quickcount.QuickCount;
import org.testigo.analysis.quickcount.QuickCountReport;
import org.testigo.analysis.sample.Sample;
import org.testigo.analysis.sample.Strata;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.election.TableId;
import org.testigo.state.ElectionState;
import org.testigo.store.SampleStore.StoredSample;
import org.testigo.store.StoredEvidence;
import org.testigo.tally.Tally;
import org.testigo.views.QuickCountView;

/**
 * The deployment's quick count: the committed sample, the check-ins received for it, and the live
 * estimator ({@link QuickCount}) they feed. Check-ins arrive in evidence-id order at start-up and as
 * they become durable afterwards; for each table and kind (result, or turnout at one time) the latest
 * check-in counts. Thread-safe.
 */
public final class LiveQuickCount {
    /** Turnout check-ins carry their time of day in this counter, as minutes after midnight. */
    static final String AT_MINUTE = "at_minute";
    static final String VOTERS = "voters";

    private final Election election;
    private final Sample sample;
    private final StoredSample stored;
    private final List<LocalTime> turnoutTimes;
    private final Strata strata;
    private final Map<Integer, Boolean> sampled = new HashMap<>();
    private final QuickCount estimator;
    private final Map<Integer, Phoned> results = new HashMap<>();
    private final Map<Long, Long> latestTurnout = new HashMap<>();
    /** Moves with every check-in that changes the estimate: a validator for pages rendered from it. */
    private volatile long version;

    private record Phoned(long evidenceId, Tally tally) {
    }

    /**
     * @throws IllegalArgumentException when the stored sample is not a sample of {@code election}
     */
    public LiveQuickCount(Election election, StoredSample stored) {
        this.election = election;
        this.stored = stored;
        this.sample = Sample.parse(stored.document());
        if (!sample.electionId().equals(election.id())) {
            throw new IllegalArgumentException("the committed sample is of election " + sample.electionId() + ", not of " + election.id());
        }
        this.turnoutTimes = parseTimes(stored.turnoutTimes());
        this.strata = Strata.of(election, sample.strata());
        Geography geo = election.geography();
        int[] sampledByStratum = new int[strata.count()];
        for (TableId t : sample.tables()) {
            int index = geo.tableIndex(t).orElseThrow(() -> new IllegalArgumentException("the committed sample names table " + t
                    + ", which election " + election.id() + " does not have"));
            sampled.put(index, true);
            sampledByStratum[strata.of(index)]++;
        }
        this.estimator = new QuickCount(new QuickCount.Design(election.ballot().candidates(), strata.codes(), strata.names(),
                strata.populations(), sampledByStratum, turnoutTimes));
    }

    /** "10:00,14:00" → the times; refuses anything else naming what is expected. */
    public static List<LocalTime> parseTimes(String text) {
        List<LocalTime> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (!part.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
                throw new IllegalArgumentException("turnout times are HH:MM separated by commas, e.g. 10:00,14:00,18:00 (got \"" + part + "\")");
            }
            LocalTime t = LocalTime.parse(part);
            if (!out.isEmpty() && !t.isAfter(out.get(out.size() - 1))) {
                throw new IllegalArgumentException("turnout times must be in increasing order (got " + text + ")");
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    public static String formatTimes(List<LocalTime> times) {
        return String.join(",", times.stream().map(LocalTime::toString).toList());
    }

    public Sample sample() {
        return sample;
    }

    public StoredSample stored() {
        return stored;
    }

    public List<LocalTime> turnoutTimes() {
        return turnoutTimes;
    }

    public boolean isSampled(int tableIndex) {
        return sampled.containsKey(tableIndex);
    }

    /** Takes a stored check-in (start-up replay or live); older check-ins than the one held are ignored. */
    public synchronized void accept(StoredEvidence e) {
        Optional<Integer> index = election.geography().tableIndex(e.tally().table());
        if (index.isEmpty() || !isSampled(index.get())) {
            return; // intake refuses these; a changed election package may leave some behind
        }
        int t = index.get();
        int stratum = strata.of(t);
        long registered = election.geography().table(t).registered();
        Tally tally = e.tally();
        Long minute = tally.counters().get(AT_MINUTE);
        if (minute != null) {
            int slot = turnoutTimes.indexOf(LocalTime.of((int) (minute / 60), (int) (minute % 60)));
            long key = ((long) slot << 32) | t;
            Long before = latestTurnout.get(key);
            if (slot < 0 || (before != null && before > e.id())) {
                return;
            }
            latestTurnout.put(key, e.id());
            estimator.putTurnout(t, stratum, slot, tally.counters().getOrDefault(VOTERS, 0L), registered);
            version++;
            return;
        }
        Phoned before = results.get(t);
        if (before != null && before.evidenceId() > e.id()) {
            return;
        }
        results.put(t, new Phoned(e.id(), tally));
        estimator.putResult(t, stratum, tally.candidates().toArray(), tally.nullVotes(), tally.blankVotes(), registered);
        version++;
    }

    /** How many check-ins have changed the estimate so far; pages rendered from {@link #view} are current while it stays. */
    public long version() {
        return version;
    }

    /** The estimate alone (what the benchmark times). */
    public QuickCountReport estimate() {
        return estimator.estimate();
    }

    /** The estimate with the sample's public facts and each phoned-in result set beside the table's accepted acta. */
    public synchronized QuickCountView view(ElectionState state) {
        List<QuickCountView.Comparison> comparisons = new ArrayList<>();
        int awaiting = 0;
        for (Map.Entry<Integer, Phoned> e : new TreeMap<>(results).entrySet()) {
            TableConsolidation c = state.consolidation(e.getKey());
            if (c.accepted() == null) {
                awaiting++;
                continue;
            }
            Tally phoned = e.getValue().tally();
            Tally acta = c.accepted();
            boolean agrees = phoned.candidates().equals(acta.candidates()) && phoned.nullVotes() == acta.nullVotes()
                    && phoned.blankVotes() == acta.blankVotes();
            comparisons.add(new QuickCountView.Comparison(acta.table().value(), agrees, e.getValue().evidenceId(),
                    votes(phoned), phoned.nullVotes(), votes(acta), acta.nullVotes()));
        }
        return QuickCountView.of(election, sample, stored, turnoutTimes, estimator.estimate(), comparisons, awaiting);
    }

    private Map<String, Long> votes(Tally t) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < election.ballot().candidates().size() && i < t.candidates().size(); i++) {
            out.put(election.ballot().candidates().get(i).id(), (long) t.candidates().get(i));
        }
        return out;
    }
}
