package org.testigo.cli;

import java.util.concurrent.Callable;
import org.testigo.deployment.Deployment;
import org.testigo.store.IssuedToken;
import org.testigo.store.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Hand out, list and revoke access tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a token and print it once; only its hash is stored.",
                "Roles: witness (sends actas), volunteer (command centre), coordinator, admin."})
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--role", required = true, description = "witness, volunteer, coordinator or admin.")
        String role;

        @Option(names = "--name", required = true, paramLabel = "PSEUDONYM",
                description = "A pseudonym to recognise the token by (never a person's real name).")
        String name;

        @Override
        public Integer call() {
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            try (Deployment d = store.open()) {
                String token = d.tokens().create(r, name);
                System.out.println(token);
                System.err.println("testigo: " + r.id() + " token for \"" + name + "\" — shown once, keep it safe.");
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Deployment d = store.open()) {
                for (IssuedToken t : d.tokens().list()) {
                    System.out.printf("%6d  %-11s  %-30s  %s%s%n", t.id(), t.role().id(), t.name(), t.createdAt(),
                            t.revoked() ? "  revoked " + t.revokedAt().orElseThrow() : "");
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its number (see list).")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (Deployment d = store.open()) {
                if (!d.tokens().revoke(id)) {
                    throw new UserError("no active token number " + id);
                }
                System.out.println("revoked token " + id);
            }
            return 0;
        }
    }
}
