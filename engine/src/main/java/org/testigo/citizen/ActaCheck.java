package org.testigo.citizen;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.testigo.citizen.ActaCheckResult.Difference;
import org.testigo.citizen.ActaCheckResult.Issue;
import org.testigo.citizen.ActaCheckResult.Outcome;
import org.testigo.citizen.ActaCheckResult.Source;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import org.testigo.intake.Intake;
import org.testigo.intake.Receipt;
import org.testigo.intake.Submission;
import org.testigo.scan.ActaReading;
import org.testigo.scan.ActaScanner;
import org.testigo.scan.Derivatives;
import org.testigo.scan.ImageHeader;
import org.testigo.scan.ImageLoader;
import org.testigo.scan.ImageRefusal;
import org.testigo.scan.LoadedImage;
import org.testigo.store.Channel;
import org.testigo.store.ImageOutcome;
import org.testigo.store.ImageStatus;
import org.testigo.store.ImageStore;
import org.testigo.store.ImageSubmission;
import org.testigo.store.StoredEvidence;
import org.testigo.tally.Decoding;
import org.testigo.tally.Problem;
import org.testigo.tally.Tally;
import org.testigo.tally.TallyFormat;
import org.testigo.tally.Verdict;
import org.testigo.views.TableView;

/**
 * "Verify my acta": a citizen, without an account, sends the QR text of their table's acta or a photo of
 * it; Testigo reads it with the election's format and compares it with what it publishes for that table.
 *
 * <p>Rules:
 * <ul>
 *   <li>A match records nothing: it adds no information.</li>
 *   <li>A mismatch, and an acta of a table with nothing published yet, is recorded as evidence on channel
 *       {@code citizen} through {@link Intake} (stored, deduplicated, in the transparency log). Its content
 *       is always the QR text, so a pasted text and a photo of the same acta are the same evidence, and a
 *       retry is recognised. The photo, when there is one, is kept sealed as an image submission attached
 *       to that evidence ({@link ImageStore#receiveDecided}), so reviewers see its derivatives; it is
 *       never published.</li>
 *   <li>Citizen evidence is a report for review: consolidation ignores it
 *       ({@link org.testigo.consolidation.Copy#forReview()}), so an anonymous upload can neither confirm a
 *       table nor put it in conflict. {@link #reports} lists them for the command centre.</li>
 *   <li>Nothing identifies the sender: every citizen acta is recorded under the one pseudonym
 *       {@value #SUBMITTER}. Without an account nothing honest tells two citizens apart, and a
 *       per-request pseudonym would make every retry a new piece of evidence.</li>
 *   <li>Photos are read on the request, on a bounded pool (one thread per core, a short queue): when it
 *       is full the check is refused at once with {@link Busy} and a time to retry, so a crowd of photos
 *       costs a 503, not the server's memory. Text is checked on the caller's thread (microseconds).</li>
 * </ul>
 */
public final class ActaCheck implements AutoCloseable {
    /** The pseudonym of every citizen acta. */
    public static final String SUBMITTER = "citizen";

    private final Deployment deployment;
    private final ImageLoader loader;
    private final ActaScanner scanner;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    /** Recent time to read one photo, milliseconds (an exponential average; starts at a typical phone photo's). */
    private final AtomicLong averageMillis = new AtomicLong(1_500);

    /** A pool of one thread per core and a queue as long. */
    public ActaCheck(Deployment deployment) {
        this(deployment, new ImageLoader(), ActaScanner.standard(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads photos read at once
     * @param queue photos waiting beyond those; more are refused with {@link Busy}
     */
    public ActaCheck(Deployment deployment, ImageLoader loader, ActaScanner scanner, int threads, int queue) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("an acta check needs at least one thread and a queue of 0 or more");
        }
        this.deployment = deployment;
        this.loader = loader;
        this.scanner = scanner;
        this.clock = deployment.clock();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                r -> Thread.ofPlatform().name("testigo-verify-" + n.incrementAndGet()).daemon(true).unstarted(r),
                new ThreadPoolExecutor.AbortPolicy());
        // Idle threads go away: a server that nobody asks to verify holds none.
        pool.allowCoreThreadTimeOut(true);
    }

    /** The check was refused because the photo pool is full; nothing was read or stored. */
    public static final class Busy extends RuntimeException {
        private final int retryAfterSeconds;

        Busy(int retryAfterSeconds) {
            super("too many photos are being checked at this moment; try again in " + retryAfterSeconds + " s", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * Checks the QR text(s) of one acta (several for formats printed over several codes); blank lines
     * are ignored. Blocks until a recorded acta is durable.
     *
     * @throws IllegalStateException when no election is loaded
     */
    public ActaCheckResult checkText(List<String> texts) {
        Deployment.Running running = deployment.requireRunning();
        List<String> payloads = new ArrayList<>();
        for (String t : texts) {
            if (t != null && !t.isBlank()) {
                payloads.add(t.strip());
            }
        }
        Optional<Issue> shape = shape(payloads);
        if (shape.isPresent()) {
            return invalid(running, Source.QR, payloads, List.of(shape.get()), null);
        }
        TallyFormat format = format(running);
        Decoding decoding = format.decode(payloads, running.election().tallyContext());
        if (decoding instanceof Decoding.Refused refused) {
            List<Issue> issues = refused.problems().stream().map(ActaCheck::issue).toList();
            return invalid(running, Source.QR, payloads, issues, format);
        }
        return evaluate(running, Source.QR, format, payloads, (Decoding.Decoded) decoding, null);
    }

    /**
     * Checks a photo or scan of an acta. Its header is read first, on the caller's thread (an empty file,
     * a non-image or a decompression bomb is refused before anything is decoded); the decoding runs on the
     * bounded pool and this call waits for it.
     *
     * @throws ImageRefusal when the header says no: nothing was read or stored
     * @throws Busy when the pool and its queue are full
     * @throws IllegalStateException when no election is loaded
     */
    public ActaCheckResult checkImage(byte[] image) throws ImageRefusal {
        ImageHeader header = loader.inspect(image);
        Deployment.Running running = deployment.requireRunning();
        Future<ActaCheckResult> result;
        try {
            result = pool.submit(() -> read(running, image, header));
        } catch (RejectedExecutionException e) {
            throw new Busy(retryAfterSeconds());
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while an acta photo was read", e);
        }
    }

    /** Seconds until the queue ahead of a new photo has likely drained: at least 1, at most 120. */
    int retryAfterSeconds() {
        long waiting = pool.getQueue().size() + pool.getActiveCount();
        long millis = averageMillis.get() * Math.max(1, (waiting + pool.getMaximumPoolSize() - 1) / pool.getMaximumPoolSize());
        return (int) Math.max(1, Math.min(120, (millis + 999) / 1000));
    }

    private ActaCheckResult read(Deployment.Running running, byte[] image, ImageHeader header) {
        long start = System.nanoTime();
        try {
            TallyFormat format = format(running);
            LoadedImage loaded;
            try {
                loaded = loader.load(image);
            } catch (ImageRefusal refusal) {
                // The header passed but the pixels did not (truncated, corrupt): another photo may do.
                return unreadable(running, List.of(), new Issue(refusal.reason().name(), "image", refusal.getMessage()));
            }
            ActaReading reading = scanner.read(loaded, format, running.election().tallyContext(), start);
            return switch (reading) {
                case ActaReading.Refused r -> unreadable(running, List.of(),
                        new Issue(r.refusal().reason().name(), "image", r.refusal().getMessage()));
                case ActaReading.Unreadable u -> unreadable(running, u.payloads(),
                        new Issue(u.payloads().isEmpty() ? "NO_QR_CODE" : "NOT_A_TALLY", "image", u.problem()));
                case ActaReading.Read r -> evaluate(running, Source.IMAGE, r.format(), r.payloads(), r.decoded(),
                        evidenceId -> keepPhoto(image, header, loaded, r, evidenceId, start));
            };
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            averageMillis.updateAndGet(avg -> (avg * 7 + millis) / 8);
        }
    }

    /** Stores the sealed photo with its derivatives, attached to the evidence it became; returns its id. */
    private long keepPhoto(byte[] image, ImageHeader header, LoadedImage loaded, ActaReading.Read r, long evidenceId, long start) {
        Derivatives.Derived derived = Derivatives.of(loaded);
        ImageOutcome outcome = new ImageOutcome(ImageStatus.DECODED, null, null, r.payloads(), r.strategy(),
                (System.nanoTime() - start) / 1_000_000, evidenceId, derived.web(), derived.thumbnail());
        ImageStore.Received received = deployment.images().receiveDecided(SUBMITTER, header.mediaType(), image, null,
                clock.instant(), outcome);
        return received.submission().id();
    }

    /** What recording does beyond the evidence: keep the photo, returning its image submission id. */
    @FunctionalInterface
    private interface PhotoKeeper {
        long keep(long evidenceId);
    }

    private ActaCheckResult evaluate(Deployment.Running running, Source source, TallyFormat format, List<String> payloads,
            Decoding.Decoded decoded, PhotoKeeper photo) {
        Election election = running.election();
        Tally acta = decoded.tally();
        if (decoded.verification().signature() == Verdict.INVALID) {
            return invalid(running, source, payloads, List.of(new Issue("SIGNATURE_INVALID", "payload",
                    "the acta's signature does not verify: " + decoded.verification().reason())), format);
        }
        Optional<Integer> index = election.geography().tableIndex(acta.table());
        if (index.isEmpty()) {
            return invalid(running, source, payloads, List.of(new Issue("UNKNOWN_TABLE", "payload",
                    "table " + acta.table() + " is not a table of election " + election.id())), format);
        }
        TableConsolidation c = running.state().consolidation(index.get());
        TableView.TallyView actaView = TableView.TallyView.of(acta, election.ballot());
        String table = acta.table().value();
        if (c.accepted() == null) {
            Recorded rec = record(running, format, payloads, photo);
            return new ActaCheckResult(Outcome.NOT_YET_PUBLISHED, "Table " + table + " has no published result yet ("
                    + c.status().label() + "); your acta has been recorded as evidence number " + rec.evidenceId()
                    + " for review.", source, election.id(), table, acta.actaId(), rec.tableStatus(), null, actaView, List.of(),
                    List.of(), payloads, rec.evidenceId(), rec.duplicate(), rec.imageId());
        }
        TableView.TallyView publishedView = TableView.TallyView.of(c.accepted(), election.ballot());
        List<Difference> differences = ActaComparison.differences(c.accepted(), acta, election.ballot());
        if (differences.isEmpty()) {
            return new ActaCheckResult(Outcome.MATCH, "Your acta matches the published result of table " + table + ".", source,
                    election.id(), table, acta.actaId(), c.status().label(), publishedView, actaView, List.of(), List.of(), payloads,
                    null, false, null);
        }
        Recorded rec = record(running, format, payloads, photo);
        return new ActaCheckResult(Outcome.MISMATCH, "Your acta differs from the published result of table " + table + " in "
                + differences.size() + (differences.size() == 1 ? " field" : " fields") + "; it has been recorded as evidence number "
                + rec.evidenceId() + " for review.", source, election.id(), table, acta.actaId(), rec.tableStatus(), publishedView,
                actaView, differences, List.of(), payloads, rec.evidenceId(), rec.duplicate(), rec.imageId());
    }

    private record Recorded(long evidenceId, boolean duplicate, String tableStatus, Long imageId) {
    }

    /** Records the QR text on channel citizen (durably, deduplicated, logged), then keeps the photo if any. */
    private Recorded record(Deployment.Running running, TallyFormat format, List<String> payloads, PhotoKeeper photo) {
        org.testigo.intake.Outcome outcome;
        try {
            outcome = running.intake().submit(new Submission(format.id(), payloads, Channel.CITIZEN, SUBMITTER)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        Receipt receipt = switch (outcome) {
            case org.testigo.intake.Outcome.Accepted a -> a.receipt();
            // Decoded, signed and of a known table, as checked above: a refusal now is a bug.
            case org.testigo.intake.Outcome.Refused r -> throw new IllegalStateException("a checked citizen acta was refused: "
                    + r.refusal().message());
        };
        Long imageId = photo == null ? null : photo.keep(receipt.evidenceId());
        return new Recorded(receipt.evidenceId(), receipt.duplicate(), receipt.tableStatus().label(), imageId);
    }

    private ActaCheckResult invalid(Deployment.Running running, Source source, List<String> payloads, List<Issue> issues,
            TallyFormat format) {
        Issue first = issues.get(0);
        String what = format == null ? "acta QR text" : format.id() + " acta";
        return new ActaCheckResult(Outcome.INVALID, "This is not a valid " + what + ": " + first.field() + ": " + first.message(),
                source, running.election().id(), null, null, null, null, null, List.of(), issues, payloads, null, false, null);
    }

    private ActaCheckResult unreadable(Deployment.Running running, List<String> payloads, Issue issue) {
        return new ActaCheckResult(Outcome.UNREADABLE, "No valid acta could be read from the photo (" + issue.message()
                + "). Take another one: the whole QR code in the frame, flat, in good light and in focus — or paste the QR text.",
                Source.IMAGE, running.election().id(), null, null, null, null, null, List.of(), List.of(issue), payloads, null, false,
                null);
    }

    private static Optional<Issue> shape(List<String> payloads) {
        if (payloads.isEmpty()) {
            return Optional.of(new Issue("NO_PAYLOAD", "qr", "no QR text was sent: paste the text of the acta's QR code"));
        }
        if (payloads.size() > Intake.MAX_PAYLOADS) {
            return Optional.of(new Issue("TOO_MANY_PAYLOADS", "qr", payloads.size() + " QR texts were sent; an acta has at most "
                    + Intake.MAX_PAYLOADS));
        }
        for (String p : payloads) {
            if (p.length() > Intake.MAX_PAYLOAD_CHARS) {
                return Optional.of(new Issue("PAYLOAD_TOO_LARGE", "qr", "a QR text of " + p.length()
                        + " characters was sent; a QR code holds at most " + Intake.MAX_PAYLOAD_CHARS));
            }
        }
        return Optional.empty();
    }

    private static Issue issue(Problem p) {
        return new Issue(p.code().name(), p.field().isEmpty() ? "payload" : p.field(), p.message());
    }

    /** The election's own format; its absence is a broken deployment, not bad input. */
    private static TallyFormat format(Deployment.Running running) {
        Intake.FormatChoice chosen = running.intake().formatFor(null);
        if (chosen.refusal() != null) {
            throw new IllegalStateException(chosen.refusal().message());
        }
        return chosen.format();
    }

    /**
     * A page of citizen reports for review, oldest first, each compared with what is published now (a
     * report may have become a match since, or its table may have been published).
     */
    public List<CitizenReport> reports(long afterId, int limit) {
        Deployment.Running running = deployment.requireRunning();
        Election election = running.election();
        List<CitizenReport> out = new ArrayList<>();
        for (StoredEvidence e : deployment.evidence().byChannel(Channel.CITIZEN, afterId, limit)) {
            Tally acta = e.tally();
            Optional<Integer> index = election.geography().tableIndex(acta.table());
            TableConsolidation c = index.map(i -> running.state().consolidation(i)).orElse(null);
            List<Difference> differences = c == null || c.accepted() == null ? List.of()
                    : ActaComparison.differences(c.accepted(), acta, election.ballot());
            Outcome now = c == null || c.accepted() == null ? Outcome.NOT_YET_PUBLISHED
                    : differences.isEmpty() ? Outcome.MATCH : Outcome.MISMATCH;
            List<Long> images = deployment.images().forEvidence(e.id()).stream().map(ImageSubmission::id).toList();
            out.add(new CitizenReport(e.id(), e.sha256Hex(), acta.table().value(), acta.actaId(), e.receivedAt().toString(),
                    c == null ? null : c.status().label(), now, TableView.TallyView.of(acta, election.ballot()),
                    c == null || c.accepted() == null ? null : TableView.TallyView.of(c.accepted(), election.ballot()), differences,
                    images));
        }
        return out;
    }

    /** Stops taking photos; those being read finish. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
