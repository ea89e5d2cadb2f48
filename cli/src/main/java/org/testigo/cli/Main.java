package org.testigo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code testigo} command. Each subcommand is one small class calling the code the server uses. */
@Command(name = "testigo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Citizens prove an election result from the tally sheets the voting machines print.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            IngestCommand.class,
            ElectionCommand.class,
            SubmitCommand.class,
            TotalsCommand.class,
            AuditCommand.class,
            TokenCommand.class,
            DecodeCommand.class,
            KeysCommand.class,
            ReceiptCommand.class,
            ExportDataCommand.class,
            ExportSiteCommand.class,
            VerifyCommand.class,
            LogCommand.class,
            WitnessCommand.class,
            SampleCommand.class,
            CheckinCommand.class,
            QuickcountCommand.class,
            AssignmentsCommand.class,
            DeskCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        quietLibraries();
        System.exit(run(args));
    }

    /**
     * Libraries (the connection pool, the embedded PostgreSQL) log every start and stop at INFO; a
     * command's output is for its user, so only their warnings get through.
     */
    static void quietLibraries() {
        if (System.getProperty("java.util.logging.config.file") == null) {
            java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            root.setLevel(java.util.logging.Level.WARNING);
            for (var h : root.getHandlers()) {
                h.setLevel(java.util.logging.Level.WARNING);
            }
        }
    }

    /** Runs a command line and returns the exit code (tests call this in-process). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new Failures());
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"testigo " + (v == null ? "development build" : v)};
        }
    }
}
