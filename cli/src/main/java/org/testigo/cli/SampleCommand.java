package org.testigo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.testigo.analysis.sample.Allocation;
import org.testigo.analysis.sample.Sample;
import org.testigo.analysis.sample.SampleDraw;
import org.testigo.analysis.sample.Strata;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import org.testigo.quickcount.LiveQuickCount;
import org.testigo.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The quick-count sample: draw it and commit to it, reveal it, and let anyone check it. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "The quick-count sample: draw (and commit to) it before election day, reveal it after, check it anywhere.",
        subcommands = {SampleCommand.Draw.class, SampleCommand.Reveal.class, SampleCommand.Check.class})
final class SampleCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static Election election(Deployment d) {
        return d.running().orElseThrow(() -> new UserError("no election is loaded in " + d.database().describe()
                + "; load one first (testigo election --help)")).election();
    }

    static Sample draw(Election election, int size, String strata, String seed) {
        try {
            return SampleDraw.draw(election, size, strata, seed);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    @Command(name = "draw", mixinStandardHelpOptions = true,
            description = {"Draw a stratified random sample of tables from a seed, keep it in the deployment and print its commitment.",
                "Publish the commitment before election day; keep the seed secret until `testigo sample reveal`."})
    static final class Draw implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--size", required = true, paramLabel = "N", description = "Tables to sample.")
        int size;

        @Option(names = "--strata", paramLabel = "LEVEL",
                description = "A level of the election's geography (default: the top level, e.g. estado), or \"nation\" for a simple random sample.")
        String strata;

        @Option(names = "--seed", required = true, paramLabel = "S",
                description = "The seed (1-256 characters). Use at least 20 random characters: a guessable seed reveals the sample.")
        String seed;

        @Option(names = "--times", paramLabel = "HH:MM,…", defaultValue = "10:00,14:00,18:00",
                description = "Times of day witnesses phone in turnout (default: ${DEFAULT-VALUE}).")
        String times;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the sample document (seed and list: keep it private until the reveal).")
        Path out;

        @Override
        public Integer call() throws IOException {
            List<LocalTime> turnoutTimes;
            try {
                turnoutTimes = LiveQuickCount.parseTimes(times);
            } catch (IllegalArgumentException e) {
                throw new UserError("--times: " + e.getMessage());
            }
            try (Deployment d = store.open()) {
                Election election = election(d);
                Sample sample = draw(election, size, strata, seed);
                SampleStore.Committed committed;
                try {
                    committed = d.commitSample(sample, turnoutTimes);
                } catch (IllegalStateException | IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
                if (out != null) {
                    Files.write(out, sample.document());
                }
                Strata s = Strata.of(election, sample.strata());
                long[] populations = s.populations();
                int[] allocation = Allocation.largestRemainder(populations, size);
                System.out.printf(Locale.ROOT, "Sample of %,d of %,d tables of %s, stratified by %s (%d strata, largest-remainder allocation)%n",
                        size, election.geography().tableCount(), election.id(), sample.strata(), s.count());
                for (int h = 0; h < s.count(); h++) {
                    System.out.printf(Locale.ROOT, "  %-10s %-32s %,7d tables  %,5d sampled%n", s.codes().get(h).isEmpty() ? "-" : s.codes().get(h),
                            s.names().get(h), populations[h], allocation[h]);
                }
                System.out.println("Turnout check-ins at " + LiveQuickCount.formatTimes(turnoutTimes));
                System.out.println(committed == SampleStore.Committed.NEW ? "Committed in the deployment." : "Already committed (unchanged).");
                if (seed.length() < 20) {
                    System.err.println("testigo: warning: a seed of " + seed.length() + " characters can be guessed from the commitment;"
                            + " use at least 20 random characters");
                }
                System.out.println("Commitment (SHA-256 of the sample document; publish it now):");
                System.out.println(sample.commitment());
                return 0;
            }
        }
    }

    @Command(name = "reveal", mixinStandardHelpOptions = true,
            description = {"Publish the committed sample: write its document (seed and list) and show them in GET /api/v1/quickcount.",
                "Anyone can then check it: sha256sum FILE gives the commitment, and `testigo sample check` draws it again."})
    static final class Reveal implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--out", paramLabel = "FILE", defaultValue = "quickcount-sample.txt",
                description = "Where to write the sample document (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Deployment d = store.open()) {
                election(d);
                SampleStore.StoredSample stored = d.samples().load()
                        .orElseThrow(() -> new UserError("no quick-count sample has been drawn (testigo sample draw)"));
                var at = d.revealSample();
                Files.write(out, stored.document());
                Sample sample = Sample.parse(stored.document());
                System.out.println("Revealed at " + at + ": " + out);
                System.out.println("Seed: " + sample.seed());
                System.out.println("Commitment: " + stored.commitment());
                return 0;
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Draw the sample again from its seed and check it against a published commitment.",
                "Size and strata come from --file (a revealed sample document), from the options, or from the sample committed in the deployment."})
    static final class Check implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--seed", required = true, paramLabel = "S", description = "The revealed seed.")
        String seed;

        @Option(names = "--commitment", required = true, paramLabel = "HEX", description = "The commitment published before the election.")
        String commitment;

        @Option(names = "--size", paramLabel = "N", description = "Sample size.")
        Integer size;

        @Option(names = "--strata", paramLabel = "LEVEL", description = "Strata level.")
        String strata;

        @Option(names = "--file", paramLabel = "FILE", description = "A revealed sample document: it must also be exactly what the seed draws.")
        Path file;

        @Override
        public Integer call() throws IOException {
            if (!commitment.matches("[0-9a-fA-F]{64}")) {
                throw new UserError("--commitment is a SHA-256: 64 hex digits");
            }
            try (Deployment d = store.open()) {
                Election election = election(d);
                Sample revealed = null;
                if (file != null) {
                    try {
                        revealed = Sample.parse(Files.readAllBytes(file));
                    } catch (NoSuchFileException e) {
                        throw new UserError("no such file: " + file);
                    } catch (IllegalArgumentException e) {
                        throw new UserError(file + " is not a sample document: " + e.getMessage());
                    }
                } else if (size == null) {
                    revealed = d.samples().load().map(s -> Sample.parse(s.document())).orElseThrow(() -> new UserError(
                            "give --size (and --strata) or --file: this deployment has no committed sample to take them from"));
                }
                int n = size != null ? size : revealed.size();
                String level = strata != null ? strata : revealed != null ? revealed.strata() : null;
                Sample redrawn = draw(election, n, level, seed);
                boolean ok = redrawn.commitment().equalsIgnoreCase(commitment);
                System.out.println("Drew " + redrawn.size() + " tables stratified by " + redrawn.strata() + " from the seed: commitment "
                        + redrawn.commitment());
                if (file != null) {
                    boolean same = java.util.Arrays.equals(redrawn.document(), Files.readAllBytes(file));
                    System.out.println(same ? "The revealed file is exactly the sample the seed draws."
                            : "MISMATCH: the revealed file is not the sample the seed draws.");
                    ok &= same;
                }
                System.out.println(ok ? "OK: the sample matches the published commitment." : "MISMATCH: the sample does not match the commitment "
                        + commitment.toLowerCase(Locale.ROOT) + ".");
                return ok ? 0 : 3;
            }
        }
    }
}
