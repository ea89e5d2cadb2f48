package org.testigo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testigo.scan.ActaReading;
import org.testigo.scan.ActaScanner;
import org.testigo.scan.ImageLimits;
import org.testigo.tally.Tally;
import org.testigo.tally.TallyFormat;
import org.testigo.tally.TallyFormats;
import org.testigo.views.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read the QR codes of acta photos or scans and decode their tallies. No database, no server.",
            "Files are decoded in parallel on every core; one line per file, in the order given."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file gave a tally", "1:some file did not (no QR code, a code that is no tally, "
                + "a refused or missing file)", "2:usage error (no FILE, unknown --format)"})
final class DecodeCommand implements Callable<Integer> {
    @Option(names = "--format", paramLabel = "ID",
            description = "Tally format id, e.g. ve-2024 (default: guessed from the QR text).")
    String format;

    @Option(names = "--json", description = "One JSON object per line: file, ok, format, payloads, table, votes, strategy, ms; "
            + "or ok:false with error (and payloads when codes were found, reason when the file was refused).")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "JPEG, PNG, WebP or TIFF images.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        TallyFormats formats = TallyFormats.installed();
        TallyFormat chosen = null;
        if (format != null) {
            chosen = formats.byId(format).orElseThrow(() -> new UserError("unknown tally format \"" + format + "\"; known: "
                    + String.join(", ", formats.ids())));
        }
        TallyFormat f = chosen;
        ActaScanner scanner = ActaScanner.standard();
        boolean allRead = true;
        try (ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            List<Future<Map<String, Object>>> results = new ArrayList<>();
            for (Path file : files) {
                results.add(pool.submit(() -> decode(scanner, f, file)));
            }
            for (Future<Map<String, Object>> result : results) {
                Map<String, Object> line = result.get();
                allRead &= Boolean.TRUE.equals(line.get("ok"));
                System.out.println(json ? new String(Json.bytes(line), StandardCharsets.UTF_8) : readable(line));
            }
        }
        return allRead ? 0 : 1;
    }

    /** One file's line; every way a file can fail is a line, not an exception. */
    static Map<String, Object> decode(ActaScanner scanner, TallyFormat format, Path file) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        long start = System.nanoTime();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                return failed(out, "is a directory, not an image file", null, start);
            }
            long size = Files.size(file);
            long max = ImageLimits.DEFAULT.maxBytes();
            if (size > max) {
                // Refused before reading: a huge file must not fill the memory.
                return failed(out, "the file has " + size + " bytes; at most " + max + " are accepted", "too-large", start);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return failed(out, "no such file", null, start);
        } catch (AccessDeniedException e) {
            return failed(out, "permission denied", null, start);
        } catch (IOException e) {
            return failed(out, "cannot be read: " + e.getMessage(), null, start);
        }
        ActaReading reading = scanner.read(bytes, format, null);
        switch (reading) {
            case ActaReading.Read read -> {
                Tally t = read.decoded().tally();
                out.put("ok", true);
                out.put("format", read.format().id());
                out.put("payloads", read.payloads());
                out.put("table", t.table().value());
                Map<String, Object> votes = new LinkedHashMap<>();
                votes.put("candidates", t.candidates().toArray());
                votes.put("cards", t.cards().toArray());
                votes.put("null", t.nullVotes());
                votes.put("blank", t.blankVotes());
                out.put("votes", votes);
                out.put("strategy", read.strategy());
                out.put("ms", read.millis());
            }
            case ActaReading.Unreadable unreadable -> {
                out.put("ok", false);
                out.put("error", unreadable.problem());
                out.put("payloads", unreadable.payloads());
                out.put("strategy", unreadable.strategy());
                out.put("ms", unreadable.millis());
            }
            case ActaReading.Refused refused -> {
                out.put("ok", false);
                out.put("error", refused.refusal().getMessage());
                out.put("reason", refused.refusal().code());
                out.put("ms", refused.millis());
            }
        }
        return out;
    }

    private static Map<String, Object> failed(Map<String, Object> out, String error, String reason, long start) {
        out.put("ok", false);
        out.put("error", error);
        if (reason != null) {
            out.put("reason", reason);
        }
        out.put("ms", (System.nanoTime() - start) / 1_000_000);
        return out;
    }

    @SuppressWarnings("unchecked")
    static String readable(Map<String, Object> line) {
        String file = (String) line.get("file");
        if (Boolean.TRUE.equals(line.get("ok"))) {
            return String.format(Locale.ROOT, "%s: %s table %s (%s, %d ms)", file, line.get("format"), line.get("table"),
                    line.get("strategy"), (Long) line.get("ms"));
        }
        List<String> payloads = (List<String>) line.getOrDefault("payloads", List.of());
        String codes = payloads.isEmpty() ? "" : " [" + payloads.size() + " QR code" + (payloads.size() == 1 ? "" : "s") + " found]";
        String reason = line.containsKey("reason") ? " (" + line.get("reason") + ")" : "";
        return file + ": FAILED " + line.get("error") + reason + codes;
    }
}
