package org.testigo.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import org.testigo.election.pkg.ElectionPackage;
import org.testigo.election.pkg.PackageException;
import org.testigo.store.DatabaseHoldsAnotherElection;

/** What the election commands share: reading and writing packages, loading into a deployment. */
final class Loading {
    private Loading() {
    }

    static Election readPackage(Path dir) {
        try {
            return ElectionPackage.read(dir);
        } catch (PackageException e) {
            throw new UserError("the election package in " + dir + " has problems:\n  "
                    + e.problems().stream().map(Object::toString).collect(Collectors.joining("\n  "))
                    + (e.truncated() ? "\n  (and more)" : ""));
        }
    }

    /** The package's optional geometry.geojson, checked against its election; null when it has none. */
    static org.testigo.election.Geometry readGeometry(Path dir, Election election) {
        try {
            return ElectionPackage.readGeometry(dir, election.geography()).orElse(null);
        } catch (PackageException e) {
            throw new UserError("the election package in " + dir + " has problems:\n  "
                    + e.problems().stream().map(Object::toString).collect(Collectors.joining("\n  "))
                    + (e.truncated() ? "\n  (and more)" : ""));
        }
    }

    static void writeGeometry(org.testigo.election.Geometry geometry, Election election, Path dir) {
        try {
            ElectionPackage.writeGeometry(geometry, election.geography(), dir);
        } catch (IOException e) {
            throw new UserError("cannot write the geometry to " + dir + ": " + e.getMessage(), e);
        }
    }

    static void writePackage(Election election, Path dir) {
        try {
            ElectionPackage.write(election, dir);
        } catch (IOException e) {
            throw new UserError("cannot write the election package to " + dir + ": " + e.getMessage(), e);
        }
    }

    static Deployment.Running load(Deployment deployment, Election election) {
        try {
            return deployment.load(election);
        } catch (DatabaseHoldsAnotherElection e) {
            throw new UserError(e.getMessage() + " (--data DIR or --db URL)");
        }
    }
}
