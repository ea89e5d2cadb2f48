package org.testigo.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.NoteVerifier;
import org.testigo.store.Database;
import org.testigo.store.WitnessStore;
import org.testigo.transparency.Cosignatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code testigo witness …}: a witness's key, and the deployment's list of witnesses it trusts. */
@Command(name = "witness", mixinStandardHelpOptions = true, description = "Witness keys, and which witnesses a deployment trusts.",
        subcommands = {WitnessCommand.Keygen.class, WitnessCommand.Trust.class})
final class WitnessCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Create a witness signing key in FILE (readable by you only) and print its verifier key, which you publish.")
    static final class Keygen implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The witness's name, e.g. witness.example.org (no spaces or '+').")
        String name;

        @Parameters(index = "1", paramLabel = "FILE", description = "Where to write the private key; never overwritten.")
        Path file;

        @Override
        public Integer call() throws IOException {
            NoteKey key;
            try {
                key = NoteKey.generate(name);
            } catch (IllegalArgumentException e) {
                throw new UserError("NAME: " + e.getMessage());
            }
            LogKeys.writeSigningKey(file, key);
            System.out.println(key.verifier().encoded());
            return 0;
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true,
            description = "Accept cosignatures from this witness on this deployment's checkpoints.")
    static final class Trust implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(index = "0", paramLabel = "VKEY|FILE", description = "The witness's verifier key, or a file holding it.")
        String key;

        @Override
        public Integer call() {
            NoteVerifier witness = LogKeys.verifier(key, "VKEY");
            try (Database database = Database.open(store.config())) {
                boolean added = Cosignatures.trust(new WitnessStore(database), witness);
                System.out.println((added ? "Trusting " : "Already trusted: ") + witness.encoded());
            }
            return 0;
        }
    }
}
