package org.testigo.bench.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Sends every payload of a file to a Testigo server as a witness would, with N concurrent clients
 * (each one request at a time on its own keep-alive connection), and reports durable acknowledgements per second and latency.
 * Run it in its own JVM, apart from the server:
 * <pre>
 *   java -cp 'bench/target/classes:bench/target/lib/*' org.testigo.bench.load.SubmitLoad \
 *       http://127.0.0.1:8080 TOKEN payloads.txt 16
 * </pre>
 */
public final class SubmitLoad {
    private SubmitLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SubmitLoad SERVER_URL TOKEN PAYLOADS.txt CLIENTS");
            System.exit(2);
        }
        URI server = URI.create(args[0]);
        String token = args[1];
        List<String> payloads = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        int clients = Integer.parseInt(args[3]);
        AtomicInteger next = new AtomicInteger();
        AtomicIntegerArray statuses = new AtomicIntegerArray(600);
        long[] latencies = new long[payloads.size()];
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            threads[c] = new Thread(() -> {
                KeepAliveConnection connection = new KeepAliveConnection(server);
                for (int i; (i = next.getAndIncrement()) < payloads.size(); ) {
                    byte[] body = ("{\"payload\":\"" + payloads.get(i) + "\"}").getBytes(StandardCharsets.UTF_8);
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = connection.post("/api/v1/submissions", "Bearer " + token, body);
                    } catch (Exception e) {
                        status = 599;
                        try {
                            connection.close();
                        } catch (java.io.IOException ignored) {
                            // reconnects on the next request
                        }
                    }
                    latencies[i] = System.nanoTime() - t0;
                    statuses.incrementAndGet(Math.min(status, 599));
                }
            }, "client-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        int created = statuses.get(201);
        int duplicates = statuses.get(200);
        int failed = payloads.size() - created - duplicates;
        System.out.printf(Locale.ROOT, "submissions: %d in %.2f s with %d clients%n", payloads.size(), seconds, clients);
        System.out.printf(Locale.ROOT, "acknowledged: %d new (201), %d duplicates (200), %d not acknowledged%n",
                created, duplicates, failed);
        System.out.printf(Locale.ROOT, "throughput: %.0f durable acknowledgements/s%n", (created + duplicates) / seconds);
        System.out.printf(Locale.ROOT, "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", ms(latencies, 0.50),
                ms(latencies, 0.90), ms(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
        System.exit(failed == 0 ? 0 : 1);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e6;
    }
}
