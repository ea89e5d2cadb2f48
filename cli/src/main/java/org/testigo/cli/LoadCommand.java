package org.testigo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Check an election package and load it into the store.", "A store holds one election."})
final class LoadCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "PACKAGE_DIR", description = "Folder of the election package.")
    Path dir;

    @Override
    public Integer call() {
        Election election = Loading.readPackage(dir);
        org.testigo.election.Geometry geometry = Loading.readGeometry(dir, election);
        try (Deployment d = store.open()) {
            Loading.load(d, election);
            Rolls.compile(d, dir, election, store.data);
            if (geometry != null) {
                d.saveGeometry(geometry);
            }
            System.out.printf("Loaded %s (%s): %,d places, %,d tables, into %s%n", election.id(), election.name(),
                    election.geography().nodeCount() - 1, election.geography().tableCount(), d.database().describe());
        }
        return 0;
    }
}
