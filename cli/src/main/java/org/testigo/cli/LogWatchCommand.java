package org.testigo.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.testigo.ledger.FileSource;
import org.testigo.ledger.LogMonitor;
import org.testigo.ledger.LogVerdict;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.SignedNote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watch a deployment's transparency log (its /log/ URL) or a mirror folder: check every checkpoint's signature",
                "and prove from the tiles that it extends the last one seen. A rollback, a fork (rewritten history), a bad",
                "signature or bad tiles is an ALARM; an unreachable source is a warning.",
                "Exit codes with --once: 0 good, 3 alarm, 4 source unreachable, 2 bad arguments."})
final class LogWatchCommand implements Callable<Integer> {
    static final int ALARM = 3;
    static final int UNREACHABLE = 4;

    @Parameters(index = "0", paramLabel = "URL|DIR", description = "The log's base: e.g. https://host/log/ or a mirror folder.")
    String location;

    @Option(names = "--key", required = true, paramLabel = "VKEY|FILE", description = "The log's verifier key, or a file holding it.")
    String key;

    @Option(names = "--interval", defaultValue = "10s", paramLabel = "DURATION", converter = Durations.class,
            description = "Time between looks (e.g. 10s, 2m; default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--once", description = "Look once and exit with a code saying what was found.")
    boolean once;

    @Option(names = "--state", paramLabel = "FILE", description = "Remember the last good checkpoint here, so a restart keeps comparing with it.")
    Path state;

    @Override
    public Integer call() throws InterruptedException {
        NoteVerifier verifier = LogKeys.verifier(key, "--key");
        LogMonitor monitor = new LogMonitor(FileSource.of(location), verifier);
        SignedNote last = LogKeys.remembered(state);
        if (last != null && !last.isSignedBy(verifier)) {
            throw new UserError("the state file " + state + " holds a checkpoint not signed by " + verifier.name() + "+" + verifier.keyIdHex());
        }
        System.out.println("Watching " + monitor.source().describe() + " for " + verifier.name() + "+" + verifier.keyIdHex()
                + (last == null ? "" : " (last seen: size " + org.testigo.ledger.Checkpoint.parse(last.text()).size() + ")"));
        while (true) {
            LogVerdict verdict = monitor.observe(last);
            report(verdict);
            if (verdict.isGood()) {
                last = verdict.note();
                LogKeys.remember(state, last);
            }
            if (once) {
                return verdict.isGood() ? 0 : verdict.isAlarm() ? ALARM : UNREACHABLE;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** One line per look; alarms go to standard error with both checkpoints, the evidence of what the log did. */
    static void report(LogVerdict verdict) {
        report(verdict, System.out);
    }

    /** The same, good news going to {@code ok} (standard error when standard output carries a result). */
    static void report(LogVerdict verdict, java.io.PrintStream ok) {
        String when = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        switch (verdict.code().severity()) {
            case OK -> ok.println(when + " ok " + verdict.code() + ": " + verdict.message());
            case WARNING -> System.err.println(when + " warning " + verdict.code() + ": " + verdict.message());
            case ALARM -> {
                System.err.println(when + " ALARM " + verdict.code() + ": " + verdict.message());
                if (verdict.previous() != null) {
                    System.err.println("--- the checkpoint seen before:");
                    System.err.print(verdict.previous().format());
                }
                if (verdict.note() != null) {
                    System.err.println("--- the checkpoint now served:");
                    System.err.print(verdict.note().format());
                }
            }
        }
        System.out.flush();
        System.err.flush();
    }

    /** Durations as people type them: 500ms, 10s, 2m, 1h (or ISO-8601, PT10S). */
    static final class Durations implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]{0,6})(ms|s|m|h)").matcher(text);
            Duration d;
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                try {
                    d = Duration.parse(text);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new picocli.CommandLine.TypeConversionException("a duration is like 500ms, 10s, 2m or 1h, not \"" + text + "\"");
                }
            }
            if (d.toMillis() < 100) {
                throw new picocli.CommandLine.TypeConversionException("an interval of at least 100ms, not " + text);
            }
            return d;
        }
    }
}
