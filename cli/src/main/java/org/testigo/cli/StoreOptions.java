package org.testigo.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.testigo.deployment.Deployment;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import picocli.CommandLine.Option;

/** Where the deployment keeps its data: {@code --data DIR}, and {@code --db URL} for a PostgreSQL server. */
final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "testigo-data",
            description = "Working folder: the embedded PostgreSQL lives in DIR/postgres (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db", paramLabel = "URL",
            description = "Use this PostgreSQL server instead of the embedded one, e.g. postgresql://user:pw@host:5432/testigo.")
    String db;

    DatabaseConfig config() {
        return db == null ? DatabaseConfig.embedded(data) : DatabaseConfig.server(db);
    }

    Deployment open() {
        return Deployment.open(Database.open(config()), Clock.systemUTC());
    }
}
