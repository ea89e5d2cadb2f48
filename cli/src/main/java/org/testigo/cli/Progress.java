package org.testigo.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A live progress line: count, rate and time left, redrawn in place on a terminal and printed every
 * few seconds otherwise (logs, CI).
 */
final class Progress {
    private final PrintStream out;
    private final String what;
    private final long total;
    private final long started = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastPrint = started;

    Progress(PrintStream out, String what, long total) {
        this.out = out;
        this.what = what;
        this.total = total;
    }

    /**
     * Shows progress; cheap to call often, prints at most a few times a second ({@code extra} is only
     * computed then).
     */
    synchronized void show(long done, java.util.function.Supplier<String> extraLine) {
        long now = System.nanoTime();
        if (done < total && now - lastPrint < (terminal ? 200_000_000L : 5_000_000_000L)) {
            return;
        }
        lastPrint = now;
        String extra = extraLine.get();
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        String line = String.format(Locale.ROOT, "  %,d / %,d %s · %,.0f/s · %s left%s", done, total, what, rate,
                clock(eta), extra.isEmpty() ? "" : " · " + extra);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            if (done >= total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
