package org.testigo.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.testigo.opendata.BundleLayout;
import org.testigo.opendata.Manifest;

/**
 * A published open-data bundle (docs/open-data.md), as the downloads page lists it: every file its
 * {@code SHA256SUMS} names, with its size, plus the sums and their signed note.
 *
 * @param dir where the bundle was written ({@code testigo export-data DIR})
 * @param files path → (size, SHA-256), in path order
 */
public record Downloads(Path dir, Map<String, File> files) {

    public record File(long size, String sha256) {
    }

    public Downloads {
        files = Map.copyOf(files);
    }

    /**
     * Reads the bundle in {@code dir}; empty when it has no {@code SHA256SUMS} (nothing published yet).
     *
     * @throws IOException when the sums cannot be read or name a file that is not there
     * @throws IllegalArgumentException when {@code SHA256SUMS} is malformed
     */
    public static Optional<Downloads> read(Path dir) throws IOException {
        Path sums = dir.resolve(BundleLayout.SUMS);
        if (!Files.isRegularFile(sums)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(sums);
        Manifest manifest = Manifest.parse(bytes);
        Map<String, File> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            files.put(e.getKey(), new File(Files.size(dir.resolve(e.getKey())), e.getValue()));
        }
        files.put(BundleLayout.SUMS, new File(bytes.length, Manifest.sha256Hex(bytes)));
        Path note = dir.resolve(BundleLayout.SUMS_NOTE);
        if (Files.isRegularFile(note)) {
            byte[] n = Files.readAllBytes(note);
            files.put(BundleLayout.SUMS_NOTE, new File(n.length, Manifest.sha256Hex(n)));
        }
        return Optional.of(new Downloads(dir, files));
    }

    /** The file at {@code path} when the bundle lists it (nothing else is ever served from the folder). */
    public Optional<Path> file(String path) {
        return files.containsKey(path) ? Optional.of(dir.resolve(path)) : Optional.empty();
    }
}
