package org.testigo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.testigo.deployment.Deployment;
import org.testigo.ledger.NoteKey;
import org.testigo.opendata.DataExport;
import org.testigo.store.Database;
import org.testigo.transparency.LogKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export-data", mixinStandardHelpOptions = true,
        description = {"Write the open-data bundle (docs/open-data.md) for the log's latest checkpoint:",
            "the election package, every piece of evidence's exact content, the log as tlog-tiles with its key,",
            "the published results, and SHA256SUMS sealed by the log key. `testigo verify DIR` checks it."})
final class ExportDataCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "DIR", description = "A new or empty folder.")
    Path dir;

    @Option(names = "--key", paramLabel = "FILE",
            description = "The log signing key (default: " + LogKeyFile.DEFAULT_NAME + " in the --data folder).")
    Path key;

    @Override
    public Integer call() {
        Path keyFile = key != null ? key : store.data.resolve(LogKeyFile.DEFAULT_NAME);
        if (!Files.exists(keyFile)) {
            throw new UserError("there is no log signing key at " + keyFile + "; give it with --key FILE (`testigo keys init` creates one)");
        }
        NoteKey logKey;
        try {
            logKey = LogKeyFile.load(keyFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("cannot read the log signing key: " + e.getMessage());
        }
        try (Deployment d = Deployment.open(Database.open(store.config()), Clock.systemUTC(), logKey)) {
            d.requireRunning();
            DataExport.Summary s = DataExport.write(d, logKey, dir);
            System.out.printf(Locale.ROOT, "Wrote %s: %,d files, %,d pieces of evidence (%,d images), log of %,d entries%n", dir,
                    s.files(), s.evidence(), s.images(), s.checkpoint().size());
            System.out.println("Log key: " + logKey.verifier().encoded());
            return 0;
        } catch (IOException e) {
            throw new UserError("cannot write " + dir + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
