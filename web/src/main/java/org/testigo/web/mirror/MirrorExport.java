package org.testigo.web.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.testigo.deployment.Deployment;
import org.testigo.ledger.NoteKey;
import org.testigo.opendata.BundleLayout;
import org.testigo.opendata.DataExport;
import org.testigo.opendata.Manifest;
import org.testigo.roll.RollIndex;
import org.testigo.roll.RollShards;
import org.testigo.site.Downloads;
import org.testigo.site.RenderedPage;
import org.testigo.site.Site;
import org.testigo.web.http.Compression;

/**
 * Writes the public site as a static mirror (docs/mirrors.md): every page in both languages, every JSON
 * document, the assets, the acta images (derivatives only), the open-data bundle under {@code data/},
 * optionally the voter roll's shards under {@code roll/}, each compressible file's {@code .gz} and
 * {@code .br} twin beside it (nginx's {@code gzip_static}/{@code brotli_static} convention), and
 * {@code SHA256SUMS} over every file. The pages are {@link Site}'s bytes, rendered for a mirror
 * ({@link Site#mirror}): the same as the live server's except find.html and verify.html, which cannot post
 * to a server.
 *
 * <p>Atomic: everything is written into a sibling {@code DIR.tmp-…} that replaces {@code DIR} only when
 * complete, so a server pointed at {@code DIR} never serves half a mirror.
 */
public final class MirrorExport {
    /** The manifest at the mirror's root: {@code sha256sum -c SHA256SUMS} checks every other file. */
    public static final String SUMS = "SHA256SUMS";
    /** Where the open-data bundle goes, and the roll's shards. */
    public static final String DATA = "data/";
    public static final String ROLL = "roll/";

    /** Paths rendered per task: enough to amortise scheduling, few enough to keep both cores busy to the end. */
    private static final int CHUNK = 128;

    /**
     * What to export.
     *
     * @param roll the voter roll to publish as shards, or null for none: anyone can enumerate a published roll
     *     (national ids are a small space), so this is the deployment's explicit choice
     * @param bundle an open-data bundle already written ({@code testigo export-data}) to copy under {@code data/};
     *     when null and {@code logKey} is given the bundle is written afresh, when both are null there is none
     * @param logKey the deployment's log signing key, to write the bundle
     * @param threads how many files to render and compress at once
     * @param effort how hard to compress pages, documents, shards and data (assets always at the best)
     */
    public record Options(RollIndex roll, Path bundle, NoteKey logKey, int threads, Compression.Effort effort) {
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
        }

        public static Options defaults() {
            return new Options(null, null, null, Runtime.getRuntime().availableProcessors(), Compression.Effort.FAST);
        }

        public Options withRoll(RollIndex r) {
            return new Options(r, bundle, logKey, threads, effort);
        }

        public Options withBundle(Path b) {
            return new Options(roll, b, logKey, threads, effort);
        }

        public Options withLogKey(NoteKey k) {
            return new Options(roll, bundle, k, threads, effort);
        }

        public Options withThreads(int t) {
            return new Options(roll, bundle, logKey, t, effort);
        }

        public Options withEffort(Compression.Effort e) {
            return new Options(roll, bundle, logKey, threads, e);
        }
    }

    /**
     * What was written.
     *
     * @param files every file of the mirror, the precompressed twins and {@code SHA256SUMS} included
     * @param bytes their total size
     * @param pages HTML pages, both languages
     * @param documents JSON documents
     * @param images acta derivatives
     * @param dataFiles files of the open-data bundle
     * @param rollFiles shard files with their descriptor (0 without the roll)
     * @param compressed twins written ({@code .gz} and {@code .br})
     * @param steady whether the deployment's state stayed the same during the export (else the pages may mix
     *     two moments; export again)
     */
    public record Summary(Path dir, long files, long bytes, int pages, int documents, int images, int dataFiles,
                          int rollFiles, int compressed, boolean steady) {
    }

    private MirrorExport() {
    }

    /**
     * Exports the site of {@code deployment} into {@code dir}, replacing a previous mirror there.
     *
     * @throws IllegalArgumentException when {@code dir} holds something other than a mirror (it is never
     *     emptied blindly), when the bundle to copy is not a bundle, or when the log key is not the log's
     * @throws IOException when a file cannot be written (the half-written copy is removed, {@code dir} is untouched)
     */
    public static Summary write(Deployment deployment, Path dir, Options options) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        requireReplaceable(target);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // Not Files.createTempDirectory: its owner-only permissions would follow the rename and lock a web server out.
        Path tmp = Files.createDirectory(parent.resolve(target.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + Long.toHexString(System.nanoTime())));
        try {
            Summary s = writeInto(deployment, tmp, options);
            replace(tmp, target);
            return new Summary(target, s.files, s.bytes, s.pages, s.documents, s.images, s.dataFiles, s.rollFiles, s.compressed, s.steady);
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static Summary writeInto(Deployment deployment, Path out, Options options) throws IOException {
        long version = deployment.requireRunning().state().version();
        Path data = out.resolve("data");
        Writer writer = new Writer(out, options.effort());
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "export-site");
            t.setDaemon(true);
            return t;
        });
        ExecutorService side = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "export-site-data");
            t.setDaemon(true);
            return t;
        });
        try {
            // The bundle (database-bound) and the shards go alongside the pages (CPU-bound).
            Future<?> bundle = side.submit(() -> {
                writeBundle(deployment, data, options);
                return null;
            });
            Future<?> roll = options.roll() == null ? null : side.submit(() -> {
                RollShards.write(options.roll(), out.resolve("roll"));
                return null;
            });
            Site site = Site.of(deployment, data).mirror(new Site.Mirror(options.roll() != null));
            List<String> pages = site.pages().toList();
            List<String> documents = site.documents().toList();
            List<String> images = site.images().toList();
            List<String> first = new ArrayList<>(pages.size() + documents.size() + images.size());
            // Downloads pages list the bundle: rendered once it is written.
            pages.stream().filter(p -> !p.endsWith("downloads.html")).forEach(first::add);
            first.addAll(documents);
            first.addAll(images);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < first.size(); i += CHUNK) {
                List<String> chunk = first.subList(i, Math.min(first.size(), i + CHUNK));
                work.add(pool.submit(() -> {
                    for (String p : chunk) {
                        writer.rendered(site.render(p).orElseThrow(() -> new IllegalStateException("the site lists " + p + " but renders nothing")));
                    }
                    return null;
                }));
            }
            for (RenderedPage asset : site.assets().values()) {
                work.add(pool.submit(() -> {
                    writer.file(asset.path(), asset.contentType(), asset.bytesUnsafe(), Compression.Effort.BEST);
                    return null;
                }));
            }
            await(bundle);
            for (String p : pages) {
                if (p.endsWith("downloads.html")) {
                    writer.rendered(site.render(p).orElseThrow());
                }
            }
            List<String> dataFiles = filesUnder(out, data);
            // The bundle stays exactly as export-data wrote it (no twins): `testigo verify mirror/data` flags
            // any file its sealed SHA256SUMS does not list.
            submitFiles(pool, work, writer, dataFiles, false);
            List<String> rollFiles = List.of();
            if (roll != null) {
                await(roll);
                rollFiles = filesUnder(out, out.resolve("roll"));
                submitFiles(pool, work, writer, rollFiles, true);
            }
            for (Future<?> f : work) {
                await(f);
            }
            boolean steady = deployment.requireRunning().state().version() == version;
            byte[] sums = writer.manifest();
            Files.write(out.resolve(SUMS), sums);
            return new Summary(out, writer.files.get() + 1, writer.bytes.get() + sums.length, pages.size(), documents.size(),
                    images.size(), dataFiles.size(), rollFiles.size(), writer.compressed.get(), steady);
        } finally {
            pool.shutdownNow();
            side.shutdownNow();
        }
    }

    private static void submitFiles(ExecutorService pool, List<Future<?>> work, Writer writer, List<String> files, boolean twins) {
        for (int i = 0; i < files.size(); i += CHUNK) {
            List<String> chunk = files.subList(i, Math.min(files.size(), i + CHUNK));
            work.add(pool.submit(() -> {
                for (String p : chunk) {
                    writer.existing(p, twins);
                }
                return null;
            }));
        }
    }

    private static void writeBundle(Deployment deployment, Path data, Options options) throws IOException {
        if (options.bundle() != null) {
            Path from = options.bundle().toAbsolutePath().normalize();
            if (Downloads.read(from).isEmpty()) {
                throw new IllegalArgumentException(options.bundle() + " is not an open-data bundle (it has no "
                        + BundleLayout.SUMS + "; `testigo export-data DIR` writes one)");
            }
            copyTree(from, data);
        } else if (options.logKey() != null) {
            DataExport.write(deployment, options.logKey(), data);
        } else {
            Files.createDirectories(data);
        }
    }

    /** Writes files and their twins, and keeps the sum of each. Thread-safe. */
    private static final class Writer {
        private final Path out;
        private final Compression.Effort effort;
        private final Map<String, String> sums = new ConcurrentHashMap<>();
        private final Map<Path, Boolean> dirs = new ConcurrentHashMap<>();
        private final AtomicInteger files = new AtomicInteger();
        private final AtomicInteger compressed = new AtomicInteger();
        private final AtomicLong bytes = new AtomicLong();

        Writer(Path out, Compression.Effort effort) {
            this.out = out;
            this.effort = effort;
        }

        void rendered(RenderedPage page) throws IOException {
            file(page.path(), page.contentType(), page.bytesUnsafe(), effort);
        }

        /** A file already in place (the bundle, the shards): its twins and its sum. */
        void existing(String path, boolean withTwins) throws IOException {
            byte[] bytes = Files.readAllBytes(out.resolve(path));
            record(path, bytes);
            if (withTwins) {
                twins(path, contentType(path), bytes, effort);
            }
        }

        void file(String path, String contentType, byte[] body, Compression.Effort e) throws IOException {
            Path file = out.resolve(path);
            if (!file.normalize().startsWith(out)) {
                throw new IllegalStateException("the site named a file outside the mirror: " + path);
            }
            directory(file.getParent());
            Files.write(file, body);
            record(path, body);
            twins(path, contentType, body, e);
        }

        private void twins(String path, String contentType, byte[] body, Compression.Effort e) throws IOException {
            if (!Compression.worthCompressing(contentType, body.length)) {
                return;
            }
            Path file = out.resolve(path);
            byte[] gz = Compression.gzip(body, e.gzipLevel());
            write(path + ".gz", file.resolveSibling(file.getFileName() + ".gz"), gz);
            Optional<byte[]> br = Compression.brotli(body, e.brotliQuality());
            if (br.isPresent()) {
                write(path + ".br", file.resolveSibling(file.getFileName() + ".br"), br.get());
            }
        }

        private void write(String path, Path file, byte[] body) throws IOException {
            Files.write(file, body);
            record(path, body);
            compressed.incrementAndGet();
        }

        private void record(String path, byte[] body) {
            if (path.indexOf('\n') >= 0 || path.indexOf('\\') >= 0) {
                throw new IllegalStateException("a file name sha256sum would escape: " + path);
            }
            if (sums.put(path, Manifest.sha256Hex(body)) != null) {
                throw new IllegalStateException("the mirror has " + path + " twice");
            }
            files.incrementAndGet();
            bytes.addAndGet(body.length);
        }

        /** Creates each folder once; another thread writing into it waits until it exists. */
        private void directory(Path d) {
            dirs.computeIfAbsent(d, k -> {
                try {
                    Files.createDirectories(k);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return Boolean.TRUE;
            });
        }

        /** {@code sha256sum} lines for every file, sorted by path. */
        byte[] manifest() {
            StringBuilder s = new StringBuilder(sums.size() * 110);
            new TreeMap<>(sums).forEach((path, sha) -> s.append(sha).append("  ").append(path).append('\n'));
            return s.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The type a static server gives a file by its name: what decides whether it gets twins. */
    static String contentType(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.endsWith(".json")) {
            return RenderedPage.JSON;
        }
        if (name.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        if (name.endsWith(".txt") || name.startsWith("SHA256SUMS") || name.equals("checkpoint")) {
            return RenderedPage.TEXT;
        }
        if (name.endsWith(".html")) {
            return RenderedPage.HTML;
        }
        return name.endsWith(".jpg") ? RenderedPage.JPEG : "application/octet-stream";
    }

    // ---- the directory swap

    /** A folder may be replaced when it is absent, empty, or a previous mirror (it has SHA256SUMS and index.html). */
    private static void requireReplaceable(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + " is a file, not a folder");
        }
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isEmpty()) {
                return;
            }
        }
        if (!Files.isRegularFile(target.resolve(SUMS)) || !Files.isRegularFile(target.resolve("index.html"))) {
            throw new IllegalArgumentException(target + " holds files but is not a mirror (no " + SUMS
                    + " and index.html): export into a new or empty folder, or into a previous mirror to replace it");
        }
    }

    /**
     * Moves the finished copy into place. A previous mirror is first renamed aside, then removed: between
     * the two renames (microseconds) the folder is absent, never half-written.
     */
    private static void replace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling(target.getFileName() + ".old-" + Long.toHexString(System.nanoTime()));
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static List<String> filesUnder(Path root, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                if (a.isRegularFile()) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while exporting", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
