package org.testigo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.testigo.deployment.Deployment;
import org.testigo.ledger.NoteKey;
import org.testigo.store.DatabaseConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "The deployment's log signing key: create it once, show its verifier key.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Show.class})
final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create the log signing key (refuses to replace one) and print its verifier key.",
                "The secret stays in the file (mode 600); back it up. Publish the verifier key."})
    static final class Init implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Mixin
        LogKeyOptions keyOptions;

        @Option(names = "--origin", paramLabel = "NAME",
                description = "The log's name, first line of every checkpoint (default: testigo/<election id>, or"
                        + " testigo/<host> before an election is loaded). No spaces or '+'.")
        String origin;

        @Override
        public Integer call() {
            Path file = keyOptions.file(store);
            if (Files.exists(file)) {
                throw LogKeyOptions.alreadyExists(file);
            }
            String name = origin != null ? origin : defaultOrigin();
            NoteKey key = LogKeyOptions.create(file, name);
            System.out.println("Created the log signing key " + file + " (readable by you only; back it up, never share it).");
            System.out.println("Log origin: " + key.name());
            System.out.println("Verifier key (publish it; witnesses check checkpoints and receipts with it):");
            System.out.println(key.verifier().encoded());
            return 0;
        }

        /** The election's id when this data folder (or --db) already holds one; the host's name otherwise. */
        private String defaultOrigin() {
            boolean hasDatabase = store.db != null || Files.isDirectory(DatabaseConfig.embedded(store.data).clusterDir());
            if (!hasDatabase) {
                return LogKeyOptions.defaultOrigin((Deployment) null);
            }
            try (Deployment d = store.open()) {
                return LogKeyOptions.defaultOrigin(d);
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the log's verifier key (never the secret).")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Mixin
        LogKeyOptions keyOptions;

        @Override
        public Integer call() {
            System.out.println(LogKeyOptions.load(keyOptions.file(store)).verifier().encoded());
            return 0;
        }
    }
}
