package org.testigo.quickcount;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.testigo.analysis.quickcount.QuickCount;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Counts;
import org.testigo.election.Election;
import org.testigo.election.PollingTable;
import org.testigo.store.Appended;
import org.testigo.store.Channel;
import org.testigo.store.EvidenceDraft;
import org.testigo.store.EvidenceStore;
import org.testigo.tally.Tally;
import org.testigo.tally.Verification;

/**
 * The way in for check-ins: refuse what cannot be part of the quick count, append the check-in as
 * evidence (channel {@code checkin}, format {@value CheckIn#FORMAT}; it enters the transparency log
 * like any evidence), then feed the live quick count. Never consolidated as an acta.
 *
 * <p>Refused, naming the field: a table not in the election ({@code UNKNOWN_TABLE}) or not in the
 * sample ({@code NOT_SAMPLED}: a check-in only means something for a sampled table, and one from
 * elsewhere is more likely a mistyped table id than news); a time that is not one of the turnout times
 * ({@code UNKNOWN_TIME}); a candidate the ballot does not have, or one left out
 * ({@code UNKNOWN_CANDIDATE}, {@code CANDIDATE_MISSING}); blank votes where the ballot has none
 * ({@code NO_BLANK_OPTION}); more voters or votes than the table's registered voters
 * ({@code OVER_REGISTERED}). Without a committed sample every check-in is refused ({@code NO_SAMPLE}).
 *
 * <p>One exception, for the witness app: the witness assigned to a table may report its turnout and result
 * whether or not the table is sampled, and before any sample is drawn ({@link #record(CheckIn, String, boolean)}).
 * An assignment says the table id is right, so the reason for refusing is gone; such a check-in is kept as
 * evidence like any other but feeds the estimate only if its table is in the sample. Without a sample the
 * turnout times are {@link QuickCount#DEFAULT_TURNOUT_TIMES}.
 */
public final class CheckInIntake {
    static final String VERIFICATION = "phoned in by a witness for the quick count: a check-in, not an acta";
    static final String VERIFICATION_OUTSIDE_SAMPLE = "reported by the table's assigned witness, outside the quick-count sample:"
            + " a check-in, not an acta, and not part of the estimate";

    private final Election election;
    private final EvidenceStore store;
    private final Supplier<Optional<LiveQuickCount>> quickCount;
    private final Clock clock;

    public CheckInIntake(Election election, EvidenceStore store, Supplier<Optional<LiveQuickCount>> quickCount, Clock clock) {
        this.election = election;
        this.store = store;
        this.quickCount = quickCount;
        this.clock = clock;
    }

    /** A check-in for the quick count: refused unless a sample is drawn and the table is in it. */
    public CompletableFuture<CheckInOutcome> record(CheckIn checkIn, String submitter) {
        return record(checkIn, submitter, false);
    }

    /**
     * @param assignedWitness whether {@code submitter} is a witness assigned to the check-in's table: then a
     *     table outside the sample (or a deployment without one) is accepted, stored as evidence only
     */
    public CompletableFuture<CheckInOutcome> record(CheckIn checkIn, String submitter, boolean assignedWitness) {
        Optional<LiveQuickCount> live = quickCount.get();
        if (live.isEmpty() && !assignedWitness) {
            return refused("NO_SAMPLE", null, "no quick-count sample has been drawn on this deployment (testigo sample draw)");
        }
        Optional<Integer> index = election.geography().tableIndex(checkIn.table());
        if (index.isEmpty()) {
            return refused("UNKNOWN_TABLE", "table", "table " + checkIn.table() + " is not a table of election " + election.id());
        }
        boolean sampled = live.isPresent() && live.get().isSampled(index.get());
        if (!sampled && !assignedWitness) {
            return refused("NOT_SAMPLED", "table", "table " + checkIn.table() + " is not in the quick-count sample: check the table id");
        }
        List<java.time.LocalTime> times = live.map(LiveQuickCount::turnoutTimes).orElse(QuickCount.DEFAULT_TURNOUT_TIMES);
        PollingTable table = election.geography().table(index.get());
        Tally tally;
        switch (checkIn) {
            case CheckIn.Turnout t -> {
                if (!times.contains(t.at())) {
                    return refused("UNKNOWN_TIME", "at", "turnout is phoned in at " + LiveQuickCount.formatTimes(times)
                            + ", not at " + t.at());
                }
                if (table.registered() >= 0 && t.voters() > table.registered()) {
                    return refused("OVER_REGISTERED", "voters", t.voters() + " voters at a table of " + table.registered() + " registered");
                }
                Map<String, Long> counters = new HashMap<>();
                counters.put(LiveQuickCount.AT_MINUTE, (long) t.at().getHour() * 60 + t.at().getMinute());
                counters.put(LiveQuickCount.VOTERS, t.voters());
                tally = new Tally(CheckIn.FORMAT, t.table(), null, Counts.empty(), Counts.empty(), 0, 0, counters);
            }
            case CheckIn.Result r -> {
                Ballot ballot = election.ballot();
                for (String id : r.votes().keySet()) {
                    if (ballot.candidateIndex(id) < 0) {
                        return refused("UNKNOWN_CANDIDATE", "votes." + id, "the ballot has no candidate \"" + id + "\"; its candidates are "
                                + ballot.candidates().stream().map(Candidate::id).toList());
                    }
                }
                long[] votes = new long[ballot.candidates().size()];
                for (int i = 0; i < votes.length; i++) {
                    String id = ballot.candidates().get(i).id();
                    Long v = r.votes().get(id);
                    if (v == null) {
                        return refused("CANDIDATE_MISSING", "votes." + id, "votes." + id + " is required: give every candidate's votes, 0 included");
                    }
                    if (v < 0 || v > Integer.MAX_VALUE) {
                        return refused("COUNT_OUT_OF_RANGE", "votes." + id, "votes." + id + " must be between 0 and " + Integer.MAX_VALUE);
                    }
                    votes[i] = v;
                }
                if (r.nullVotes() < 0 || r.nullVotes() > Integer.MAX_VALUE) {
                    return refused("COUNT_OUT_OF_RANGE", "null", "null must be between 0 and " + Integer.MAX_VALUE);
                }
                if (r.blankVotes() < 0 || r.blankVotes() > Integer.MAX_VALUE) {
                    return refused("COUNT_OUT_OF_RANGE", "blank", "blank must be between 0 and " + Integer.MAX_VALUE);
                }
                if (r.blankVotes() > 0 && !ballot.blank()) {
                    return refused("NO_BLANK_OPTION", "blank", "this ballot has no blank option; blank must be 0 or left out");
                }
                Counts counts = Counts.of(votes);
                long cast = counts.sum() + r.nullVotes() + r.blankVotes();
                if (table.registered() >= 0 && cast > table.registered()) {
                    return refused("OVER_REGISTERED", "votes", cast + " votes at a table of " + table.registered() + " registered");
                }
                tally = new Tally(CheckIn.FORMAT, r.table(), null, counts, Counts.empty(), (int) r.nullVotes(), (int) r.blankVotes(), Map.of());
            }
        }
        EvidenceDraft draft = new EvidenceDraft(Channel.CHECKIN, submitter, CheckIn.FORMAT, CheckIn.MEDIA_TYPE,
                checkIn.content(election.ballot()), tally,
                Verification.notVerifiable(sampled ? VERIFICATION : VERIFICATION_OUTSIDE_SAMPLE, List.of()), clock.instant());
        LiveQuickCount quick = sampled ? live.get() : null;
        return store.append(draft).thenApply(appended -> accept(quick, checkIn, appended));
    }

    /** @param quick the live quick count the check-in feeds, or null when its table is outside the sample */
    private static CheckInOutcome accept(LiveQuickCount quick, CheckIn checkIn, Appended appended) {
        var e = appended.evidence();
        if (quick != null) {
            quick.accept(e); // a duplicate is the same evidence again: the estimator keeps what it has
        }
        return new CheckInOutcome.Accepted(new CheckInReceipt(e.id(), e.sha256Hex(), e.tally().table(), checkIn.kind(), e.receivedAt(),
                appended.duplicate(), appended.logPosition(), appended.logEntry()));
    }

    private static CompletableFuture<CheckInOutcome> refused(String code, String field, String message) {
        return CompletableFuture.completedFuture(new CheckInOutcome.Refused(new CheckInRefusal(code, field, message)));
    }
}
