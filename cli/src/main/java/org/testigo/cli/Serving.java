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
        return start(deployment, host, port, limits, null);
    }

    /** With the Telegram bot's webhook when {@code telegram} is given. */
    static TestigoServer start(Deployment deployment, String host, int port, org.testigo.web.http.RateLimits.Settings limits,
            org.testigo.messaging.telegram.TelegramSettings telegram) {
        TestigoServer server = TestigoServer.start(deployment, host, port, limits, telegram);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            deployment.close();
        }, "testigo-shutdown"));
        return server;
    }

    /** The URL people open: localhost when listening on every interface. */
    static URI url(String host, TestigoServer server) {
        return URI.create("http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + server.port() + "/");
    }

    /** The lines every serving command prints first. */
    static void announce(String what, Deployment deployment, URI url) {
        System.out.println(what);
        System.out.println("  database: " + deployment.database().describe());
        System.out.println("  URL:      " + url.resolve("api/v1/results"));
        deployment.transparency().ifPresent(log -> {
            System.out.println("  log:      " + url.resolve("log/checkpoint") + " (origin " + log.origin() + ")");
            System.out.println("  verifier: " + log.verifier().encoded());
        });
        System.out.flush();
    }
}
