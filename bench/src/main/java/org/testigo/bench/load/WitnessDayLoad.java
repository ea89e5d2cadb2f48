package org.testigo.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.testigo.views.Json;

/**
 * Election day in a few minutes, against a running server: W witnesses (each with its own token, assigned
 * to one table of the quick-count sample) each send their acta — as QR text, or one in ten as a photo no
 * software can read, which goes to the transcription desk — and three turnout check-ins at random moments
 * of the run; V volunteers work the desk (next image, a few seconds of "typing", the entry); R readers
 * load the public documents (national results, a state, a table) every few seconds. Reports, per kind of
 * request, how many, how many failed (any answer other than the ones the API documents for it) and the
 * latency percentiles. Run it in its own JVM:
 * <pre>
 *   java -cp 'bench/target/classes:bench/target/lib/*' org.testigo.bench.load.WitnessDayLoad \
 *       http://127.0.0.1:8080 ADMIN_TOKEN sample.txt payloads.txt 300 [WITNESSES VOLUNTEERS READERS]
 * </pre>
 * {@code sample.txt} is the sample document ({@code testigo sample draw --out}); witnesses watch its tables,
 * so their check-ins count. {@code payloads.txt} has one ve-2024 QR text per table ({@code V2Payloads}).
 */
public final class WitnessDayLoad {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String[] TIMES = {"10:00", "14:00", "18:00"};
    private static final double[] TURNOUT_SHARE = {0.3, 0.6, 1.0};
    /** Seconds a volunteer takes over one acta in this run (the desk's target is under 60 s for a person). */
    private static final int VOLUNTEER_TYPING_MS = 3_000;
    private static final int READER_PAUSE_MS = 20_000;

    private final URI server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
    private final Map<Long, String> photoPayloads = new ConcurrentHashMap<>();

    private WitnessDayLoad(URI server) {
        this.server = server;
    }

    /** Latencies and failures of one kind of request. */
    static final class Stats {
        final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        final AtomicLong failures = new AtomicLong();
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    }

    record Answer(int status, byte[] body) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 8) {
            System.err.println("usage: WitnessDayLoad SERVER_URL ADMIN_TOKEN SAMPLE.txt PAYLOADS.txt SECONDS [WITNESSES VOLUNTEERS READERS]");
            System.exit(2);
        }
        URI server = URI.create(args[0]);
        String admin = args[1];
        List<String> sample = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        List<String> sampleTables = sample.subList(5, sample.size()).stream().filter(l -> !l.isBlank()).toList();
        Map<String, String> payloadOf = new LinkedHashMap<>();
        for (String p : Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8)) {
            if (!p.isBlank()) {
                String acta = p.substring(0, p.indexOf('!'));
                payloadOf.put(acta.substring(0, acta.indexOf('.', acta.indexOf('.') + 1)), p);
            }
        }
        int seconds = Integer.parseInt(args[4]);
        int witnesses = args.length == 8 ? Integer.parseInt(args[5]) : 500;
        int volunteers = args.length == 8 ? Integer.parseInt(args[6]) : 20;
        int readers = args.length == 8 ? Integer.parseInt(args[7]) : 1_000;
        List<String> tables = sampleTables.stream().filter(payloadOf::containsKey).limit(witnesses).toList();
        if (tables.size() < witnesses) {
            System.err.println("the sample has only " + tables.size() + " tables with a payload; draw a sample of at least " + witnesses);
            System.exit(2);
        }
        new WitnessDayLoad(server).run(admin, tables, payloadOf, seconds, volunteers, readers);
    }

    private void run(String admin, List<String> tables, Map<String, String> payloadOf, int seconds, int volunteers, int readers)
            throws Exception {
        // Setup (not measured): one token per witness, their assignments, the volunteers' tokens.
        String[] witnessTokens = new String[tables.size()];
        StringBuilder csv = new StringBuilder("table_id,witness\n");
        for (int i = 0; i < tables.size(); i++) {
            JsonNode t = post("/api/v1/tokens", admin, "{\"role\":\"witness\",\"name\":\"load-w" + i + "\"}").json();
            witnessTokens[i] = t.get("token").asText();
            csv.append(tables.get(i)).append(',').append(t.get("submitter").asText()).append('\n');
        }
        Answer imported = send(HttpRequest.newBuilder(server.resolve("/api/v1/assignments")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString())));
        if (imported.status() != 200) {
            throw new IllegalStateException("assignments import: " + imported.status() + " " + new String(imported.body(), StandardCharsets.UTF_8));
        }
        String[] volunteerTokens = new String[volunteers];
        for (int v = 0; v < volunteers; v++) {
            volunteerTokens[v] = post("/api/v1/tokens", admin, "{\"role\":\"volunteer\",\"name\":\"load-v" + v + "\"}").json().get("token").asText();
        }
        List<String> states = new ArrayList<>();
        post("/api/v1/tokens", admin, "{\"role\":\"witness\",\"name\":\"unused\"}"); // the token route is warm too
        for (JsonNode c : get("/api/v1/results", null).json().get("children")) {
            states.add(c.get("code").asText());
        }
        System.out.printf(Locale.ROOT, "setup: %d witnesses assigned, %d volunteers, %d readers; run of %d s%n",
                tables.size(), volunteers, readers, seconds);

        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        CountDownLatch witnessesDone = new CountDownLatch(tables.size());
        for (int i = 0; i < tables.size(); i++) {
            int w = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    witness(w, witnessTokens[w], tables.get(w), payloadOf.get(tables.get(w)), start, seconds);
                } finally {
                    witnessesDone.countDown();
                }
            }));
        }
        for (int v = 0; v < volunteers; v++) {
            String token = volunteerTokens[v];
            threads.add(Thread.ofVirtual().start(() -> volunteer(token, end)));
        }
        for (int r = 0; r < readers; r++) {
            long seed = r;
            threads.add(Thread.ofVirtual().start(() -> reader(new Random(seed), tables, states, end)));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        JsonNode desk = get("/api/v1/desk/tasks", admin).json().get("counts");
        System.out.printf(Locale.ROOT, "run: %.1f s; desk tasks at the end: %s%n", elapsed, desk);
        report();
    }

    private void witness(int w, String token, String table, String payload, long start, int seconds) {
        Random random = new Random(w);
        long[] at = new long[4];
        for (int k = 0; k < 4; k++) {
            at[k] = (long) (random.nextDouble() * seconds * 0.95 * 1e9);
        }
        Arrays.sort(at);
        long cast = cast(payload);
        for (int k = 0; k < 4; k++) {
            sleepUntil(start + at[k]);
            if (k < 3) {
                String body = "{\"table\":\"" + table + "\",\"kind\":\"turnout\",\"at\":\"" + TIMES[k] + "\",\"voters\":"
                        + Math.round(cast * TURNOUT_SHARE[k]) + "}";
                measure("checkin", Set.of(201), () -> post("/api/v1/checkins", token, body));
            } else if (w % 10 == 0) {
                Answer a = measure("acta-photo", Set.of(202), () -> sendPhoto(token, unreadablePhoto(w)));
                if (a != null && a.status() == 202) {
                    photoPayloads.put(a.json().get("id").asLong(), payload);
                }
            } else {
                measure("acta-qr", Set.of(201), () -> post("/api/v1/submissions", token,
                        "{\"payload\":\"" + payload + "\"}"));
            }
        }
    }

    private void volunteer(String token, long end) {
        while (System.nanoTime() < end) {
            Answer next = measure("desk-next", Set.of(200, 204), () -> get("/api/v1/desk/next", token));
            if (next == null || next.status() != 200) {
                sleep(2_000);
                continue;
            }
            JsonNode task = next.json();
            String payload = photoPayloads.get(task.at("/images/0/id").asLong());
            String entries = task.at("/links/entries").asText();
            sleep(VOLUNTEER_TYPING_MS);
            if (payload == null) { // not one of this run's photos
                measure("desk-release", Set.of(200), () -> post(task.at("/links/release").asText(), token, "{}"));
                continue;
            }
            measure("desk-entry", Set.of(201), () -> post(entries, token, entry(task, payload)));
        }
    }

    private void reader(Random random, List<String> tables, List<String> states, long end) {
        sleep(random.nextInt(READER_PAUSE_MS));
        while (System.nanoTime() < end) {
            String path = switch (random.nextInt(3)) {
                case 0 -> "/api/v1/results";
                case 1 -> "/api/v1/results/" + states.get(random.nextInt(states.size()));
                default -> "/api/v1/tables/" + tables.get(random.nextInt(tables.size()));
            };
            measure("public-read", Set.of(200), () -> get(path, null));
            sleep(READER_PAUSE_MS / 2 + random.nextInt(READER_PAUSE_MS));
        }
    }

    /** What both volunteers of a task type: the acta's cards in box order and its null votes (they agree). */
    private static String entry(JsonNode task, String payload) {
        String[] parts = payload.split("!");
        String acta = parts[0];
        String table = acta.substring(0, acta.indexOf('.', acta.indexOf('.') + 1));
        String[] counts = parts[1].split(",");
        StringBuilder cards = new StringBuilder();
        JsonNode boxes = task.at("/form/boxes");
        for (int i = 0; i < boxes.size(); i++) {
            cards.append(i == 0 ? "" : ",").append('"').append(boxes.get(i).get("id").asText()).append("\":").append(counts[i]);
        }
        return "{\"table\":\"" + table + "\",\"" + task.at("/form/counts_field").asText() + "\":{" + cards + "},\"null\":" + parts[2] + "}";
    }

    private static long cast(String payload) {
        String[] parts = payload.split("!");
        long sum = Long.parseLong(parts[2]);
        for (String c : parts[1].split(",")) {
            sum += Long.parseLong(c);
        }
        return sum;
    }

    /** A white sheet with printed-looking rows and no code: the decoder finds nothing, a person must read it. */
    static byte[] unreadablePhoto(int variant) {
        BufferedImage image = new BufferedImage(400, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 600);
        Random random = new Random(variant);
        g.setColor(Color.DARK_GRAY);
        for (int y = 40; y < 560; y += 18) {
            g.fillRect(30, y, 60 + random.nextInt(300), 6);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private Answer sendPhoto(String token, byte[] png) {
        String boundary = "testigo-load-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"acta.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(server.resolve("/api/v1/submissions")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private Answer post(String path, String token, String json) {
        return send(HttpRequest.newBuilder(server.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve(path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(599, e.toString().getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(599, new byte[0]);
        }
    }

    private Answer measure(String kind, Set<Integer> expected, java.util.function.Supplier<Answer> call) {
        Stats s = stats.computeIfAbsent(kind, k -> new Stats());
        long t0 = System.nanoTime();
        Answer a = call.get();
        s.nanos.add(System.nanoTime() - t0);
        s.statuses.computeIfAbsent(a.status(), k -> new AtomicLong()).incrementAndGet();
        if (!expected.contains(a.status())) {
            if (s.failures.incrementAndGet() <= 3) {
                System.err.println(kind + ": HTTP " + a.status() + " " + new String(a.body(), StandardCharsets.UTF_8)
                        .substring(0, Math.min(300, a.body().length)));
            }
        }
        return a;
    }

    private void report() {
        System.out.println("kind          requests  failures  p50 ms  p99 ms  max ms  statuses");
        long failures = 0;
        for (String kind : new java.util.TreeSet<>(stats.keySet())) {
            Stats s = stats.get(kind);
            long[] n = s.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            failures += s.failures.get();
            System.out.printf(Locale.ROOT, "%-13s %8d  %8d  %6.1f  %6.1f  %6.1f  %s%n", kind, n.length, s.failures.get(),
                    pct(n, 0.50), pct(n, 0.99), n.length == 0 ? 0 : n[n.length - 1] / 1e6, new java.util.TreeMap<>(s.statuses));
        }
        System.out.println("failures: " + failures);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static void sleepUntil(long nanoTime) {
        long ms = (nanoTime - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            sleep(ms);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
