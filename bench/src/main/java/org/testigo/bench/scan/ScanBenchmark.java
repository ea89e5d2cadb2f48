package org.testigo.bench.scan;

import boofcv.struct.image.GrayU8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testigo.scan.ImageLoader;
import org.testigo.scan.QrCascade;
import org.testigo.scan.ScanResult;
import org.testigo.scan.synth.ActaGenerator;
import org.testigo.scan.synth.Category;
import org.testigo.scan.synth.SyntheticActa;
import org.testigo.tally.Decoding;
import org.testigo.tally.TallyFormat;
import org.testigo.tally.TallyFormats;
import org.testigo.tally.brbu.BrBuReader;
import org.testigo.tally.brbu.BrBuReading;

/**
 * The acta-image benchmark of docs/BENCHMARKS.md: generates synthetic actas in every category (phone
 * photos at 12 MP), writes them to a folder, then reads every file with ZXing alone, BoofCV alone,
 * Testigo's cascade (2 threads each, bytes to answer: JPEG/PNG decode included) and Debian's
 * {@code zbarimg} (2 processes), and prints decode rates per category and images/s as a markdown table.
 * An image counts as read when every QR text printed on it was returned.
 *
 * <p>Usage: {@code ScanBenchmark [PER_CATEGORY=24] [PHOTO_LONG_SIDE=4000] [SEED=2024] [DIR]}
 */
public final class ScanBenchmark {
    private static final int THREADS = 2;
    /** What the decoder that just ran on this thread has to say about the image (the cascade: where it stopped). */
    private static final ThreadLocal<String> NOTE = new ThreadLocal<>();

    record Item(Path file, SyntheticActa acta) {
    }

    /** @param cpuNanos the CPU time of the thread that read the image (honest on a shared machine) */
    record Outcome(boolean read, long nanos, long cpuNanos, String note) {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        List<Item> items;
        long t0 = System.nanoTime();
        if (o.reuse()) {
            items = Manifest.read(o.dir());
            System.err.printf("reusing %d images of %s%n", items.size(), o.dir());
        } else {
            Files.createDirectories(o.dir());
            ActaGenerator generator = new ActaGenerator(o.seed(), o.side());
            items = generate(generator, o.perCategory(), o.dir());
            System.err.printf("generated %d images in %s in %.0f s (Brazilian BUs: %s)%n", items.size(), o.dir(),
                    (System.nanoTime() - t0) / 1e9, generator.hasBrazil());
        }
        if (o.generateOnly()) {
            return;
        }
        items = items.stream().filter(i -> o.categories().isEmpty() || o.categories().contains(i.acta().category())).toList();
        int side = o.side();

        ImageLoader loader = new ImageLoader();
        QrCascade cascade = new QrCascade();
        TallyFormat ve = TallyFormats.installed().byId("ve-2024").orElseThrow();
        BrBuReader br = BrBuReader.withPinnedKeys();
        Map<String, Map<Item, Outcome>> results = new java.util.LinkedHashMap<>();
        Map<String, double[]> speed = new HashMap<>();
        List<Item> photos = items.stream().filter(i -> i.acta().category().fullPhoto()).toList();
        List<Item> others = items.stream().filter(i -> !i.acta().category().fullPhoto()).toList();

        Map<String, Decode> decoders = new java.util.LinkedHashMap<>();
        decoders.put("ZXing alone", (bytes, acta) -> QrCascade.zxingAlone(loader.loadGray(bytes).gray()));
        decoders.put("BoofCV alone", (bytes, acta) -> QrCascade.boofcvAlone(loader.loadGray(bytes).gray()));
        decoders.put("Testigo cascade", (bytes, acta) -> {
            // Bytes to answer as ActaScanner does it (grey decode, cascade until the codes make a valid
            // tally of the acta's format; a Brazilian BU is valid when its parts chain and verify).
            long start = System.nanoTime();
            Predicate<List<String>> valid = acta.format().equals("br-bu")
                    ? p -> br.read(p) instanceof BrBuReading.Read
                    : p -> ve.decode(p, ve.defaultContext().orElseThrow()) instanceof Decoding.Decoded;
            ScanResult scan = cascade.scan(loader.loadGray(bytes).gray(), valid, start);
            NOTE.set(scan.strategy() + " after " + scan.tried());
            return scan.payloads();
        });
        for (Map.Entry<String, Decode> d : decoders.entrySet()) {
            if (!o.decoders().isEmpty() && !o.decoders().contains(key(d.getKey()))) {
                continue;
            }
            // Warm the JIT on a few images first, as a long-running server would be.
            run(d.getValue(), items.subList(0, Math.min(12, items.size())));
            Map<Item, Outcome> out = new HashMap<>();
            double photoSeconds = timed(() -> out.putAll(run(d.getValue(), photos)));
            double otherSeconds = timed(() -> out.putAll(run(d.getValue(), others)));
            results.put(d.getKey(), out);
            double photoCpu = photos.stream().mapToLong(i -> out.get(i).cpuNanos()).sum() / 1e9;
            double allCpu = items.stream().mapToLong(i -> out.get(i).cpuNanos()).sum() / 1e9;
            speed.put(d.getKey(), new double[] {items.size() / (photoSeconds + otherSeconds), photos.size() / photoSeconds,
                    THREADS * items.size() / allCpu, THREADS * photos.size() / photoCpu, 1000 * photoCpu / Math.max(1, photos.size())});
            System.err.printf("%s: %.1f images/s, %.1f 12 MP photos/s (wall); CPU %.0f ms per photo = %.1f photos/s on %d cores%n",
                    d.getKey(), speed.get(d.getKey())[0], speed.get(d.getKey())[1], speed.get(d.getKey())[4], speed.get(d.getKey())[3],
                    THREADS);
            if (o.verbose()) {
                for (Item i : items) {
                    Outcome r = out.get(i);
                    System.err.printf("  %s %s %.0f ms cpu %s%n", i.file().getFileName(), r.read() ? "read" : "MISSED", r.cpuNanos() / 1e6,
                            r.note());
                }
            }
        }
        if (o.decoders().isEmpty() || o.decoders().contains("zbarimg")) {
            Map<Item, Outcome> zbar = new HashMap<>();
            double zPhotos = timed(() -> zbar.putAll(zbarimg(photos)));
            double zOthers = timed(() -> zbar.putAll(zbarimg(others)));
            results.put("zbarimg", zbar);
            speed.put("zbarimg", new double[] {items.size() / (zPhotos + zOthers), photos.size() / zPhotos, Double.NaN, Double.NaN,
                    Double.NaN});
        }
        print(items, results, speed, side);
    }

    /** {@code "Testigo cascade"} → {@code "cascade"}, {@code "BoofCV alone"} → {@code "boofcv"}: the names --decoders takes. */
    private static String key(String name) {
        return switch (name) {
            case "Testigo cascade" -> "cascade";
            case "BoofCV alone" -> "boofcv";
            case "ZXing alone" -> "zxing";
            default -> name;
        };
    }

    /**
     * The command line: positional {@code PER_CATEGORY PHOTO_LONG_SIDE SEED DIR} as before, plus
     * {@code --reuse} (read DIR's manifest instead of generating), {@code --generate-only},
     * {@code --decoders=cascade,boofcv,zxing,zbarimg}, {@code --categories=hard-curled,...} (slugs) and
     * {@code --verbose} (one line per image).
     */
    record Options(int perCategory, int side, long seed, Path dir, boolean reuse, boolean generateOnly, Set<String> decoders,
            Set<Category> categories, boolean verbose) {
        static Options parse(String[] args) throws IOException {
            List<String> positional = new ArrayList<>();
            boolean reuse = false;
            boolean generateOnly = false;
            boolean verbose = false;
            Set<String> decoders = new HashSet<>();
            Set<Category> categories = java.util.EnumSet.noneOf(Category.class);
            for (String a : args) {
                if (a.equals("--reuse")) {
                    reuse = true;
                } else if (a.equals("--generate-only")) {
                    generateOnly = true;
                } else if (a.equals("--verbose")) {
                    verbose = true;
                } else if (a.startsWith("--decoders=")) {
                    decoders.addAll(List.of(a.substring("--decoders=".length()).split(",")));
                } else if (a.startsWith("--categories=")) {
                    for (String slug : a.substring("--categories=".length()).split(",")) {
                        categories.add(java.util.Arrays.stream(Category.values()).filter(c -> c.slug().equals(slug)).findFirst()
                                .orElseThrow(() -> new IllegalArgumentException("--categories: no category " + slug)));
                    }
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a);
                } else {
                    positional.add(a);
                }
            }
            int perCategory = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 24;
            int side = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : ActaGenerator.TWELVE_MEGAPIXELS;
            long seed = positional.size() > 2 ? Long.parseLong(positional.get(2)) : 2024;
            Path dir = positional.size() > 3 ? Path.of(positional.get(3)) : Files.createTempDirectory("testigo-scan-bench");
            return new Options(perCategory, side, seed, dir, reuse, generateOnly, decoders, categories, verbose);
        }
    }

    /**
     * {@code manifest.tsv} next to the generated files: one line per file (name, category, format, width,
     * height, the QR texts in Base64 separated by commas), appended as each file is written, so that a
     * generation cut short still leaves a usable set.
     */
    static final class Manifest {
        static final String NAME = "manifest.tsv";

        static synchronized void append(Path dir, SyntheticActa acta) throws IOException {
            StringBuilder line = new StringBuilder();
            line.append(acta.name()).append('\t').append(acta.category().name()).append('\t').append(acta.format()).append('\t')
                    .append(acta.width()).append('\t').append(acta.height()).append('\t');
            List<String> encoded = acta.payloads().stream()
                    .map(p -> java.util.Base64.getEncoder().encodeToString(p.getBytes(StandardCharsets.UTF_8))).toList();
            line.append(String.join(",", encoded)).append('\n');
            Files.writeString(dir.resolve(NAME), line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }

        static List<Item> read(Path dir) throws IOException {
            List<Item> items = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(NAME), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                Path file = dir.resolve(f[0]);
                if (!Files.exists(file)) {
                    continue;
                }
                List<String> payloads = java.util.Arrays.stream(f[5].split(","))
                        .map(b -> new String(java.util.Base64.getDecoder().decode(b), StandardCharsets.UTF_8)).toList();
                String mediaType = f[0].endsWith(".png") ? "image/png" : "image/jpeg";
                items.add(new Item(file, new SyntheticActa(f[0], Category.valueOf(f[1]), f[2], payloads, new byte[0], mediaType,
                        Integer.parseInt(f[3]), Integer.parseInt(f[4]))));
            }
            items.sort(java.util.Comparator.comparing((Item i) -> i.acta().category()).thenComparing(i -> i.acta().name()));
            return items;
        }
    }

    interface Decode {
        List<String> read(byte[] bytes, SyntheticActa acta) throws Exception;
    }

    private static List<Item> generate(ActaGenerator generator, int perCategory, Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Item>> futures = new ArrayList<>();
            // Index-major, manifest line per file: a generation stopped early leaves a balanced subset.
            for (int i = 0; i < perCategory; i++) {
                for (Category c : Category.values()) {
                    int index = i;
                    futures.add(pool.submit(() -> {
                        SyntheticActa acta = generator.generate(c, index);
                        Path file = dir.resolve(acta.name());
                        Files.write(file, acta.bytes());
                        Manifest.append(dir, acta);
                        return new Item(file, acta);
                    }));
                }
            }
            List<Item> items = new ArrayList<>();
            for (Future<Item> f : futures) {
                items.add(f.get());
            }
            items.sort(java.util.Comparator.comparing((Item i) -> i.acta().category()).thenComparing(i -> i.acta().name()));
            return items;
        } finally {
            pool.shutdown();
        }
    }

    private static Map<Item, Outcome> run(Decode decode, List<Item> items) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            Map<Item, Future<Outcome>> futures = new HashMap<>();
            for (Item item : items) {
                futures.put(item, pool.submit(() -> {
                    byte[] bytes = Files.readAllBytes(item.file());
                    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                    long cpu = mx.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    List<String> texts;
                    try {
                        texts = decode.read(bytes, item.acta());
                    } catch (Exception e) {
                        texts = List.of();
                    }
                    long spent = mx.getCurrentThreadCpuTime() - cpu;
                    String note = NOTE.get();
                    NOTE.remove();
                    return new Outcome(item.acta().readBy(texts), System.nanoTime() - start, spent, note == null ? "" : note);
                }));
            }
            Map<Item, Outcome> out = new HashMap<>();
            for (Map.Entry<Item, Future<Outcome>> f : futures.entrySet()) {
                out.put(f.getKey(), f.getValue().get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    private static double timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** zbarimg over the files in 2 processes (one per core); QR only; per-file attribution from its XML. */
    private static Map<Item, Outcome> zbarimg(List<Item> items) {
        Map<Item, Outcome> out = new HashMap<>();
        List<List<Item>> halves = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < items.size(); i++) {
            halves.get(i % 2).add(items.get(i));
        }
        try {
            List<Process> processes = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            for (List<Item> half : halves) {
                List<String> command = new ArrayList<>(List.of("zbarimg", "--xml", "-q", "-Sdisable", "-Sqrcode.enable"));
                half.forEach(i -> command.add(i.file().toString()));
                Path output = Files.createTempFile("zbarimg", ".xml");
                outputs.add(output);
                processes.add(new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            for (Process p : processes) {
                p.waitFor(); // exit status 4 means "no symbol in some file", which is a result, not an error
            }
            Map<String, Set<String>> byFile = new HashMap<>();
            Pattern source = Pattern.compile("<source href='([^']*)'>(.*?)</source>", Pattern.DOTALL);
            Pattern data = Pattern.compile("<data[^>]*><!\\[CDATA\\[(.*?)\\]\\]></data>", Pattern.DOTALL);
            for (Path output : outputs) {
                Matcher m = source.matcher(Files.readString(output, StandardCharsets.UTF_8));
                while (m.find()) {
                    Set<String> texts = byFile.computeIfAbsent(m.group(1), k -> new HashSet<>());
                    Matcher d = data.matcher(m.group(2));
                    while (d.find()) {
                        texts.add(d.group(1).strip());
                    }
                }
                Files.deleteIfExists(output);
            }
            for (Item item : items) {
                out.put(item, new Outcome(item.acta().readBy(byFile.getOrDefault(item.file().toString(), Set.of())), 0, 0, ""));
            }
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("zbarimg could not run: " + e.getMessage(), e);
        }
    }

    private static void print(List<Item> items, Map<String, Map<Item, Outcome>> results, Map<String, double[]> speed, int side) {
        List<String> names = java.util.stream.Stream.of("zbarimg", "ZXing alone", "BoofCV alone", "Testigo cascade")
                .filter(results::containsKey).toList();
        StringBuilder md = new StringBuilder();
        md.append("| Category | Images | ").append(String.join(" | ", names)).append(" |\n");
        md.append("|---|---:|").append("---:|".repeat(names.size())).append('\n');
        Map<Category, List<Item>> byCategory = new EnumMap<>(Category.class);
        items.forEach(i -> byCategory.computeIfAbsent(i.acta().category(), k -> new ArrayList<>()).add(i));
        for (Map.Entry<Category, List<Item>> e : byCategory.entrySet()) {
            row(md, e.getKey().label() + (e.getKey().fullPhoto() ? " (" + megapixels(side) + ")" : ""), e.getValue(), names, results);
        }
        row(md, "**hard tier**", items.stream().filter(i -> i.acta().category().hard()).toList(), names, results);
        row(md, "**all**", items, names, results);
        md.append("| images/s, all (2 threads or 2 processes) | ").append(items.size()).append(" |");
        names.forEach(n -> md.append(String.format(" %.1f |", speed.get(n)[0])));
        md.append('\n');
        long photos = items.stream().filter(i -> i.acta().category().fullPhoto()).count();
        md.append("| ").append(megapixels(side)).append(" photos/s (2 threads or 2 processes) | ").append(photos).append(" |");
        names.forEach(n -> md.append(String.format(" %.1f |", speed.get(n)[1])));
        md.append('\n');
        md.append("| CPU ms per ").append(megapixels(side)).append(" photo, bytes to answer | ").append(photos).append(" |");
        names.forEach(n -> md.append(Double.isNaN(speed.get(n)[4]) ? " – |" : String.format(" %.0f |", speed.get(n)[4])));
        md.append('\n');
        md.append("| ").append(megapixels(side)).append(" photos/s on 2 cores, from CPU time | ").append(photos).append(" |");
        names.forEach(n -> md.append(Double.isNaN(speed.get(n)[3]) ? " – |" : String.format(" %.1f |", speed.get(n)[3])));
        md.append('\n');
        System.out.print(md);
    }

    private static String megapixels(int side) {
        return Math.round(side * (side * 0.75) / 1e6) + " MP";
    }

    private static void row(StringBuilder md, String label, List<Item> items, List<String> names, Map<String, Map<Item, Outcome>> results) {
        md.append("| ").append(label).append(" | ").append(items.size()).append(" |");
        for (String n : names) {
            long read = items.stream().filter(i -> results.get(n).get(i).read()).count();
            md.append(String.format(" %.1f%% |", 100.0 * read / items.size()));
        }
        md.append('\n');
    }
}
