package org.testigo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.testigo.deployment.Deployment;
import org.testigo.election.pkg.CsvWriter;
import org.testigo.intake.ImageAnswer;
import org.testigo.intake.ImageIntake;
import org.testigo.intake.ImageUpload;
import org.testigo.scan.ImageLimits;
import org.testigo.scan.ImageRefusal;
import org.testigo.store.ImageStatus;
import org.testigo.store.ImageSubmission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Record a folder tree of acta photos or scans.",
            "Every file is judged by its content, not its name: images are stored and decoded on every core (the server's",
            "own image intake), other files are skipped and listed. Images already in (by SHA-256) are not sent again, so",
            "an interrupted run can simply be started again. Ends with a summary and a CSV report (file, sha256, table,",
            "status, reason)."})
final class IngestCommand implements Callable<Integer> {
    /** Report statuses beyond the image statuses: files that never became a submission. */
    static final String SKIPPED = "skipped";

    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "DIR", description = "The folder to walk (all its subfolders too).")
    Path dir;

    @Option(names = "--report", paramLabel = "FILE.csv", defaultValue = "ingest-report.csv",
            description = "Where to write the report (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--threads", paramLabel = "N", description = "Decoding threads (default: one per core).")
    Integer threads;

    @Option(names = "--submitter", paramLabel = "NAME", defaultValue = "ingest",
            description = "The pseudonym the images are recorded under (default: ${DEFAULT-VALUE}).")
    String submitter;

    /** One line of the report. */
    record Row(String file, String sha256, String table, String status, String reason) {
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + " is not a folder");
        }
        if (threads != null && (threads < 1 || threads > 1024)) {
            throw new UserError("--threads must be from 1 to 1024 (got " + threads + ")");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("cannot walk " + dir + ": " + e.getMessage(), e);
        }
        try (Deployment d = store.open()) {
            Deployment.Running running = d.requireRunning();
            ImageIntake intake = running.images();
            int pool = intake.start(threads != null ? threads : ImageIntake.defaultThreads());
            System.out.printf(Locale.ROOT, "Ingesting %,d files from %s into %s, decoding on %d threads%n", files.size(), dir,
                    d.database().describe(), pool);
            Map<String, AtomicLong> counts = new java.util.concurrent.ConcurrentHashMap<>();
            List<CompletableFuture<Row>> rows = new ArrayList<>(files.size());
            AtomicLong done = new AtomicLong();
            Progress progress = new Progress(System.out, "files", files.size());
            // A few files per thread in flight: the reading keeps ahead of the decoding, memory stays bounded.
            Semaphore inFlight = new Semaphore(4 * pool);
            for (Path file : files) {
                inFlight.acquire();
                CompletableFuture<Row> row = ingest(d, intake, file);
                rows.add(row.whenComplete((r, e) -> {
                    inFlight.release();
                    if (r != null) {
                        counts.computeIfAbsent(r.status(), k -> new AtomicLong()).incrementAndGet();
                    }
                    progress.show(done.incrementAndGet(), () -> summary(counts));
                }));
            }
            List<Row> all = new ArrayList<>(rows.size());
            for (CompletableFuture<Row> r : rows) {
                all.add(r.join());
            }
            writeReport(all);
            System.out.printf(Locale.ROOT, "Done in %.1f s: %s%n", progress.elapsedSeconds(), summary(counts));
            for (Row r : all) {
                if (r.status().equals(SKIPPED)) {
                    System.out.println("  skipped " + r.file() + ": " + r.reason());
                }
            }
            System.out.println("Report: " + report);
        }
        return 0;
    }

    private CompletableFuture<Row> ingest(Deployment d, ImageIntake intake, Path file) {
        String name = dir.relativize(file).toString();
        try {
            long size = Files.size(file);
            if (size > ImageLimits.DEFAULT.maxBytes()) {
                // Not even read: the limit is the limit.
                return CompletableFuture.completedFuture(new Row(name, "", "", ImageStatus.REJECTED.label(), "too-large: the file has "
                        + size + " bytes; at most " + ImageLimits.DEFAULT.maxBytes() + " are accepted"));
            }
            byte[] bytes = Files.readAllBytes(file);
            String sha = HexFormat.of().formatHex(sha256(bytes));
            Optional<ImageSubmission> already = d.images().byImage(sha);
            if (already.isPresent() && already.get().status().isFinal()) {
                return CompletableFuture.completedFuture(row(name, already.get()));
            }
            ImageAnswer answer = intake.submit(new ImageUpload(bytes, null, List.of(), submitter));
            return switch (answer) {
                case ImageAnswer.NotAnImage(ImageRefusal r) -> CompletableFuture.completedFuture(
                        r.reason() == ImageRefusal.Reason.NOT_AN_IMAGE || r.reason() == ImageRefusal.Reason.EMPTY
                                ? new Row(name, sha, "", SKIPPED, r.code() + ": " + r.getMessage())
                                : new Row(name, sha, "", ImageStatus.REJECTED.label(), r.code() + ": " + r.getMessage()));
                case ImageAnswer.Refused(var r) -> CompletableFuture.completedFuture(
                        new Row(name, sha, "", ImageStatus.REJECTED.label(), r.reason().name().toLowerCase(Locale.ROOT) + ": " + r.message()));
                case ImageAnswer.Received received -> intake.whenFinal(received.submission().id()).thenApply(s -> row(name, s));
            };
        } catch (IOException e) {
            return CompletableFuture.completedFuture(new Row(name, "", "", SKIPPED, "cannot be read: " + e.getMessage()));
        }
    }

    private static Row row(String name, ImageSubmission s) {
        String reason = s.reasonCode() == null ? "" : s.reasonCode() + ": " + s.reason();
        return new Row(name, s.imageSha256(), s.table() == null ? "" : s.table(), s.status().label(), reason);
    }

    private static String summary(Map<String, AtomicLong> counts) {
        StringBuilder sb = new StringBuilder();
        for (String status : List.of("decoded", "needs-transcription", "rejected", SKIPPED)) {
            long n = counts.getOrDefault(status, new AtomicLong()).get();
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(String.format(Locale.ROOT, "%,d %s", n, status));
        }
        return sb.toString();
    }

    private void writeReport(List<Row> rows) {
        try (Writer w = Files.newBufferedWriter(report, StandardCharsets.UTF_8); CsvWriter csv = new CsvWriter(w)) {
            csv.row("file", "sha256", "table", "status", "reason");
            for (Row r : rows) {
                csv.row(r.file(), r.sha256(), r.table(), r.status(), r.reason());
            }
        } catch (IOException e) {
            throw new UserError("cannot write the report " + report + ": " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
