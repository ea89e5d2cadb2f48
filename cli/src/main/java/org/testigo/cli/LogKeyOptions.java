package org.testigo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import org.testigo.store.Database;
import org.testigo.store.ElectionStore;
import org.testigo.ledger.NoteKey;
import org.testigo.transparency.LogKeyFile;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the deployment's log signing key lives: {@code --key FILE}, by default {@code DATA/log-signing.key}.
 * The key never enters the database (backups and replicas copy it) and is never printed; only its
 * verifier key is.
 */
final class LogKeyOptions {
    @Option(names = "--key", paramLabel = "FILE",
            description = "The log signing key (default: DATA/" + LogKeyFile.DEFAULT_NAME + ", readable by its owner only).")
    Path key;

    Path file(StoreOptions store) {
        return key != null ? key : store.data.resolve(LogKeyFile.DEFAULT_NAME);
    }

    /** Reads the key; a missing or unreadable file is the user's to fix. */
    static NoteKey load(Path file) {
        if (!Files.exists(file)) {
            throw new UserError("there is no log signing key at " + file + "; create one with `testigo keys init`");
        }
        try {
            return LogKeyFile.load(file);
        } catch (IOException e) {
            throw new UserError("cannot read the log signing key " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Creates a key; refuses to replace one and refuses an origin that is not a valid key name. */
    static NoteKey create(Path file, String origin) {
        try {
            return LogKeyFile.create(file, origin);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw alreadyExists(file);
        } catch (IOException e) {
            throw new UserError("cannot write the log signing key " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserError("the log's origin \"" + origin + "\" cannot name a key: " + e.getMessage(), e);
        }
    }

    static UserError alreadyExists(Path file) {
        return new UserError(file + " already holds a log signing key; it is never replaced (a new key would fork the"
                + " log). `testigo keys show` prints its verifier key.");
    }

    /**
     * The origin a new key gets unless told: the election's id (a log belongs to one election's
     * deployment), or the host's name before any election is loaded. Either way a valid key name.
     */
    static String defaultOrigin(Deployment deployment) {
        return deployment == null || deployment.running().isEmpty() ? defaultOrigin((String) null)
                : defaultOrigin(deployment.requireRunning().election().id());
    }

    static String defaultOrigin(String electionId) {
        String name = electionId;
        if (name == null) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "local";
            }
        }
        return "testigo/" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    }

    /**
     * The key serving needs: the one on disk, or a new one created now. Creating one is said loudly, with
     * its verifier key: the operator must back the file up and publish that key.
     */
    static NoteKey loadOrCreate(Path file, java.util.function.Supplier<String> origin) {
        if (Files.exists(file)) {
            return load(file);
        }
        NoteKey key = create(file, origin.get());
        System.out.println("*** Created a new log signing key: " + file.toAbsolutePath());
        System.out.println("*** It signs this deployment's checkpoints. Back the file up now and keep it secret:");
        System.out.println("*** without it the log cannot be extended under the same key; with it anyone can sign in its name.");
        System.out.println("*** Publish the verifier key; witnesses check checkpoints and receipts with it:");
        System.out.println(key.verifier().encoded());
        System.out.flush();
        return key;
    }

    /**
     * Opens the deployment publishing its log: with the key at {@link #file}, created when missing (named
     * after {@code electionId}, or the election the database holds).
     */
    Deployment open(StoreOptions store, String electionId) {
        Path file = file(store);
        Database database = Database.open(store.config());
        try {
            NoteKey key = loadOrCreate(file, () -> defaultOrigin(electionId != null ? electionId
                    : new ElectionStore(database).load().map(Election::id).orElse(null)));
            return Deployment.open(database, Clock.systemUTC(), key);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Picocli's reading of durations such as {@code 5s}, {@code 500ms}, {@code 1m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            var m = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m)").matcher(value.strip());
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("a duration is a number followed by ms, s or m (e.g. 5s), not \""
                        + value + "\"");
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
            if (d.toMillis() < 100) {
                throw new CommandLine.TypeConversionException("checkpoints are issued at most every 100ms, not every " + value);
            }
            return d;
        }
    }
}
