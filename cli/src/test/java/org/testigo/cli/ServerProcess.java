package org.testigo.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A `testigo` command running in its own JVM, as a coordinator would start it. */
final class ServerProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("URL:\\s+http://[^:]+:(\\d+)/");
    final Process process;
    final int port;
    private final List<String> output = new ArrayList<>();

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code testigo serve --data DIR --port 0} and waits until it prints its URL. */
    static ServerProcess serve(Path data, String... extra) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "org.testigo.cli.Main",
                "serve", "--data", data.toString(), "--port", "0", "--host", "127.0.0.1"));
        command.addAll(List.of(extra));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher m = URL.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
            port.completeExceptionally(new IllegalStateException("server exited without a URL: " + lines));
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ServerProcess s = new ServerProcess(p, port.get(120, TimeUnit.SECONDS));
            synchronized (lines) {
                s.output.addAll(lines);
            }
            return s;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("server did not start: " + lines, e);
        }
    }

    /** What the server printed up to its URL. */
    List<String> output() {
        return List.copyOf(output);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
