package org.testigo.deployment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.testigo.consolidation.ConsolidationRule;
import org.testigo.election.Election;
import org.testigo.election.TableId;
import org.testigo.intake.ImageIntake;
import org.testigo.intake.Intake;
import org.testigo.ledger.NoteKey;
import org.testigo.roll.NationalId;
import org.testigo.roll.RollIndex;
import org.testigo.scan.ActaScanner;
import org.testigo.scan.ImageLoader;
import org.testigo.state.ElectionState;
import org.testigo.store.Database;
import org.testigo.store.ElectionStore;
import org.testigo.store.EvidenceDraft;
import org.testigo.store.EvidenceStore;
import org.testigo.store.ImageStore;
import org.testigo.store.LogStore;
import org.testigo.store.TokenStore;
import org.testigo.store.WitnessStore;
import org.testigo.store.Channel;
import org.testigo.store.SampleStore;
import org.testigo.store.StoredEvidence;
import org.testigo.analysis.sample.Sample;
import org.testigo.quickcount.CheckInIntake;
import org.testigo.quickcount.LiveQuickCount;
import org.testigo.tally.TallyFormats;
import org.testigo.transparency.StateLog;
import org.testigo.transparency.TransparencyLog;
import org.testigo.assignments.Assignments;
import org.testigo.desk.Desk;
import org.testigo.incidents.IncidentIntake;
import org.testigo.store.AssignmentStore;
import org.testigo.store.DeskStore;
import org.testigo.store.IncidentNoteStore;
import org.testigo.store.SettingStore;

/**
 * One running Testigo: the database, the loaded election, its consolidated state and the intake.
 * The server and every CLI command open one of these, so they all run the same code.
 */
public final class Deployment implements AutoCloseable {
    private final Database database;
    private final ElectionStore elections;
    private final EvidenceStore evidence;
    private final TokenStore tokens;
    private final ImageStore images;
    private final TallyFormats formats;
    private final ConsolidationRule rule;
    private final Clock clock;
    private final AtomicReference<Running> running = new AtomicReference<>();
    private final AtomicReference<RollIndex> roll = new AtomicReference<>();
    private TransparencyLog transparency;
    /** The shapes of the loaded election's places, read with it (null: none). */
    private volatile org.testigo.election.Geometry geometry;
    private LogStore logStore;
    private StateLog stateLog;
    private final SampleStore samples;
    private final AssignmentStore assignmentStore;
    private final SettingStore settings;
    private final DeskStore deskStore;
    private final IncidentNoteStore incidentNotes;
    /** The quick count, once a sample is committed for the loaded election (see {@link #quickCount()}). */
    private final AtomicReference<LiveQuickCount> quickCount = new AtomicReference<>();

    /** The election with its state and intake, present once an election is loaded. */
    public record Running(ElectionState state, Intake intake, ImageIntake images, Assignments assignments, Desk desk,
                          IncidentIntake incidents) {
        public Election election() {
            return state.election();
        }
    }

    private Deployment(Database database, TallyFormats formats, ConsolidationRule rule, Clock clock) {
        this.database = database;
        this.elections = new ElectionStore(database);
        this.evidence = new EvidenceStore(database);
        this.tokens = new TokenStore(database);
        this.images = new ImageStore(database);
        this.samples = new SampleStore(database);
        this.assignmentStore = new AssignmentStore(database);
        this.settings = new SettingStore(database);
        this.deskStore = new DeskStore(database);
        this.incidentNotes = new IncidentNoteStore(database);
        this.formats = formats;
        this.rule = rule;
        this.clock = clock;
    }

    /**
     * Opens the deployment on a database and rebuilds the state of the election it holds, if any. Evidence
     * still enters the transparency log (the store writes it), but no checkpoint is signed: for tools and
     * tests that publish nothing.
     */
    public static Deployment open(Database database, Clock clock) {
        Deployment d = new Deployment(database, TallyFormats.installed(), ConsolidationRule.standard(), clock);
        d.elections.load().ifPresent(d::start);
        return d;
    }

    /** Opens the deployment and its transparency log, whose checkpoints {@code logKey} signs. */
    public static Deployment open(Database database, Clock clock, NoteKey logKey) {
        Deployment d = open(database, clock);
        try {
            LogStore logStore = new LogStore(database);
            d.logStore = logStore;
            d.running().ifPresent(r -> d.stateLog = StateLog.attach(r.state(), logStore, clock));
            d.transparency = TransparencyLog.open(logStore, new WitnessStore(database), logKey);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /** The log of table status changes, when the deployment was opened with its signing key and holds an election. */
    public Optional<StateLog> stateLog() {
        return Optional.ofNullable(stateLog);
    }

    /** The transparency log, when the deployment was opened with its signing key. */
    public Optional<TransparencyLog> transparency() {
        return Optional.ofNullable(transparency);
    }

    private void start(Election election) {
        geometry = elections.loadGeometry(election).orElse(null);
        ElectionState state = new ElectionState(election, rule);
        LiveQuickCount quick = samples.load().map(s -> new LiveQuickCount(election, s)).orElse(null);
        evidence.forEach(e -> {
            if (isCheckIn(e)) {
                if (quick != null) {
                    quick.accept(e);
                }
                return; // a check-in is evidence for the quick count, never an acta
            }
            if (IncidentIntake.isIncident(e)) {
                addIncident(state, e); // evidence of trouble at the table, never an acta
                return;
            }
            election.geography().tableIndex(e.tally().table()).ifPresent(t -> state.preload(t, Intake.toCopy(e)));
        });
        state.settle();
        quickCount.set(quick);
        Intake intake = new Intake(state, formats, evidence, clock);
        ImageIntake imageIntake = new ImageIntake(intake, evidence, images, new ImageLoader(), ActaScanner.standard(), clock);
        if (logStore != null) {
            if (stateLog != null) {
                stateLog.close();
            }
            stateLog = StateLog.attach(state, logStore, clock);
        }
        Assignments assignments = new Assignments(election, assignmentStore, settings, clock);
        imageIntake.restrict(assignments::allows);
        Desk desk = new Desk(deskStore, images, intake, clock, Desk.DEFAULT_LEASE);
        IncidentIntake incidents = new IncidentIntake(state, evidence, incidentNotes, clock);
        Running before = running.getAndSet(new Running(state, intake, imageIntake, assignments, desk, incidents));
        desk.recover();
        if (before != null) {
            before.images().close();
        }
    }

    /**
     * Loads an election into this deployment (a database holds one election). Loading the same
     * election again changes nothing; a changed package of the same election is reloaded with its
     * evidence.
     */
    public Running load(Election election) {
        ElectionStore.Saved saved = elections.save(election);
        if (running.get() == null || saved != ElectionStore.Saved.UNCHANGED) {
            start(elections.load().orElseThrow());
        }
        return running.get();
    }

    /**
     * Appends evidence in bulk (an import) in one transaction, then brings the state up to date with
     * everything written since; returns how many drafts were new.
     */
    public long importEvidence(List<EvidenceDraft> drafts) {
        Running r = requireRunning();
        long added = evidence.appendBulk(drafts).added();
        evidence.forEachAfter(r.state().lastEvidenceId(), e -> {
            if (IncidentIntake.isIncident(e)) {
                addIncident(r.state(), e);
            } else if (!isCheckIn(e)) {
                r.election().geography().tableIndex(e.tally().table()).ifPresent(t -> r.state().add(t, Intake.toCopy(e)));
            }
        });
        return added;
    }

    private static void addIncident(ElectionState state, StoredEvidence e) {
        state.election().geography().tableIndex(e.tally().table())
                .ifPresent(t -> IncidentIntake.toIncident(e).ifPresent(i -> state.addIncident(t, i)));
    }

    /** Whether a piece of evidence is a tally of a table (not a check-in, not an incident report). */
    public static boolean countsAsActa(StoredEvidence e) {
        return !isCheckIn(e) && !IncidentIntake.isIncident(e);
    }

    /** Evidence phoned in for the quick count: kept and logged, never consolidated as an acta. */
    public static boolean isCheckIn(StoredEvidence e) {
        return e.channel().equals(Channel.CHECKIN);
    }

    /**
     * The quick count of the loaded election, once a sample is committed. A sample committed by another
     * process (the CLI, while the server runs) is picked up here: its check-ins are read from the store.
     */
    public Optional<LiveQuickCount> quickCount() {
        LiveQuickCount q = quickCount.get();
        Running r = running.get();
        if (q != null || r == null) {
            return Optional.ofNullable(q);
        }
        synchronized (quickCount) {
            if (quickCount.get() == null) {
                samples.load().ifPresent(s -> {
                    LiveQuickCount fresh = new LiveQuickCount(r.election(), s);
                    evidence.forEach(e -> {
                        if (isCheckIn(e)) {
                            fresh.accept(e);
                        }
                    });
                    quickCount.set(fresh);
                });
            }
            return Optional.ofNullable(quickCount.get());
        }
    }

    /**
     * The quick count if it is already loaded, without asking the store: cheap enough for every request
     * (a page cache's validator). {@link #quickCount()} loads it.
     */
    public Optional<LiveQuickCount> loadedQuickCount() {
        return Optional.ofNullable(quickCount.get());
    }

    /**
     * The times of day turnout is reported at: the committed sample's, or before one is drawn
     * {@link org.testigo.analysis.quickcount.QuickCount#DEFAULT_TURNOUT_TIMES} (what an assigned witness may
     * report at then, see {@link CheckInIntake}).
     */
    public List<java.time.LocalTime> turnoutTimes() {
        return quickCount().map(LiveQuickCount::turnoutTimes).orElse(org.testigo.analysis.quickcount.QuickCount.DEFAULT_TURNOUT_TIMES);
    }

    /** Check-ins for the quick count of the loaded election. */
    public CheckInIntake checkIns() {
        return new CheckInIntake(requireRunning().election(), evidence, this::quickCount, clock);
    }

    /**
     * Commits the quick-count sample of the loaded election, with the times of day turnout is phoned in.
     * Committing the same sample again changes nothing.
     *
     * @throws IllegalArgumentException when the sample is not of the loaded election
     * @throws IllegalStateException when another sample is committed already
     */
    public SampleStore.Committed commitSample(Sample sample, java.util.List<java.time.LocalTime> turnoutTimes) {
        Running r = requireRunning();
        if (!sample.electionId().equals(r.election().id())) {
            throw new IllegalArgumentException("the sample is of election " + sample.electionId() + ", not of the loaded " + r.election().id());
        }
        SampleStore.Committed c = samples.commit(sample.document(), LiveQuickCount.formatTimes(turnoutTimes));
        quickCount();
        return c;
    }

    /** Marks the committed sample as revealed (its seed and list become public in the quick-count view). */
    public java.time.Instant revealSample() {
        java.time.Instant at = samples.reveal(clock.instant());
        synchronized (quickCount) {
            quickCount.set(null); // reloaded with its reveal time on next use
        }
        quickCount();
        return at;
    }

    public SampleStore samples() {
        return samples;
    }

    /**
     * Makes {@code index} the voter roll that {@link #lookup} answers from, replacing any before it.
     * The roll lives in memory and in the data directory ({@link #ROLL_INDEX}), never in the database.
     *
     * @throws IllegalArgumentException when no election is loaded, or the roll is another election's or
     *     names a table the election does not have
     */
    public void attachRoll(RollIndex index) {
        Election election = requireRunning().election();
        if (!index.electionId().equals(election.id())) {
            throw new IllegalArgumentException("the voter roll is election " + index.electionId() + "'s, but "
                    + database.describe() + " holds " + election.id());
        }
        for (TableId t : index.tables()) {
            if (election.geography().tableIndex(t).isEmpty()) {
                throw new IllegalArgumentException("the voter roll names table " + t + ", which election "
                        + election.id() + " does not have; compile the roll again from the package");
            }
        }
        roll.set(index);
    }

    /** Where a deployment keeps its compiled voter roll, relative to its data directory. */
    public static final String ROLL_INDEX = "roll/roll.index";

    /** The voter roll, when the election has one. */
    public Optional<RollIndex> roll() {
        return Optional.ofNullable(roll.get());
    }

    /**
     * The table of the voter with this id; empty when the roll does not list them or there is no roll
     * ({@link #roll()} tells the two apart). Nothing about the lookup is kept or logged.
     */
    public Optional<TableId> lookup(NationalId id) {
        RollIndex r = roll.get();
        return r == null ? Optional.empty() : r.lookup(id);
    }

    /** The shapes of the loaded election's places (for the site's map), when it has them. */
    public Optional<org.testigo.election.Geometry> geometry() {
        return Optional.ofNullable(geometry);
    }

    /**
     * Keeps the shapes of the loaded election's places with it in the store (the package's
     * {@code geometry.geojson}), for this process and the next.
     */
    public void saveGeometry(org.testigo.election.Geometry shapes) {
        Running r = requireRunning();
        elections.saveGeometry(r.election(), shapes);
        geometry = shapes;
    }

    public Optional<Running> running() {
        return Optional.ofNullable(running.get());
    }

    public Running requireRunning() {
        Running r = running.get();
        if (r == null) {
            throw new IllegalStateException("no election is loaded in " + database.describe()
                    + ": load one with `testigo election load`, `election import-resultados` or `election synth --load`");
        }
        return r;
    }

    public Database database() {
        return database;
    }

    public EvidenceStore evidence() {
        return evidence;
    }

    public ImageStore images() {
        return images;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public TallyFormats formats() {
        return formats;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        if (stateLog != null) {
            stateLog.close();
        }
        if (transparency != null) {
            transparency.close();
        }
        Running r = running.get();
        if (r != null) {
            r.images().close(); // jobs not finished stay queued in the database
        }
        evidence.close();
        database.close();
    }
}
