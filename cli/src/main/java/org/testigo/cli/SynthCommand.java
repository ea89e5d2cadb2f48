package org.testigo.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.testigo.deployment.Deployment;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.Stuffing;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticRoll;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write a synthetic national election of any size as an election package.",
            "With the true result of every table as a ve-2024 QR payload (OUT/payloads.txt, one per line).",
            "Deterministic for a seed."})
final class SynthCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--tables", required = true, description = "Number of tables (e.g. 30026, 1000000).")
    int tables;

    @Option(names = "--seed", defaultValue = "2024", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the package (default: synth-<tables>-<seed>).")
    Path out;

    @Option(names = "--roll", description = "Also write a voter roll (voters/roll.csv): one national id per registered voter.")
    boolean roll;

    @Option(names = "--stuff", paramLabel = "FRACTION", defaultValue = "0",
            description = {"Plant ballot stuffing in about this fraction of tables (e.g. 0.02): extra ballots for one candidate"
                    + " up to a turnout of 88-98%. The stuffed tables are listed in OUT/planted.txt."})
    double stuff;

    @Option(names = "--stuff-for", paramLabel = "CANDIDATE", defaultValue = "NM",
            description = "The candidate the planted ballots are for (default: ${DEFAULT-VALUE}).")
    String stuffFor;

    @Option(names = "--load", description = "Also load the election into the store given by --data / --db.")
    boolean load;

    @Override
    public Integer call() throws IOException {
        if (tables < 1) {
            throw new UserError("--tables must be at least 1");
        }
        Path dir = out != null ? out : Path.of("synth-" + tables + "-" + seed);
        long start = System.nanoTime();
        SyntheticElection synth;
        try {
            synth = SyntheticElection.generate(SynthSpec.of(tables, seed), stuff == 0 ? Stuffing.NONE : Stuffing.of(stuff, stuffFor));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Loading.writePackage(synth.election(), dir);
        Loading.writeGeometry(synth.geometry(), synth.election(), dir);
        Path payloads = dir.resolve("payloads.txt");
        try (BufferedWriter w = Files.newBufferedWriter(payloads, StandardCharsets.UTF_8)) {
            synth.forEachTable(t -> {
                try {
                    w.write(t.payload());
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        if (roll) {
            long t0 = System.nanoTime();
            SyntheticRoll voters = SyntheticRoll.of(synth);
            voters.write(synth, dir);
            System.out.printf(Locale.ROOT, "Wrote the voter roll: %,d voters in %s (%.1f s)%n", voters.voters(),
                    dir.resolve("voters/roll.csv"), (System.nanoTime() - t0) / 1e9);
        }
        if (stuff > 0) {
            int[] planted = synth.plantedTables();
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("planted.txt"), StandardCharsets.UTF_8)) {
                for (int t : planted) {
                    w.write(synth.election().geography().table(t).id().value());
                    w.write('\n');
                }
            }
            System.out.printf(Locale.ROOT, "Planted ballot stuffing for %s in %,d tables (listed in %s)%n", stuffFor, planted.length,
                    dir.resolve("planted.txt"));
        }
        System.out.printf(Locale.ROOT, "Wrote %s: %,d places, %,d tables, %,d registered voters, package and payloads in %s (%.1f s)%n",
                synth.election().id(), synth.election().geography().nodeCount() - 1, tables,
                synth.election().expectedElectorate(), dir, (System.nanoTime() - start) / 1e9);
        if (load) {
            long t0 = System.nanoTime();
            try (Deployment d = store.open()) {
                Loading.load(d, synth.election());
                Rolls.compile(d, dir, synth.election(), store.data);
                d.saveGeometry(synth.geometry());
                System.out.printf(Locale.ROOT, "Loaded into %s (%.1f s)%n", d.database().describe(), (System.nanoTime() - t0) / 1e9);
            }
        }
        return 0;
    }
}
