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
import org.testigo.scan.Gray;
import org.testigo.scan.ImageLoader;
import org.testigo.scan.LoadedImage;
import org.testigo.scan.QrCascade;
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

    record Item(Path file, SyntheticActa acta) {
    }

    record Outcome(boolean read, long nanos) {
    }

    public static void main(String[] args) throws Exception {
        int perCategory = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        int side = args.length > 1 ? Integer.parseInt(args[1]) : ActaGenerator.TWELVE_MEGAPIXELS;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 2024;
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("testigo-scan-bench");
        Files.createDirectories(dir);
        ActaGenerator generator = new ActaGenerator(seed, side);
        long t0 = System.nanoTime();
        List<Item> items = generate(generator, perCategory, dir);
        System.err.printf("generated %d images in %s in %.0f s (Brazilian BUs: %s)%n", items.size(), dir, (System.nanoTime() - t0) / 1e9,
                generator.hasBrazil());

        ImageLoader loader = new ImageLoader();
        QrCascade cascade = new QrCascade();
        TallyFormat ve = TallyFormats.installed().byId("ve-2024").orElseThrow();
        BrBuReader br = BrBuReader.withPinnedKeys();
        Map<String, Map<Item, Outcome>> results = new java.util.LinkedHashMap<>();
        Map<String, double[]> speed = new HashMap<>();
        List<Item> photos = items.stream().filter(i -> i.acta().category().fullPhoto()).toList();
        List<Item> others = items.stream().filter(i -> !i.acta().category().fullPhoto()).toList();

        Map<String, Decode> decoders = new java.util.LinkedHashMap<>();
        decoders.put("ZXing alone", (bytes, acta) -> QrCascade.zxingAlone(Gray.of(loader.load(bytes).pixels())));
        decoders.put("BoofCV alone", (bytes, acta) -> QrCascade.boofcvAlone(Gray.of(loader.load(bytes).pixels())));
        decoders.put("Testigo cascade", (bytes, acta) -> {
            LoadedImage image = loader.load(bytes);
            // Stop as Testigo stops: when the codes make a valid tally of the acta's format.
            Predicate<List<String>> valid = acta.format().equals("br-bu")
                    ? p -> br.read(p) instanceof BrBuReading.Read
                    : p -> ve.decode(p, ve.defaultContext().orElseThrow()) instanceof Decoding.Decoded;
            return cascade.scan(image.pixels(), valid).payloads();
        });
        for (Map.Entry<String, Decode> d : decoders.entrySet()) {
            // Warm the JIT on a few images first, as a long-running server would be.
            run(d.getValue(), items.subList(0, Math.min(12, items.size())));
            Map<Item, Outcome> out = new HashMap<>();
            double photoSeconds = timed(() -> out.putAll(run(d.getValue(), photos)));
            double otherSeconds = timed(() -> out.putAll(run(d.getValue(), others)));
            results.put(d.getKey(), out);
            speed.put(d.getKey(), new double[] {items.size() / (photoSeconds + otherSeconds), photos.size() / photoSeconds});
            System.err.printf("%s: %.1f images/s, %.1f 12 MP photos/s%n", d.getKey(), speed.get(d.getKey())[0], speed.get(d.getKey())[1]);
        }
        Map<Item, Outcome> zbar = new HashMap<>();
        double zPhotos = timed(() -> zbar.putAll(zbarimg(photos)));
        double zOthers = timed(() -> zbar.putAll(zbarimg(others)));
        results.put("zbarimg", zbar);
        speed.put("zbarimg", new double[] {items.size() / (zPhotos + zOthers), photos.size() / zPhotos});
        print(items, results, speed, side);
    }

    interface Decode {
        List<String> read(byte[] bytes, SyntheticActa acta) throws Exception;
    }

    private static List<Item> generate(ActaGenerator generator, int perCategory, Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Item>> futures = new ArrayList<>();
            for (Category c : Category.values()) {
                for (int i = 0; i < perCategory; i++) {
                    int index = i;
                    futures.add(pool.submit(() -> {
                        SyntheticActa acta = generator.generate(c, index);
                        Path file = dir.resolve(acta.name());
                        Files.write(file, acta.bytes());
                        return new Item(file, acta);
                    }));
                }
            }
            List<Item> items = new ArrayList<>();
            for (Future<Item> f : futures) {
                items.add(f.get());
            }
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
                    long start = System.nanoTime();
                    List<String> texts;
                    try {
                        texts = decode.read(bytes, item.acta());
                    } catch (Exception e) {
                        texts = List.of();
                    }
                    return new Outcome(item.acta().readBy(texts), System.nanoTime() - start);
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
                out.put(item, new Outcome(item.acta().readBy(byFile.getOrDefault(item.file().toString(), Set.of())), 0));
            }
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("zbarimg could not run: " + e.getMessage(), e);
        }
    }

    private static void print(List<Item> items, Map<String, Map<Item, Outcome>> results, Map<String, double[]> speed, int side) {
        List<String> names = List.of("zbarimg", "ZXing alone", "BoofCV alone", "Testigo cascade");
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
