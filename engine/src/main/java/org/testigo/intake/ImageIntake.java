package org.testigo.intake;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testigo.scan.ActaReading;
import org.testigo.scan.ActaScanner;
import org.testigo.scan.Derivatives;
import org.testigo.scan.ImageHeader;
import org.testigo.scan.ImageLoader;
import org.testigo.scan.ImageRefusal;
import org.testigo.scan.LoadedImage;
import org.testigo.store.Channel;
import org.testigo.store.EvidenceStore;
import org.testigo.store.ImageOutcome;
import org.testigo.store.ImageStatus;
import org.testigo.store.ImageStore;
import org.testigo.store.ImageSubmission;
import org.testigo.store.StoreException;
import org.testigo.tally.TallyFormat;

/**
 * The way in for acta photos and scans.
 *
 * <p>The request path ({@link #submit}) does only what is cheap: it reads the image's header (so an
 * empty file, a non-image or a decompression bomb is refused at once, nothing stored), takes any QR
 * text sent along as ordinary QR evidence, and stores the original with a job in status
 * {@code decoding}. The decoding itself (full decode within the pixel cap, the QR cascade, the
 * derivatives, the evidence) runs on a {@link DecodingPool} of a fixed number of threads fed from the
 * database, so a slow or hostile file occupies one thread for a while and never the request threads.
 *
 * <p>A decoded image becomes evidence on channel {@code image} whose content is the original image,
 * recorded by {@link Intake#record} exactly as QR text is: same refusals, same consolidation.
 *
 * <p>When the QR text sent with the image and the code in the image disagree, both are kept: they are
 * two pieces of evidence from the same submitter, and consolidation treats them like any two copies
 * (two unsigned versions: the table is conflicted until a reviewer decides; a signed version wins).
 * The image job is still {@code decoded}, with reason code {@code differs-from-text} saying so.
 */
public final class ImageIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageIntake.class);

    private final Intake intake;
    private final EvidenceStore evidence;
    private final ImageStore images;
    private final ImageLoader loader;
    private final ActaScanner scanner;
    private final Clock clock;
    private final Map<Long, CompletableFuture<ImageSubmission>> waiting = new ConcurrentHashMap<>();
    private static final long WATCH_MILLIS = 2_000;
    private DecodingPool pool;
    private Thread watcher;
    private volatile boolean closed;
    /** Who may submit for which table (a witness: their assigned tables); everyone, until told otherwise. */
    private volatile java.util.function.BiPredicate<String, org.testigo.election.TableId> allowed = (who, table) -> true;

    public ImageIntake(Intake intake, EvidenceStore evidence, ImageStore images, ImageLoader loader, ActaScanner scanner, Clock clock) {
        this.intake = intake;
        this.evidence = evidence;
        this.images = images;
        this.loader = loader;
        this.scanner = scanner;
        this.clock = clock;
    }

    /**
     * Restricts whose photo may count for which table: a decoded photo of a table its sender may not submit
     * for is rejected ({@code not-assigned}) instead of becoming evidence.
     */
    public void restrict(java.util.function.BiPredicate<String, org.testigo.election.TableId> allowed) {
        this.allowed = allowed;
    }

    /** Threads when none are asked for: one per core. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Starts decoding with {@code threads} threads, resuming the jobs a previous process left in status
     * {@code decoding}. Only the first call starts anything; returns the pool's size.
     */
    public synchronized int start(int threads) {
        if (pool == null) {
            pool = new DecodingPool(images, threads, this::decode);
            watcher = Thread.ofVirtual().name("testigo-image-watcher").start(this::watch);
        }
        return pool.threads();
    }

    /**
     * Another process on the same database (the server and {@code testigo ingest}) may finish a job this
     * one is waiting for; every few seconds the jobs still awaited are looked up.
     */
    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(WATCH_MILLIS);
                for (Long id : List.copyOf(waiting.keySet())) {
                    images.byId(id).filter(s -> s.status().isFinal()).ifPresent(this::settle);
                }
            } catch (InterruptedException e) {
                return;
            } catch (StoreException e) {
                LOG.warn("cannot look up awaited image submissions: {}", e.getMessage());
            }
        }
    }

    /**
     * Receives an image. Blocks until the original and its job are durable (and the QR text sent with
     * it, if any, is recorded), never for the decoding.
     *
     * @throws StoreException when the database cannot be written
     */
    public ImageAnswer submit(ImageUpload upload) {
        ImageHeader header;
        try {
            header = loader.inspect(upload.image());
        } catch (ImageRefusal refusal) {
            return new ImageAnswer.NotAnImage(refusal);
        }
        Intake.FormatChoice chosen = intake.formatFor(upload.format());
        if (chosen.refusal() != null) {
            return new ImageAnswer.Refused(chosen.refusal());
        }
        Optional<Receipt> text = Optional.empty();
        if (!upload.qrTexts().isEmpty()) {
            Outcome outcome = join(intake.submit(new Submission(upload.format(), upload.qrTexts(), Channel.QR, upload.submitter())));
            switch (outcome) {
                case Outcome.Refused(Refusal r) -> {
                    return new ImageAnswer.Refused(r);
                }
                case Outcome.Accepted(Receipt receipt) -> text = Optional.of(receipt);
            }
        }
        ImageStore.Received received = images.receive(upload.submitter(), header.mediaType(), upload.image(), upload.format(),
                text.map(Receipt::evidenceId).orElse(null), clock.instant());
        ImageSubmission s = received.submission();
        if (s.status() == ImageStatus.DECODING) {
            DecodingPool p = startedPool();
            p.offer(s.id());
        }
        return new ImageAnswer.Received(s, received.duplicate(), text);
    }

    /** Completes with the submission once it has left {@code decoding} (at once if it already has). */
    public CompletableFuture<ImageSubmission> whenFinal(long id) {
        CompletableFuture<ImageSubmission> f = waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
        // Finished before we registered (or by another process)? The database knows.
        images.byId(id).filter(s -> s.status().isFinal()).ifPresent(s -> {
            waiting.remove(id, f);
            f.complete(s);
        });
        return f;
    }

    public ImageStore images() {
        return images;
    }

    private synchronized DecodingPool startedPool() {
        if (pool == null) {
            start(defaultThreads());
        }
        return pool;
    }

    /** One job, on a pool thread: decode, record, finish. Safe to run twice on the same job. */
    void decode(long id) {
        ImageSubmission s = images.byId(id).orElseThrow(() -> new IllegalStateException("image submission " + id + " vanished"));
        if (s.status().isFinal()) {
            settle(s);
            return;
        }
        long start = System.nanoTime();
        ImageOutcome outcome;
        try {
            outcome = outcome(s, images.original(s), start);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            // A decoder that breaks on a hostile file must not leave the job to be retried for ever.
            LOG.warn("decoding image submission {} failed: {}", id, e.toString());
            outcome = new ImageOutcome(ImageStatus.REJECTED, "decoder-failed", "the image could not be decoded: "
                    + e.getClass().getSimpleName(), List.of(), null, millis(start), null, null, null);
        }
        images.finish(id, outcome);
        settle(images.byId(id).orElseThrow());
    }

    private ImageOutcome outcome(ImageSubmission s, byte[] original, long start) {
        Intake.FormatChoice chosen = intake.formatFor(s.format());
        if (chosen.refusal() != null) {
            return rejected(chosen.refusal(), List.of(), null, start, null);
        }
        TallyFormat format = chosen.format();
        // One decode serves both the scan (grey, from these pixels) and the derivatives (colour).
        LoadedImage loaded;
        try {
            loaded = loader.load(original);
        } catch (ImageRefusal refusal) {
            return new ImageOutcome(ImageStatus.REJECTED, refusal.code(), refusal.getMessage(), List.of(), null, millis(start), null, null,
                    null);
        }
        ActaReading reading = scanner.read(loaded, format, intake.state().election().tallyContext(), start);
        return switch (reading) {
            case ActaReading.Refused r -> new ImageOutcome(ImageStatus.REJECTED, r.refusal().code(), r.refusal().getMessage(),
                    List.of(), null, millis(start), null, null, null);
            case ActaReading.Read r -> {
                Derivatives.Derived derived = Derivatives.of(loaded);
                if (!allowed.test(s.submitter(), r.decoded().tally().table())) {
                    yield new ImageOutcome(ImageStatus.REJECTED, "not-assigned", "table " + r.decoded().tally().table()
                            + " is not assigned to the witness who sent this photo, and free submission is off", r.payloads(),
                            r.strategy(), millis(start), null, web(derived), thumbnail(derived));
                }
                Outcome recorded = join(intake.record(Channel.IMAGE, s.submitter(), r.format(), s.mediaType(), original, r.decoded(),
                        s.receivedAt()));
                yield switch (recorded) {
                    case Outcome.Refused(Refusal refusal) -> rejected(refusal, r.payloads(), r.strategy(), start, derived);
                    case Outcome.Accepted(Receipt receipt) -> decoded(s, receipt, r, start, derived);
                };
            }
            case ActaReading.Unreadable u -> {
                Derivatives.Derived derived = Derivatives.of(loaded);
                yield new ImageOutcome(ImageStatus.NEEDS_TRANSCRIPTION, u.payloads().isEmpty() ? "no-qr-code" : "not-a-tally",
                        u.problem(), u.payloads(), u.strategy(), millis(start), null, web(derived), thumbnail(derived));
            }
        };
    }

    private static byte[] web(Derivatives.Derived d) {
        return d == null ? null : d.web();
    }

    private static byte[] thumbnail(Derivatives.Derived d) {
        return d == null ? null : d.thumbnail();
    }

    private ImageOutcome decoded(ImageSubmission s, Receipt receipt, ActaReading.Read r, long start, Derivatives.Derived derived) {
        String code = null;
        String reason = null;
        if (s.textEvidenceId() != null) {
            String imageText = HexFormat.of().formatHex(sha256(Intake.content(r.payloads())));
            String sentText = evidence.byId(s.textEvidenceId()).map(e -> e.sha256Hex()).orElse(imageText);
            if (!sentText.equals(imageText)) {
                code = "differs-from-text";
                reason = "the QR code in the image differs from the QR text sent with it (evidence " + s.textEvidenceId()
                        + "); both are kept and the table's consolidation weighs them as two copies";
            }
        }
        return new ImageOutcome(ImageStatus.DECODED, code, reason, r.payloads(), r.strategy(), millis(start), receipt.evidenceId(),
                web(derived), thumbnail(derived));
    }

    private static ImageOutcome rejected(Refusal refusal, List<String> payloads, String strategy, long start, Derivatives.Derived d) {
        return new ImageOutcome(ImageStatus.REJECTED, refusal.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                refusal.message(), payloads, strategy, millis(start), null, web(d), thumbnail(d));
    }

    private void settle(ImageSubmission s) {
        CompletableFuture<ImageSubmission> f = waiting.remove(s.id());
        if (f != null) {
            f.complete(s);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Outcome join(CompletableFuture<Outcome> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Stops decoding; jobs not finished stay queued in the database for the next start. */
    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.interrupt();
        }
        if (pool != null) {
            pool.close();
        }
    }
}
