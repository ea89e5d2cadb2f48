package org.testigo.cli;

import java.util.concurrent.CountDownLatch;
import org.testigo.deployment.Deployment;
import org.testigo.web.TestigoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the API for the election loaded in --data (or --db) until stopped.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Mixin
    LogKeyOptions key;

    @Mixin
    CheckpointOptions checkpoints;

    @Mixin
    RateLimitOptions rateLimits;

    @Option(names = "--bundle", paramLabel = "DIR",
            description = "The open-data bundle `testigo export-data DIR` wrote: the downloads page lists its files with their"
                    + " SHA-256 and /data/… serves them (without it the page says the bundle is not published yet).")
    java.nio.file.Path bundle;

    @Mixin
    TelegramOptions telegram;

    /**
     * Serving always publishes the log. A missing key is created (named after the loaded election) and
     * announced loudly with its verifier key: refusing to start would only teach operators to skip the log.
     */
    @Override
    public Integer call() throws InterruptedException {
        var limits = rateLimits.settings(); // refuse a bad option before opening anything
        Serving.checkBundle(bundle);
        var bot = telegram.settings(store.data, host, port);
        Deployment deployment = key.open(store, null);
        Rolls.attachSaved(deployment, store.data);
        checkpoints.start(deployment);
        TestigoServer server = Serving.start(deployment, host, port, limits, bundle, bot);
        Serving.announce("Testigo is serving " + deployment.running().map(r -> r.election().name())
                .orElse("no election yet (load one with `testigo election …`)"), deployment, Serving.url(host, server));
        new CountDownLatch(1).await(); // until the process is stopped
        return 0;
    }
}
