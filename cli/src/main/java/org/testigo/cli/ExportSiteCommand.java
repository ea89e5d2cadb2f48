package org.testigo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.testigo.deployment.Deployment;
import org.testigo.ledger.NoteKey;
import org.testigo.roll.RollIndex;
import org.testigo.store.Database;
import org.testigo.transparency.LogKeyFile;
import org.testigo.web.mirror.MirrorExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export-site", mixinStandardHelpOptions = true,
        description = "Write the public site as a static mirror (docs/mirrors.md): every page in both languages, the JSON"
            + " documents, assets, acta images (web copies and thumbnails, never originals), the open-data bundle under data/,"
            + " .gz and .br beside each compressible file, and SHA256SUMS (check with `sha256sum -c SHA256SUMS`). Any static"
            + " server, CDN, object store, torrent or file:// serves it as is. Written into DIR.tmp-… and renamed when"
            + " complete; a previous mirror in DIR is replaced.")
final class ExportSiteCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "DIR", description = "A new or empty folder, or a previous mirror to replace.")
    Path dir;

    @Option(names = "--with-roll", description = "Also publish the voter roll as hashed shards under roll/, so find.html works"
            + " on the mirror (in the browser). Opt-in, and think first: national ids are a small space, so anyone can hash"
            + " every possible id and list the whole roll (who votes at which table) from a mirror that carries it.")
    boolean withRoll;

    @Option(names = "--bundle", paramLabel = "BUNDLE_DIR",
            description = "Copy this open-data bundle (from `testigo export-data`) under data/ instead of writing one afresh.")
    Path bundle;

    @Option(names = "--key", paramLabel = "FILE",
            description = "The log signing key, to write the bundle (default: " + LogKeyFile.DEFAULT_NAME + " in the --data folder).")
    Path key;

    @Option(names = "--threads", paramLabel = "N", description = "Files rendered and compressed at once (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() {
        MirrorExport.Options options = MirrorExport.Options.defaults();
        if (threads != null) {
            if (threads < 1) {
                throw new UserError("--threads must be at least 1, not " + threads);
            }
            options = options.withThreads(threads);
        }
        NoteKey logKey = null;
        if (bundle != null) {
            if (!Files.isDirectory(bundle)) {
                throw new UserError("--bundle " + bundle + " is not a folder (give the folder `testigo export-data` wrote)");
            }
            options = options.withBundle(bundle);
        } else {
            Path keyFile = key != null ? key : store.data.resolve(LogKeyFile.DEFAULT_NAME);
            if (!Files.exists(keyFile)) {
                throw new UserError("the mirror carries the open-data bundle, which needs the log signing key: there is none at "
                        + keyFile + "; give it with --key FILE, or copy a bundle already written with --bundle BUNDLE_DIR");
            }
            try {
                logKey = LogKeyFile.load(keyFile);
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError("cannot read the log signing key: " + e.getMessage());
            }
            options = options.withLogKey(logKey);
        }
        long start = System.nanoTime();
        try (Deployment d = logKey == null ? store.open() : Deployment.open(Database.open(store.config()), Clock.systemUTC(), logKey)) {
            if (d.running().isEmpty()) {
                throw new UserError("no election is loaded in " + store.data + " (load one with `testigo election …`)");
            }
            if (withRoll) {
                Rolls.attachSaved(d, store.data);
                RollIndex roll = d.roll().orElseThrow(() -> new UserError(
                        "--with-roll: the loaded election has no voter roll (its package has no voters/roll.csv)"));
                options = options.withRoll(roll);
            }
            MirrorExport.Summary s = MirrorExport.write(d, dir, options);
            System.out.printf(Locale.ROOT, "Wrote the mirror %s in %.1f s: %,d files, %.1f MB (%,d pages, %,d JSON documents,"
                            + " %,d images, %,d bundle files, %,d roll files, %,d .gz/.br)%n", s.dir(), (System.nanoTime() - start) / 1e9,
                    s.files(), s.bytes() / 1e6, s.pages(), s.documents(), s.images(), s.dataFiles(), s.rollFiles(), s.compressed());
            if (withRoll) {
                System.out.println("It carries the voter roll under roll/: anyone who copies it can enumerate who votes where.");
            }
            if (!s.steady()) {
                System.out.println("Warning: results arrived during the export, so pages may show two moments; export again when quiet.");
            }
            System.out.println("Check it with: (cd " + s.dir() + " && sha256sum --quiet -c " + MirrorExport.SUMS + ")");
            return 0;
        } catch (IOException e) {
            throw new UserError("cannot write " + dir + ": " + e); // the exception's kind says what (no such file, no space…)
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
