package org.testigo.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.testigo.assignments.Assignments;
import org.testigo.deployment.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "assignments", mixinStandardHelpOptions = true,
        description = "Witness assignments (which witness token watches which table).",
        subcommands = AssignmentsCommand.Import.class)
final class AssignmentsCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a CSV of table_id,witness lines (witness as witness-17 or 17), all or nothing.")
    static final class Import implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "FILE", description = "UTF-8 CSV with the header table_id,witness")
        Path file;

        @Override
        public Integer call() throws IOException {
            try (Deployment d = store.open(); Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int added;
                try {
                    added = d.requireRunning().assignments().importCsv(in);
                } catch (Assignments.ImportRefused e) {
                    e.problems().stream().limit(50).forEach(p -> System.err.println(file + ":" + p.line() + ": " + p.field() + ": " + p.message()));
                    throw new UserError(e.getMessage() + "; nothing was imported");
                }
                System.out.printf(Locale.ROOT, "%,d new assignment(s); %,d in all%n", added, d.requireRunning().assignments().all().size());
                return 0;
            }
        }
    }
}
