package org.testigo.cli;

import picocli.CommandLine.Command;

/** {@code testigo log …}: watching and cosigning a deployment's transparency log from outside. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Watch a transparency log for forks and rollbacks, or cosign its checkpoints as a witness.",
        subcommands = {LogWatchCommand.class, LogCosignCommand.class})
final class LogCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
