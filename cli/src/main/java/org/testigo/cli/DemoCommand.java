package org.testigo.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.testigo.deployment.Deployment;
import org.testigo.election.Counts;
import org.testigo.store.Role;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticRoll;
import java.nio.file.Path;
import org.testigo.synth.SyntheticTable;
import org.testigo.tally.ve2024.Ve2024Payload;
import org.testigo.views.ResultsView;
import org.testigo.web.TestigoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole thing on one machine: an embedded database, a synthetic national election, a server, and
 * simulated witnesses sending their actas' QR texts over HTTP while totals fill in.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run everything on this machine: a synthetic election, witnesses, the API on :8080.",
            "Starts an embedded database, loads a synthetic election of 30,026 tables, serves the API and lets",
            "simulated witnesses submit every table over HTTP. Runs until stopped."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "8080", description = "Port to serve on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--tables", defaultValue = "30026", description = "Tables in the synthetic election (default: ${DEFAULT-VALUE}).")
    int tables;

    @Option(names = "--seed", defaultValue = "2024", description = "Seed of the synthetic election (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clients", defaultValue = "16", description = "Witnesses submitting at once (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--coverage", defaultValue = "0.92", description = "Share of tables whose witnesses get their acta through (default: ${DEFAULT-VALUE}).")
    double coverage;

    @Mixin
    LogKeyOptions key;

    @Mixin
    CheckpointOptions checkpoints;

    @Option(names = "--roll", description = "Give the election a voter roll (one national id per registered voter), for find my table.")
    boolean roll;

    @Option(names = "--exit-when-done", description = "Stop once every witness has submitted (for scripts and tests).")
    boolean exitWhenDone;

    @Override
    public Integer call() throws Exception {
        if (coverage < 0 || coverage > 1) {
            throw new UserError("--coverage must be between 0 and 1");
        }
        if (clients < 1 || clients > 256) {
            throw new UserError("--clients must be between 1 and 256");
        }
        System.out.println("Testigo demo: preparing a synthetic election of " + String.format(Locale.ROOT, "%,d", tables)
                + " tables (seed " + seed + ")…");
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(tables, seed));
        Deployment deployment = key.open(store, synth.election().id());
        var running = deployment.running().orElse(null);
        if (running != null && !running.election().id().equals(synth.election().id())) {
            deployment.close();
            throw new UserError(store.data + " already holds election " + running.election().id()
                    + "; run the demo with another --data folder");
        }
        deployment.load(synth.election());
        if (roll) {
            Path rollPackage = store.data.resolve("demo-roll");
            SyntheticRoll.of(synth).write(synth, rollPackage);
            Rolls.compile(deployment, rollPackage, synth.election(), store.data);
        } else {
            Rolls.attachSaved(deployment, store.data);
        }
        Path bundle = store.data.resolve(BUNDLE);
        TestigoServer server = Serving.start(deployment, "0.0.0.0", port, org.testigo.web.http.RateLimits.Settings.defaults(), bundle, null);
        checkpoints.start(deployment);
        URI url = Serving.url("0.0.0.0", server);
        Serving.announce("Testigo demo is serving " + synth.election().name(), deployment, url);
        if (deployment.evidence().count() > 0) {
            // A second run on the same folder: the witnesses already sent their actas (with tokens only
            // they held); sending again under new tokens would double the evidence.
            System.out.printf(Locale.ROOT, "The witnesses' %,d submissions are already in %s.%n",
                    deployment.evidence().count(), store.data);
        } else {
            System.out.println("Simulated witnesses are sending their actas over HTTP:");
            System.out.flush();
            simulateWitnesses(deployment, synth, url);
        }

        publishBundle(deployment, bundle);

        ResultsView nation = ResultsView.of(deployment.requireRunning().state(), 0);
        System.out.println();
        TotalsCommand.print(nation, synth.election().name(), System.out);
        System.out.println();
        System.out.println("Serving " + url.resolve("api/v1/results") + " — press Ctrl-C to stop.");
        System.out.flush();
        if (!exitWhenDone) {
            new CountDownLatch(1).await();
        }
        return 0;
    }

    /** Where the demo publishes its open-data bundle, inside the data folder. */
    static final String BUNDLE = "bundle";

    /**
     * Publishes the open-data bundle once the witnesses are done, as `testigo export-data` would: written
     * beside the folder and renamed into place, so the downloads page (which lists {@code DATA/bundle}) never
     * sees half a bundle. A later run on the same folder serves the bundle it finds.
     */
    private void publishBundle(Deployment deployment, Path bundle) throws java.io.IOException {
        if (java.nio.file.Files.exists(bundle)) {
            System.out.println("Open-data bundle: " + bundle + " (published by an earlier run)");
            return;
        }
        Path partial = store.data.resolve(BUNDLE + ".partial");
        if (java.nio.file.Files.exists(partial)) {
            try (var files = java.nio.file.Files.walk(partial)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p); // an export a stopped run left unfinished
                }
            }
        }
        var summary = org.testigo.opendata.DataExport.write(deployment, LogKeyOptions.load(key.file(store)), partial);
        java.nio.file.Files.move(partial, bundle, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(Locale.ROOT, "Open-data bundle: %s (%,d files), listed on the downloads page%n", bundle, summary.files());
    }

    /**
     * Each covered table's acta is sent by one witness; most get a second, independent copy (which
     * confirms it), a few a second copy that disagrees (a conflict for reviewers), as in 2024.
     */
    private void simulateWitnesses(Deployment deployment, SyntheticElection synth, URI url) throws InterruptedException {
        int witnessCount = 64;
        List<HttpSubmitter> witnesses = new ArrayList<>(witnessCount);
        for (int i = 0; i < witnessCount; i++) {
            witnesses.add(new HttpSubmitter(url, deployment.tokens().create(Role.WITNESS, "demo witness " + (i + 1))));
        }
        List<Send> sends = plan(synth, witnessCount);
        Progress progress = new Progress(System.out, "actas", sends.size());
        AtomicLong done = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (Send s : sends) {
                pool.submit(() -> {
                    HttpSubmitter.Answer a = witnesses.get(s.witness).submit(null, List.of(s.payload));
                    if (!a.accepted()) {
                        refused.incrementAndGet();
                    }
                    long n = done.incrementAndGet();
                    progress.show(n, () -> {
                        var t = deployment.requireRunning().state().totals(0).tables();
                        return String.format(Locale.ROOT, "%,d confirmed · %,d in conflict%s", t.confirmed(),
                                t.conflicted(), refused.get() == 0 ? "" : " · " + refused.get() + " refused");
                    });
                    return null;
                });
            }
        }
    }

    private record Send(int witness, String payload) {
    }

    private List<Send> plan(SyntheticElection synth, int witnessCount) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_DE30L);
        List<Send> first = new ArrayList<>();
        List<Send> second = new ArrayList<>();
        synth.forEachTable(t -> {
            if (random.nextDouble() >= coverage) {
                return;
            }
            int w = random.nextInt(witnessCount);
            first.add(new Send(w, t.payload()));
            double r = random.nextDouble();
            int other = (w + 1 + random.nextInt(witnessCount - 1)) % witnessCount;
            if (r < 0.003) {
                second.add(new Send(other, misread(t)));
            } else if (r < 0.6) {
                second.add(new Send(other, t.payload()));
            }
        });
        List<Send> all = new ArrayList<>(first);
        all.addAll(second); // second copies come later in the night, as they did
        return all;
    }

    /** The same acta with one count misread: a copy that disagrees. */
    private static String misread(SyntheticTable t) {
        int[] cards = t.cards().toArray();
        cards[0] += 3;
        return Ve2024Payload.format(t.table().id(), Counts.of(cards), t.nullVotes(), 0);
    }
}
