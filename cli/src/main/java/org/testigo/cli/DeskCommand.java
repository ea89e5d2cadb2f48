package org.testigo.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.testigo.deployment.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "desk", mixinStandardHelpOptions = true, description = "The transcription desk.",
        subcommands = DeskCommand.Volunteers.class)
final class DeskCommand {
    @Command(name = "volunteers", mixinStandardHelpOptions = true,
            description = "The transcription desk's volunteers: entries, disagreements with agreed readings, flags.")
    static final class Volunteers implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Deployment d = store.open()) {
                System.out.printf(Locale.ROOT, "%-20s %8s %8s %8s %9s  %s%n", "volunteer", "entries", "pending", "decided", "disagreed", "flag");
                d.requireRunning().desk().volunteers().forEach(v -> System.out.printf(Locale.ROOT, "%-20s %8d %8d %8d %9d  %s%n",
                        v.record().volunteer(), v.record().entries(), v.record().pending(), v.record().decided(), v.record().disagreed(),
                        v.flagged() ? "FLAGGED" : ""));
                return 0;
            }
        }
    }
}
