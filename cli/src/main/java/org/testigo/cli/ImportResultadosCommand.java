package org.testigo.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.testigo.store.Channel;
import org.testigo.deployment.Deployment;
import org.testigo.resultados.ImportedRow;
import org.testigo.resultados.ResultadosCsv;
import org.testigo.resultados.ResultadosException;
import org.testigo.resultados.ResultadosImport;
import org.testigo.store.EvidenceDraft;
import org.testigo.tally.Verification;
import org.testigo.views.ResultsView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-resultados", mixinStandardHelpOptions = true,
        description = {"Import Venezuela 2024's published per-table results as an election with evidence.",
            "Builds the election from the CSV resultadosconvzla.com published (V1: UTF-8 with BOM and RE;",
            "V2: Latin-1 without RE — detected), loads it, and records every row as evidence (channel import)."})
final class ImportResultadosCommand implements Callable<Integer> {
    /** Evidence from an import is recorded under this submitter: the dataset, not a person. */
    static final String SUBMITTER = "import-resultadosconvzla";

    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FILE.csv", description = "RESULTADOS_2024_CSV_V1.csv or _V2.csv.")
    Path csv;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the election package to DIR.")
    Path out;

    @Option(names = "--geometry", paramLabel = "FILE.geojson", description = {
        "The states' outlines for the map: the OCHA/INE boundaries (ve_states_adm1_ine_ocha.geojson),",
        "matched to the CNE state codes by their INE pcode, simplified, kept with the election (and in --out)."})
    Path geometryFile;

    @Option(names = "--package-only", description = "Only build the package (with --out): load nothing, record no evidence.")
    boolean packageOnly;

    @Override
    public Integer call() {
        ResultadosImport imported;
        try {
            imported = ResultadosCsv.read(csv);
        } catch (ResultadosException e) {
            throw new UserError(csv + " cannot be imported:\n  " + e.problems().stream().map(Object::toString)
                    .collect(Collectors.joining("\n  ")) + (e.truncated() ? "\n  (and more)" : ""));
        }
        System.out.printf(Locale.ROOT, "Read %s (%s): %,d tables%n", csv.getFileName(), imported.variant(), imported.rows().size());
        org.testigo.election.Geometry geometry = geometryFile == null ? null : readGeometry(imported);
        if (out != null) {
            Loading.writePackage(imported.election(), out);
            if (geometry != null) {
                Loading.writeGeometry(geometry, imported.election(), out);
            }
            System.out.println("Wrote the election package to " + out);
        }
        if (packageOnly) {
            if (out == null) {
                throw new UserError("--package-only needs --out DIR");
            }
            return 0;
        }
        try (Deployment d = store.open()) {
            var running = Loading.load(d, imported.election());
            if (geometry != null) {
                d.saveGeometry(geometry);
                System.out.printf(Locale.ROOT, "Kept the outlines of %d states for the map%n", geometry.regions().size());
            }
            String header = String.join(",", imported.variant().header());
            Verification verification = Verification.notVerifiable(
                    "a published dataset: each row is as trustworthy as its source, " + csv.getFileName(), List.of());
            List<EvidenceDraft> drafts = new ArrayList<>(imported.rows().size());
            for (ImportedRow row : imported.rows()) {
                byte[] content = (header + "\n" + row.rawLine()).getBytes(StandardCharsets.UTF_8);
                drafts.add(new EvidenceDraft(Channel.IMPORT, SUBMITTER, ResultadosCsv.TALLY_FORMAT, "text/csv; charset=utf-8",
                        content, row.tally(), verification, d.clock().instant()));
            }
            long added = d.importEvidence(drafts);
            System.out.printf(Locale.ROOT, "Recorded %,d new pieces of evidence (%,d already present) in %s%n", added,
                    drafts.size() - added, d.database().describe());
            System.out.println();
            TotalsCommand.print(ResultsView.of(running.state(), 0), running.election().name(), System.out);
        }
        return 0;
    }

    private org.testigo.election.Geometry readGeometry(ResultadosImport imported) {
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(geometryFile);
        } catch (java.io.IOException e) {
            throw new UserError("cannot read " + geometryFile + ": " + e.getMessage(), e);
        }
        try {
            return org.testigo.resultados.Ve2024Geometry.read(bytes, geometryFile.getFileName().toString(),
                    imported.election().geography());
        } catch (org.testigo.election.pkg.PackageException e) {
            throw new UserError(geometryFile + " cannot be used as the states' outlines:\n  " + e.problems().stream()
                    .map(Object::toString).collect(Collectors.joining("\n  ")) + (e.truncated() ? "\n  (and more)" : ""));
        }
    }
}
