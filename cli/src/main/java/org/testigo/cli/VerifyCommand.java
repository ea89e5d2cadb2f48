package org.testigo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.testigo.ledger.FileSource;
import org.testigo.ledger.NoteVerifier;
import org.testigo.verify.BundleVerifier;
import org.testigo.verify.VerifyReport;
import org.testigo.views.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check an open-data bundle or mirror with no database: every file against the sealed manifest,",
            "the log against its signed checkpoint, every piece of evidence decoded again, every result and total",
            "recomputed. Exit 0 when everything matches, 1 when anything differs (each difference is named)."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BUNDLE_DIR|URL", description = "A folder or an http(s) URL.")
    String bundle;

    @Option(names = "--key", paramLabel = "VKEY",
            description = "The log's verifier key (name+id+key, or a file holding it), from the deployment's site. Without it "
                    + "the bundle's own key file is used, which proves integrity but not origin.")
    String key;

    @Option(names = "--images", description = "Also scan every published image derivative for its QR text.")
    boolean images;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--max-findings", paramLabel = "N", defaultValue = "200", description = "Findings listed in the text report (default: ${DEFAULT-VALUE}).")
    int maxFindings;

    @Override
    public Integer call() {
        Optional<NoteVerifier> trusted = Optional.empty();
        if (key != null) {
            String text = key;
            try {
                Path file = Path.of(key);
                if (Files.isRegularFile(file)) {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                }
                trusted = Optional.of(NoteVerifier.parse(text));
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError("--key is not a verifier key (name+id+base64) or a file holding one: " + e.getMessage());
            }
        }
        VerifyReport report;
        try {
            report = BundleVerifier.standard().verify(FileSource.of(bundle), trusted, images);
        } catch (IOException e) {
            throw new UserError("cannot read " + bundle + ": " + e.getMessage());
        }
        System.out.print(json ? report.json(Json.mapper()) + "\n" : report.text(maxFindings));
        return report.clean() ? 0 : 1;
    }
}
