package org.testigo.cli;

import java.net.URI;
import org.testigo.deployment.Deployment;
import org.testigo.web.TestigoServer;

/** Starting the server for `serve` and `demo`: listen, stop cleanly on Ctrl-C, say where. */
final class Serving {
    private Serving() {
    }

    /**
     * Starts the server; on shutdown (Ctrl-C, SIGTERM) it stops taking requests, then the deployment
     * writes what is queued and closes the database.
     */
    static TestigoServer start(Deployment deployment, String host, int port) {
        return start(deployment, host, port, org.testigo.web.http.RateLimits.Settings.defaults());
    }

    static TestigoServer start(Deployment deployment, String host, int port, org.testigo.web.http.RateLimits.Settings limits) {
        return start(deployment, host, port, limits, null, null);
    }

    /**
     * Also publishing the open-data bundle in {@code bundle} (null: none) on the downloads page and under
     * /data/, and with the Telegram bot's webhook when {@code telegram} is given.
     */
    static TestigoServer start(Deployment deployment, String host, int port, org.testigo.web.http.RateLimits.Settings limits,
            java.nio.file.Path bundle, org.testigo.messaging.telegram.TelegramSettings telegram) {
        TestigoServer server = TestigoServer.start(deployment, host, port, limits, bundle, telegram);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            deployment.close();
        }, "testigo-shutdown"));
        return server;
    }

    /**
     * Refuses a {@code --bundle} that is not a folder holding a bundle: serving a downloads page that says
     * "not published yet" while the operator believes it is would be worse than not starting.
     */
    static void checkBundle(java.nio.file.Path bundle) {
        if (bundle == null) {
            return;
        }
        if (!java.nio.file.Files.isDirectory(bundle)) {
            throw new UserError("--bundle " + bundle + " is not a folder; give the folder `testigo export-data DIR` wrote");
        }
        try {
            if (org.testigo.site.Downloads.read(bundle).isEmpty()) {
                throw new UserError("--bundle " + bundle + " holds no " + org.testigo.opendata.BundleLayout.SUMS
                        + ": it is not an open-data bundle (write one with `testigo export-data DIR`)");
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new UserError("--bundle " + bundle + " cannot be read as an open-data bundle: " + e.getMessage());
        }
    }

    /** The URL people open: localhost when listening on every interface. */
    static URI url(String host, TestigoServer server) {
        return URI.create("http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + server.port() + "/");
    }

    /** The lines every serving command prints first. */
    static void announce(String what, Deployment deployment, URI url) {
        System.out.println(what);
        System.out.println("  database: " + deployment.database().describe());
        System.out.println("  URL:      " + url + " (the public site; the API is under " + url.resolve("api/v1/") + ")");
        deployment.transparency().ifPresent(log -> {
            System.out.println("  log:      " + url.resolve("log/checkpoint") + " (origin " + log.origin() + ")");
            System.out.println("  verifier: " + log.verifier().encoded());
        });
        System.out.flush();
    }
}
