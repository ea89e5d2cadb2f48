package org.testigo.desk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testigo.consolidation.Copy;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.consolidation.TableStatus;
import org.testigo.election.Election;
import org.testigo.election.TableId;
import org.testigo.intake.Intake;
import org.testigo.intake.Outcome;
import org.testigo.state.ElectionState;
import org.testigo.store.Channel;
import org.testigo.store.DeskStore;
import org.testigo.store.DeskStore.Decision;
import org.testigo.store.DeskStore.Entry;
import org.testigo.store.DeskStore.Task;
import org.testigo.store.ImageStore;
import org.testigo.store.ImageSubmission;
import org.testigo.tally.Decoding;
import org.testigo.tally.transcription.TranscriptionFormat;

/**
 * The transcription desk: volunteers read the acta photos nobody's software could read, and settle
 * conflicted tables from their photos, by double entry.
 *
 * <p>The rules (docs/api.md, "Transcription desk"):
 * <ul>
 *   <li>A task needs {@value #FIRST_NEEDED} entries from different volunteers. When two non-voided entries
 *       are the same reading (every box alike) the task is decided: a reading becomes evidence through the
 *       normal intake ({@code transcription} for a photo, attributed to the witness who sent it;
 *       {@code desk-review} for a conflict, which consolidation then accepts); two "unreadable" close it as
 *       {@code unreadable}.</li>
 *   <li>When every entry so far differs, one more person is asked ({@code needed} + 1), up to
 *       {@value #MAX_ENTRIES} entries; then the task is {@code stuck} and waits for a coordinator.</li>
 *   <li>A volunteer never sees another's entry (the task carries only the photos and the form), is never
 *       leased the same task twice, and a lease not entered within the lease time returns the slot to the queue.</li>
 *   <li>A volunteer is <em>flagged</em> when at least {@value #FLAG_MIN_DECIDED} of their entries are on decided
 *       tasks and more than {@value #FLAG_RATE_PERCENT}% of those differ from the reading agreed.</li>
 * </ul>
 *
 * <p>The queue is the database's ({@link DeskStore#next}, {@code FOR UPDATE SKIP LOCKED}): one indexed query
 * and an insert per request, no state to rebuild at start, correct with several server processes, and fast
 * enough (a few milliseconds) for the target of 50 ms at p99.
 */
public final class Desk {
    private static final Logger LOG = LoggerFactory.getLogger(Desk.class);
    public static final int FIRST_NEEDED = 2;
    public static final int MAX_ENTRIES = 5;
    public static final int FLAG_MIN_DECIDED = 5;
    public static final int FLAG_RATE_PERCENT = 30;
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /** The submitter of desk-review evidence: the desk itself. */
    public static final String REVIEWER = "desk";
    public static final Channel TRANSCRIPTION = new Channel("transcription");
    public static final Channel DESK_REVIEW = new Channel(Copy.DESK_REVIEW);
    private static final TranscriptionFormat FORMAT = new TranscriptionFormat();

    private final DeskStore store;
    private final ImageStore images;
    private final Intake intake;
    private final Clock clock;
    private final Duration lease;
    /** Conflicts are looked for at most this often: every submission moves the state, and a look scans every table. */
    static final long CONFLICT_LOOK_NANOS = 2_000_000_000L;
    private final java.util.concurrent.atomic.AtomicBoolean lookingForConflicts = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long conflictsSeenAt = Long.MIN_VALUE;
    private volatile long conflictsLookedAt;
    private volatile boolean lookedOnce;
    /** Per conflicted table, the evidence up to which a task was already asked for: no query for it again. */
    private final Map<String, Long> queuedThrough = new java.util.concurrent.ConcurrentHashMap<>();

    public Desk(DeskStore store, ImageStore images, Intake intake, Clock clock, Duration lease) {
        this.store = store;
        this.images = images;
        this.intake = intake;
        this.clock = clock;
        this.lease = lease;
    }

    /** A task leased to a volunteer, with what the form needs. */
    public record Leased(Task task, Instant leasedAt, Instant expiresAt, boolean resumed, List<Long> images, Optional<ImageSubmission> image) {
    }

    /** The answer to an entry. */
    public record Entered(Task task, String outcome, DeskStore.EntryRefusal refusal) {
    }

    /** A volunteer's record and whether they are flagged. */
    public record Volunteer(DeskStore.VolunteerRecord record, boolean flagged, double disagreementRate) {
    }

    private ElectionState state() {
        return intake.state();
    }

    /** The next task for a volunteer, or empty when there is none for them now. */
    public Optional<Leased> next(String volunteer) {
        Instant now = clock.instant();
        sync(now);
        return store.next(volunteer, now, lease).map(l -> {
            Task t = l.task();
            List<Long> photos = t.kind().equals("image") ? List.of(t.imageId()) : store.tableImages(t.table());
            Optional<ImageSubmission> image = t.imageId() == null ? Optional.empty() : images.byId(t.imageId());
            return new Leased(t, l.leasedAt(), l.expiresAt(), l.resumed(), photos, image);
        });
    }

    /**
     * Brings the queue up to date: a task for each photo that needs a person, a task for each conflicted
     * table that has photos (when the state changed since the last look), conflicts that went away
     * superseded, and agreed readings a stopped process did not record yet, recorded.
     */
    public void sync(Instant now) {
        store.addImageTasks(now);
        long version = state().version();
        boolean due = !lookedOnce || System.nanoTime() - conflictsLookedAt > CONFLICT_LOOK_NANOS;
        // One volunteer's request looks; the others go on with the queue as it is.
        if (version != conflictsSeenAt && due && lookingForConflicts.compareAndSet(false, true)) {
            try {
                syncConflicts(now);
                conflictsSeenAt = version;
                conflictsLookedAt = System.nanoTime();
                lookedOnce = true;
            } finally {
                lookingForConflicts.set(false);
            }
        }
    }

    private void syncConflicts(Instant now) {
        ElectionState state = state();
        Election election = state.election();
        List<String> conflicted = new ArrayList<>();
        for (int t = 0; t < election.geography().tableCount(); t++) {
            TableConsolidation c = state.consolidation(t);
            if (c.status() != TableStatus.CONFLICTED) {
                continue;
            }
            String table = c.table().value();
            conflicted.add(table);
            long through = c.versions().stream().flatMap(v -> v.copies().stream()).mapToLong(Copy::evidenceId).max().orElse(0);
            if (queuedThrough.getOrDefault(table, -1L) >= through) {
                continue;
            }
            if (!store.tableImages(table).isEmpty()) {
                store.addConflictTask(table, through, now);
                queuedThrough.put(table, through);
            }
        }
        store.supersedeConflicts(conflicted, now);
    }

    /** Records agreed readings whose evidence a stopped process did not write (appending is idempotent). */
    public void recover() {
        for (Task t : store.agreedWithoutEvidence()) {
            record(t, store.entries(t.id()));
        }
    }

    /**
     * A volunteer's entry for a task they were leased.
     *
     * @throws Reading.Invalid naming the field of a malformed entry
     */
    public Entered enter(long taskId, String volunteer, JsonNode body) {
        Task task = store.task(taskId).orElse(null);
        if (task == null) {
            return new Entered(null, null, DeskStore.EntryRefusal.UNKNOWN_TASK);
        }
        TableId fixed = task.table() == null ? null : new TableId(task.table());
        Reading reading = Reading.parse(body, state().election(), fixed);
        DeskStore.Entered e = store.enter(taskId, volunteer, reading.canonical(), clock.instant(), Desk::decide);
        if (e.refusal() != null) {
            return new Entered(e.task(), null, e.refusal());
        }
        String outcome = switch (e.decision()) {
            case Decision.Open open -> open.needed() > FIRST_NEEDED ? "another-opinion" : "waiting";
            case Decision.Closed closed -> closed.status();
        };
        Task after = e.task();
        if (after.status().equals("agreed")) {
            after = record(after, store.entries(taskId));
        }
        return new Entered(after, outcome, null);
    }

    /** The rules of double entry, over a task's entries (voided ones do not count). */
    static Decision decide(Task task, List<Entry> entries) {
        Map<String, List<String>> byReading = new LinkedHashMap<>();
        long live = 0;
        for (Entry e : entries) {
            if (e.voided()) {
                continue;
            }
            live++;
            byReading.computeIfAbsent(e.reading(), k -> new ArrayList<>()).add(e.volunteer());
        }
        for (Map.Entry<String, List<String>> r : byReading.entrySet()) {
            if (r.getValue().size() >= 2) {
                boolean unreadable = Reading.ofCanonical(r.getKey()).unreadable();
                return new Decision.Closed(unreadable ? "unreadable" : "agreed", r.getKey());
            }
        }
        if (live < task.needed()) {
            return new Decision.Open(task.needed());
        }
        if (live >= MAX_ENTRIES) {
            return new Decision.Closed("stuck", null);
        }
        return new Decision.Open((int) live + 1);
    }

    /** Turns an agreed task into evidence through the intake, and ties the two. */
    private Task record(Task task, List<Entry> entries) {
        Reading r = Reading.ofCanonical(task.reading());
        List<String> volunteers = entries.stream().filter(e -> !e.voided() && e.reading().equals(task.reading()))
                .map(Entry::volunteer).toList();
        List<TranscriptionFormat.Image> photos = new ArrayList<>();
        List<Long> ids = task.kind().equals("image") ? List.of(task.imageId()) : store.tableImages(task.table());
        String submitter = REVIEWER;
        Instant receivedAt = clock.instant();
        for (Long id : ids) {
            Optional<ImageSubmission> s = images.byId(id);
            s.ifPresent(x -> photos.add(new TranscriptionFormat.Image(x.id(), x.imageSha256())));
            if (task.kind().equals("image") && s.isPresent()) {
                submitter = s.get().submitter(); // the witness's acta, read by people: independent of nobody else
            }
        }
        boolean review = task.kind().equals("conflict");
        TranscriptionFormat.Reading reading = new TranscriptionFormat.Reading(review ? "review" : "transcription", task.id(), photos,
                r.table(), r.cards(), r.candidates(), r.nullVotes(), r.blankVotes(), volunteers);
        Decoding.Decoded decoded = new Decoding.Decoded(TranscriptionFormat.tally(reading), TranscriptionFormat.verification(reading));
        Outcome outcome;
        try {
            outcome = intake.record(review ? DESK_REVIEW : TRANSCRIPTION, submitter, FORMAT, TranscriptionFormat.MEDIA_TYPE,
                    TranscriptionFormat.content(reading), decoded, receivedAt).join();
        } catch (CompletionException e) {
            LOG.warn("could not record desk task {}: {}", task.id(), e.getCause().toString());
            return task;
        }
        if (outcome instanceof Outcome.Accepted a) {
            store.recorded(task.id(), a.receipt().evidenceId());
        } else if (outcome instanceof Outcome.Refused f) {
            LOG.warn("desk task {} agreed on a reading the intake refuses: {}", task.id(), f.refusal().message());
        }
        return store.task(task.id()).orElse(task);
    }

    public void release(long taskId, String volunteer) {
        store.release(taskId, volunteer, clock.instant());
    }

    /** Every volunteer's record, flagged ones marked. */
    public List<Volunteer> volunteers() {
        List<Volunteer> out = new ArrayList<>();
        for (DeskStore.VolunteerRecord r : store.volunteers(clock.instant())) {
            double rate = r.decided() == 0 ? 0 : (double) r.disagreed() / r.decided();
            out.add(new Volunteer(r, flagged(r.decided(), r.disagreed()), rate));
        }
        return out;
    }

    /** The flagging rule: at least {@value #FLAG_MIN_DECIDED} decided entries, more than {@value #FLAG_RATE_PERCENT}% of them off. */
    public static boolean flagged(long decided, long disagreed) {
        return decided >= FLAG_MIN_DECIDED && disagreed * 100 > decided * FLAG_RATE_PERCENT;
    }

    public DeskStore.Requeued requeue(String volunteer) {
        return store.requeue(volunteer, clock.instant());
    }

    public DeskStore store() {
        return store;
    }

    public Duration lease() {
        return lease;
    }

    /** How many tasks are in each status. */
    public Map<String, Long> counts() {
        return new HashMap<>(store.counts());
    }
}
