package org.testigo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import org.testigo.election.pkg.PackageException;
import org.testigo.roll.RollFile;
import org.testigo.roll.RollIndex;

/**
 * The voter roll between the package and the server: compiled from the package's {@code voters/roll.csv}
 * when an election is loaded, kept as {@link Deployment#ROLL_INDEX} in the data directory (never in the
 * database), read back when the server starts.
 */
final class Rolls {
    private Rolls() {
    }

    /**
     * Compiles the roll of the package in {@code packageDir} into {@code data} and attaches it; a package
     * without a roll removes the one kept from before, so no stale roll answers for it.
     */
    static void compile(Deployment deployment, Path packageDir, Election election, Path data) {
        Path file = data.resolve(Deployment.ROLL_INDEX);
        long start = System.nanoTime();
        Optional<RollIndex> roll;
        try {
            roll = RollFile.compile(packageDir, election);
        } catch (PackageException e) {
            throw new UserError("the voter roll in " + packageDir.resolve(RollFile.PATH) + " has problems:\n  "
                    + e.problems().stream().map(Object::toString).collect(Collectors.joining("\n  "))
                    + (e.truncated() ? "\n  (and more)" : ""));
        }
        try {
            if (roll.isEmpty()) {
                if (Files.deleteIfExists(file)) {
                    System.out.println("The package has no voter roll: removed the one kept in " + file);
                }
                return;
            }
            roll.get().write(file);
        } catch (IOException e) {
            throw new UserError("cannot write the voter roll index " + file + ": " + e.getMessage(), e);
        }
        deployment.attachRoll(roll.get());
        System.out.printf(Locale.ROOT, "Compiled the voter roll: %,d voters, %.1f MB in memory, in %s (%.1f s)%n",
                roll.get().size(), roll.get().heldBytes() / 1e6, file, (System.nanoTime() - start) / 1e9);
    }

    /** Attaches the roll kept in {@code data}, if there is one for the loaded election; says why not otherwise. */
    static void attachSaved(Deployment deployment, Path data) {
        Path file = data.resolve(Deployment.ROLL_INDEX);
        if (!Files.exists(file) || deployment.running().isEmpty()) {
            return;
        }
        try {
            deployment.attachRoll(RollIndex.read(file));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("The voter roll is not available (find my table will answer NO_ROLL): " + e.getMessage());
        }
    }
}
