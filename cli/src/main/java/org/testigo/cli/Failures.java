package org.testigo.cli;

import org.testigo.store.StoreException;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one clear line and an exit code. Input problems
 * ({@link UserError}) exit 2 with their message; anything else is a bug: exit 1, with the stack trace
 * only under {@code TESTIGO_DEBUG=1}.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof UserError || e instanceof StoreException) {
            // What to fix is in the message (a path, a URL, a password): no stack trace.
            cli.getErr().println("testigo: " + e.getMessage());
            return 2;
        }
        cli.getErr().println("testigo: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        if ("1".equals(System.getenv("TESTIGO_DEBUG"))) {
            e.printStackTrace(cli.getErr());
        } else {
            cli.getErr().println("testigo: (set TESTIGO_DEBUG=1 to see where it failed)");
        }
        return 1;
    }
}
