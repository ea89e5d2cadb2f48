package org.testigo.deployment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.testigo.consolidation.ConsolidationRule;
import org.testigo.election.Election;
import org.testigo.intake.ImageIntake;
import org.testigo.intake.Intake;
import org.testigo.ledger.NoteKey;
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
import org.testigo.tally.TallyFormats;
import org.testigo.transparency.StateLog;
import org.testigo.transparency.TransparencyLog;

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
    private TransparencyLog transparency;
    /** The shapes of the loaded election's places, read with it (null: none). */
    private volatile org.testigo.election.Geometry geometry;
    private LogStore logStore;
    private StateLog stateLog;

    /** The election with its state and intake, present once an election is loaded. */
    public record Running(ElectionState state, Intake intake, ImageIntake images) {
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
        evidence.forEach(e -> election.geography().tableIndex(e.tally().table())
                .ifPresent(t -> state.preload(t, Intake.toCopy(e))));
        state.settle();
        Intake intake = new Intake(state, formats, evidence, clock);
        ImageIntake imageIntake = new ImageIntake(intake, evidence, images, new ImageLoader(), ActaScanner.standard(), clock);
        if (logStore != null) {
            if (stateLog != null) {
                stateLog.close();
            }
            stateLog = StateLog.attach(state, logStore, clock);
        }
        Running before = running.getAndSet(new Running(state, intake, imageIntake));
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
        evidence.forEachAfter(r.state().lastEvidenceId(), e -> r.election().geography().tableIndex(e.tally().table())
                .ifPresent(t -> r.state().add(t, Intake.toCopy(e))));
        return added;
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
