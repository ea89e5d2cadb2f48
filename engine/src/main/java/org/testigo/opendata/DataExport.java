package org.testigo.opendata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import org.testigo.election.pkg.ElectionPackage;
import org.testigo.intake.Intake;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.LogEntry;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.SignedNote;
import org.testigo.ledger.Tiles;
import org.testigo.state.ElectionState;
import org.testigo.store.Channel;
import org.testigo.store.ImageSubmission;
import org.testigo.transparency.LogExport;
import org.testigo.transparency.TransparencyLog;

/**
 * Writes a deployment's open-data bundle (docs/open-data.md) for its latest signed checkpoint: the
 * election package, the content of every piece of evidence the log holds up to that checkpoint, the log
 * as tlog-tiles with its verifier key, the results recomputed from exactly that evidence, and
 * {@code SHA256SUMS} sealed by the log key. Image originals stay sealed: an image appears as the QR text
 * read from it and its metadata-free derivatives.
 */
public final class DataExport {

    /** What was written. */
    public record Summary(Checkpoint checkpoint, long evidence, long images, int files) {
    }

    private DataExport() {
    }

    /**
     * Writes the bundle into {@code dir}, which must not exist or be empty (a stale file would be part of
     * nothing the seal vouches for).
     *
     * @param key the log signing key the deployment was opened with
     * @throws IllegalArgumentException when {@code dir} holds files or the key is not the log's
     */
    public static Summary write(Deployment deployment, NoteKey key, Path dir) throws IOException {
        TransparencyLog log = deployment.transparency()
                .orElseThrow(() -> new IllegalArgumentException("the deployment was opened without its log key; the bundle needs the log"));
        if (!key.verifier().equals(log.verifier())) {
            throw new IllegalArgumentException("the key " + key + " is not the key of the log " + log.verifier());
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty; export into a new or empty folder");
                }
            }
        }
        Deployment.Running running = deployment.requireRunning();
        Election election = running.election();
        Files.createDirectories(dir);

        SignedNote note = log.checkpoint();
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        ElectionPackage.write(election, dir.resolve(BundleLayout.ELECTION));
        LogExport.write(log, note, dir.resolve(BundleLayout.LOG));
        put(dir, BundleLayout.LOG_KEY, (key.verifier().encoded() + "\n").getBytes(StandardCharsets.US_ASCII));

        // The evidence named by the log up to the checkpoint, and nothing later (intake may go on meanwhile).
        Map<Long, LogEntry.EvidenceRecorded> logged = new HashMap<>();
        for (Tiles.TileId id : Tiles.tilesFor(checkpoint.size())) {
            if (id.level() == 0) {
                for (byte[] entry : Tiles.readEntryBundle(log.entryBundle(id))) {
                    if (LogEntry.parse(entry) instanceof LogEntry.EvidenceRecorded e) {
                        logged.put(e.evidenceId(), e);
                    }
                }
            }
        }
        ElectionState state = new ElectionState(election, running.state().rule());
        Map<Long, String> sha256 = new HashMap<>();
        long[] images = {0};
        List<IOException> failures = new ArrayList<>();
        deployment.evidence().forEach(e -> {
            LogEntry.EvidenceRecorded entry = logged.get(e.id());
            if (entry == null || !failures.isEmpty()) {
                return;
            }
            sha256.put(e.id(), e.sha256Hex());
            if (org.testigo.deployment.Deployment.countsAsActa(e)) { // check-ins and incidents are published as evidence, never counted as actas
                election.geography().tableIndex(e.tally().table()).ifPresent(t -> state.preload(t, Intake.toCopy(e)));
            }
            try {
                if (e.channel().equals(Channel.IMAGE)) {
                    images[0] += writeImage(deployment, e.sha256Hex(), dir);
                } else {
                    String path = BundleLayout.evidence(e.sha256Hex());
                    if (!Files.exists(dir.resolve(path))) {
                        put(dir, path, deployment.evidence().content(e.sha256Hex()).orElseThrow(
                                () -> new IllegalStateException("evidence " + e.id() + " has no content " + e.sha256Hex())));
                    }
                }
            } catch (IOException x) {
                failures.add(x);
            }
        });
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        if (sha256.size() != logged.size()) {
            throw new IllegalStateException("the log names " + logged.size() + " pieces of evidence, the store holds " + sha256.size() + " of them");
        }
        state.settle();
        put(dir, BundleLayout.RESULTS_TABLES, PublishedResults.csv(PublishedResults.tables(state, sha256::get)));
        put(dir, BundleLayout.RESULTS_TOTALS, PublishedResults.json(election.id(), PublishedResults.totals(state)));

        Manifest manifest = manifest(dir);
        byte[] sums = manifest.bytes();
        put(dir, BundleLayout.SUMS, sums);
        BundleSeal seal = BundleSeal.of(checkpoint, Manifest.sha256(sums));
        put(dir, BundleLayout.SUMS_NOTE, seal.sign(key).format().getBytes(StandardCharsets.UTF_8));
        return new Summary(checkpoint, sha256.size(), images[0], manifest.files().size() + 2);
    }

    /** Writes the QR text read from an image and its derivatives; returns 1 when the image was new to the bundle. */
    private static int writeImage(Deployment deployment, String originalSha, Path dir) throws IOException {
        String payloadPath = BundleLayout.image(originalSha, BundleLayout.IMAGE_PAYLOAD);
        if (Files.exists(dir.resolve(payloadPath))) {
            return 0;
        }
        ImageSubmission s = deployment.images().byImage(originalSha)
                .orElseThrow(() -> new IllegalStateException("image evidence " + originalSha + " has no image submission"));
        List<String> payloads = new ArrayList<>();
        s.payloads().forEach(p -> payloads.add(p.strip()));
        payloads.sort(null);
        put(dir, payloadPath, String.join("\n", payloads).getBytes(StandardCharsets.UTF_8));
        if (s.webSha256() != null) {
            deployment.images().derivative(s, s.webSha256())
                    .ifPresent(b -> putUnchecked(dir, BundleLayout.image(originalSha, BundleLayout.IMAGE_WEB), b));
        }
        if (s.thumbnailSha256() != null) {
            deployment.images().derivative(s, s.thumbnailSha256())
                    .ifPresent(b -> putUnchecked(dir, BundleLayout.image(originalSha, BundleLayout.IMAGE_THUMBNAIL), b));
        }
        return 1;
    }

    /** The sums of every file under {@code dir}. */
    static Manifest manifest(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String relative = dir.relativize(p).toString().replace('\\', '/');
                if (!relative.equals(BundleLayout.SUMS) && !relative.equals(BundleLayout.SUMS_NOTE)) {
                    files.put(relative, Manifest.sha256Hex(Files.readAllBytes(p)));
                }
            }
        }
        return new Manifest(files);
    }

    private static void put(Path dir, String relative, byte[] bytes) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static void putUnchecked(Path dir, String relative, byte[] bytes) {
        try {
            put(dir, relative, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
