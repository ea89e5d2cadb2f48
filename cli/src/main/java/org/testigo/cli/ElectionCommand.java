package org.testigo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "election", mixinStandardHelpOptions = true,
        description = "Build, load and import elections (election packages: docs/election-package.md).",
        subcommands = {ImportResultadosCommand.class, SynthCommand.class, LoadCommand.class})
final class ElectionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
