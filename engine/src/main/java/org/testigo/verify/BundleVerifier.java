package org.testigo.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.testigo.consolidation.ConsolidationRule;
import org.testigo.consolidation.Copy;
import org.testigo.election.Election;
import org.testigo.election.pkg.ElectionPackage;
import org.testigo.election.pkg.PackageException;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.FileSource;
import org.testigo.ledger.LogEntry;
import org.testigo.ledger.MerkleTree;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.Tiles;
import org.testigo.opendata.BundleLayout;
import org.testigo.opendata.BundleSeal;
import org.testigo.opendata.Manifest;
import org.testigo.opendata.PublishedResults;
import org.testigo.opendata.PublishedResults.Sheet;
import org.testigo.resultados.ResultadosCsv;
import org.testigo.resultados.ResultadosException;
import org.testigo.scan.ActaReading;
import org.testigo.scan.ActaScanner;
import org.testigo.state.ElectionState;
import org.testigo.tally.Decoding;
import org.testigo.tally.TallyFormat;
import org.testigo.tally.TallyFormats;
import org.testigo.tally.Verdict;
import org.testigo.verify.Finding.Problem;

/**
 * Checks an open-data bundle (docs/open-data.md) with nothing but the bundle and a key: the sealed
 * manifest and every file against it; the checkpoint's signature and that it is the one the bundle was
 * sealed with; the Merkle tree rebuilt from the entry bundles against the checkpoint, and every hash tile;
 * every piece of evidence's content against the hash the log recorded, decoded again with its format;
 * consolidation re-run with the server's rule and every total recomputed, then compared, cell by cell,
 * with the published results. It goes on after a problem, so the report names every one it can.
 *
 * <p>No database: the same {@link ElectionState} and {@link ConsolidationRule} the server uses, fed from files.
 */
public final class BundleVerifier {
    private final TallyFormats formats;
    private final ConsolidationRule rule;

    public BundleVerifier(TallyFormats formats, ConsolidationRule rule) {
        this.formats = formats;
        this.rule = rule;
    }

    /** The formats of this build and the server's standard rule. */
    public static BundleVerifier standard() {
        return new BundleVerifier(TallyFormats.installed(), ConsolidationRule.standard());
    }

    /**
     * Verifies the bundle at {@code source}.
     *
     * @param trusted the log's verifier key, from somewhere other than the bundle; when empty, the bundle's
     *     own {@code log/key.txt} is used and the report says that this proves integrity, not origin
     * @param images also scan every published image derivative and compare its QR text with the one published
     * @throws IOException when the source cannot be read at all (a network or disk failure, not a tampering)
     */
    public VerifyReport verify(FileSource source, Optional<NoteVerifier> trusted, boolean images) throws IOException {
        return new Run(source, images).verify(trusted);
    }

    private final class Run {
        private final FileSource source;
        private final boolean scanImages;
        private final Map<String, Optional<byte[]>> files = new HashMap<>();
        private final List<Finding> findings = new ArrayList<>();
        private final Map<String, Long> checked = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private Manifest manifest;

        Run(FileSource source, boolean scanImages) {
            this.source = source;
            this.scanImages = scanImages;
        }

        private Optional<byte[]> read(String path) throws IOException {
            Optional<byte[]> cached = files.get(path);
            if (cached == null) {
                cached = source.read(path);
                files.put(path, cached);
            }
            return cached;
        }

        private void find(Problem problem, String file, String subject, String field, String expected, String found, String message) {
            findings.add(new Finding(problem, file, subject, field, expected, found, message));
        }

        private void find(Problem problem, String file, String message) {
            findings.add(Finding.of(problem, file, message));
        }

        VerifyReport verify(Optional<NoteVerifier> trusted) throws IOException {
            String[] trust = new String[1];
            NoteVerifier key = key(trusted, trust);
            BundleSeal seal = key == null ? null : seal(key);
            manifest(seal);
            checkFiles();
            Checkpoint checkpoint = key == null ? null : checkpoint(key, seal);
            List<LogEntry> entries = log(checkpoint, seal);
            Election election = election();
            ElectionState state = election == null ? null : new ElectionState(election, rule);
            Map<Long, String> sha256 = evidence(entries, election, state);
            if (state != null) {
                state.settle();
                compare(BundleLayout.RESULTS_TABLES, PublishedResults.tables(state, id -> sha256.getOrDefault(id, "")), false);
                compare(BundleLayout.RESULTS_TOTALS, PublishedResults.totals(state), true);
                checked.put("tables", (long) election.geography().tableCount());
                checked.put("nodes", (long) election.geography().nodeCount());
            } else {
                notes.add("without a readable election package, evidence was not decoded and results were not recomputed");
            }
            return new VerifyReport(source.describe(), trust[0], checked, findings, notes);
        }

        private NoteVerifier key(Optional<NoteVerifier> trusted, String[] trust) throws IOException {
            Optional<byte[]> file = read(BundleLayout.LOG_KEY);
            NoteVerifier bundled = null;
            String problem = "there is no " + BundleLayout.LOG_KEY;
            if (file.isPresent()) {
                try {
                    bundled = NoteVerifier.parse(new String(file.get(), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            if (trusted.isPresent()) {
                NoteVerifier k = trusted.get();
                trust[0] = "the key given to the verifier, " + k.name() + "+" + k.keyIdHex();
                if (bundled != null && !bundled.equals(k)) {
                    find(Problem.KEY_DIFFERS, BundleLayout.LOG_KEY, "", "key", k.encoded(), bundled.encoded(),
                            "the bundle names another log key than the one given");
                }
                return k;
            }
            if (bundled == null) {
                find(Problem.KEY_UNUSABLE, BundleLayout.LOG_KEY, "no key was given (--key) and the bundle's key cannot be used: " + problem);
                trust[0] = "no key: signatures were not checked";
                return null;
            }
            trust[0] = "the bundle's own key file " + BundleLayout.LOG_KEY + " (" + bundled.name() + "+" + bundled.keyIdHex()
                    + "): this shows the bundle is intact and consistent, not who made it; pass --key with the key the "
                    + "deployment publishes elsewhere to check its origin";
            return bundled;
        }

        private BundleSeal seal(NoteVerifier key) throws IOException {
            Optional<byte[]> note = read(BundleLayout.SUMS_NOTE);
            if (note.isEmpty()) {
                find(Problem.SEAL_INVALID, BundleLayout.SUMS_NOTE, "the bundle has no seal; nothing binds its files to the log");
                return null;
            }
            try {
                return BundleSeal.open(note.get(), key);
            } catch (IllegalArgumentException e) {
                find(Problem.SEAL_INVALID, BundleLayout.SUMS_NOTE, e.getMessage());
                return null;
            }
        }

        private void manifest(BundleSeal seal) throws IOException {
            Optional<byte[]> sums = read(BundleLayout.SUMS);
            if (sums.isEmpty()) {
                find(Problem.MANIFEST_UNREADABLE, BundleLayout.SUMS, "the bundle has no manifest");
                return;
            }
            if (seal != null && !Arrays.equals(Manifest.sha256(sums.get()), seal.sumsSha256())) {
                find(Problem.MANIFEST_CHANGED, BundleLayout.SUMS, "", "sha256", HexFormat.of().formatHex(seal.sumsSha256()),
                        Manifest.sha256Hex(sums.get()), "the manifest is not the one the log key sealed");
            }
            try {
                manifest = Manifest.parse(sums.get());
            } catch (IllegalArgumentException e) {
                find(Problem.MANIFEST_UNREADABLE, BundleLayout.SUMS, e.getMessage());
            }
        }

        private void checkFiles() throws IOException {
            if (manifest == null) {
                return;
            }
            for (Map.Entry<String, String> f : manifest.files().entrySet()) {
                Optional<byte[]> bytes = read(f.getKey());
                if (bytes.isEmpty()) {
                    find(Problem.FILE_MISSING, f.getKey(), "", "", f.getValue(), "", "listed in the manifest, not in the bundle");
                } else {
                    String actual = Manifest.sha256Hex(bytes.get());
                    if (!actual.equals(f.getValue())) {
                        find(Problem.FILE_CHANGED, f.getKey(), "", "sha256", f.getValue(), actual, "");
                    }
                }
            }
            checked.put("files", (long) manifest.files().size());
            if (source instanceof FileSource.Directory dir) {
                Path root = dir.root();
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                        String relative = root.relativize(p).toString().replace('\\', '/');
                        if (!relative.equals(BundleLayout.SUMS) && !relative.equals(BundleLayout.SUMS_NOTE)
                                && !manifest.files().containsKey(relative)) {
                            find(Problem.FILE_EXTRA, relative, "in the bundle, not in the manifest");
                        }
                    }
                }
            } else {
                notes.add("files not listed in the manifest cannot be found over HTTP; only listed files were checked");
            }
        }

        private Checkpoint checkpoint(NoteVerifier key, BundleSeal seal) throws IOException {
            Optional<byte[]> note = read(BundleLayout.CHECKPOINT);
            if (note.isEmpty()) {
                find(Problem.CHECKPOINT_INVALID, BundleLayout.CHECKPOINT, "the bundle has no checkpoint");
                return null;
            }
            Checkpoint c;
            try {
                c = Checkpoint.open(note.get(), key);
            } catch (IllegalArgumentException e) {
                find(Problem.CHECKPOINT_INVALID, BundleLayout.CHECKPOINT, e.getMessage());
                return null;
            }
            if (seal != null && !seal.matches(c)) {
                String what = c.size() < seal.size() ? "an older checkpoint than the one the bundle was sealed with: the log was rolled back"
                        : c.size() > seal.size() ? "a later checkpoint than the one the bundle was sealed with"
                        : "a checkpoint of the same size with another root: a forked log";
                find(Problem.CHECKPOINT_NOT_SEALED, BundleLayout.CHECKPOINT, "", "size/root",
                        seal.size() + " " + java.util.Base64.getEncoder().encodeToString(seal.rootHash()),
                        c.size() + " " + java.util.Base64.getEncoder().encodeToString(c.rootHash()), what);
            }
            return c;
        }

        /** Rebuilds the tree from the entry bundles; returns the parsed entries (those that parse). */
        private List<LogEntry> log(Checkpoint checkpoint, BundleSeal seal) throws IOException {
            if (checkpoint == null && seal == null) {
                notes.add("with neither a valid checkpoint nor a valid seal, the log's size is unknown: the log was not rebuilt");
                return List.of();
            }
            long size = checkpoint != null ? checkpoint.size() : seal.size();
            byte[] root = checkpoint != null ? checkpoint.rootHash() : seal.rootHash();
            String rootFile = checkpoint != null ? BundleLayout.CHECKPOINT : BundleLayout.SUMS_NOTE;
            MerkleTree tree = new MerkleTree();
            List<LogEntry> entries = new ArrayList<>();
            List<Tiles.TileId> tiles = Tiles.tilesFor(size);
            Set<String> expected = new HashSet<>();
            boolean complete = true;
            for (Tiles.TileId id : tiles) {
                expected.add(BundleLayout.LOG + id.path());
                if (id.level() != 0) {
                    continue;
                }
                String path = BundleLayout.LOG + id.entriesPath();
                expected.add(path);
                Optional<byte[]> bundle = read(path);
                List<byte[]> leaves;
                try {
                    leaves = Tiles.readEntryBundle(bundle.orElseThrow(() -> new IllegalArgumentException("missing")));
                } catch (IllegalArgumentException e) {
                    find(Problem.LOG_MALFORMED, path, e.getMessage());
                    complete = false;
                    continue;
                }
                if (leaves.size() != id.width()) {
                    find(Problem.LOG_MALFORMED, path, "", "entries", Integer.toString(id.width()), Integer.toString(leaves.size()), "");
                }
                for (int i = 0; i < leaves.size(); i++) {
                    long index = id.index() * Tiles.WIDTH + i;
                    if (i < id.width() && complete) {
                        tree.append(leaves.get(i));
                    }
                    try {
                        entries.add(LogEntry.parse(leaves.get(i)));
                    } catch (IllegalArgumentException e) {
                        find(Problem.LOG_MALFORMED, path, "entry " + index, "", "", "", e.getMessage());
                    }
                }
                complete &= leaves.size() == id.width();
            }
            checked.put("log entries", (long) entries.size());
            if (!complete) {
                find(Problem.LOG_ROOT, rootFile, "", "size", Long.toString(size), Long.toString(tree.size()),
                        "the entry bundles do not hold the checkpoint's " + size + " entries");
                return entries;
            }
            if (!Arrays.equals(tree.root(), root)) {
                find(Problem.LOG_ROOT, rootFile, "", "root", java.util.Base64.getEncoder().encodeToString(root),
                        java.util.Base64.getEncoder().encodeToString(tree.root()), "the tree rebuilt from the entry bundles has another root");
            }
            for (Tiles.TileId id : tiles) {
                String path = BundleLayout.LOG + id.path();
                Optional<byte[]> tile = read(path);
                if (tile.isEmpty()) {
                    find(Problem.LOG_TILE, path, "the tile is missing");
                } else if (!Arrays.equals(tile.get(), Tiles.tile(tree, id))) {
                    find(Problem.LOG_TILE, path, "the tile does not hold the hashes of the tree rebuilt from the entries");
                }
            }
            if (manifest != null) {
                for (String path : manifest.files().keySet()) {
                    if (path.startsWith(BundleLayout.LOG + "tile/") && !expected.contains(path)) {
                        find(Problem.LOG_EXTRA, path, "a log file beyond the checkpoint's " + size + " entries");
                    }
                }
            }
            return entries;
        }

        private Election election() throws IOException {
            List<String> parts = new ArrayList<>(List.of(ElectionPackage.MANIFEST, ElectionPackage.GEOGRAPHY, ElectionPackage.TABLES,
                    ElectionPackage.OFFICIAL));
            Path dir = Files.createTempDirectory("testigo-verify-election");
            try {
                for (String part : parts) {
                    Optional<byte[]> bytes = read(BundleLayout.ELECTION + part);
                    if (bytes.isPresent()) {
                        Files.write(dir.resolve(part), bytes.get());
                    }
                }
                return ElectionPackage.read(dir);
            } catch (PackageException e) {
                find(Problem.ELECTION_INVALID, BundleLayout.ELECTION, e.getMessage());
                return null;
            } finally {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }

        /** Checks and decodes the evidence the log names; returns evidence id → content SHA-256. */
        private Map<Long, String> evidence(List<LogEntry> entries, Election election, ElectionState state) throws IOException {
            Map<Long, String> sha256 = new HashMap<>();
            Set<String> accounted = new HashSet<>();
            ActaScanner scanner = scanImages ? ActaScanner.standard() : null;
            long images = 0;
            long scanned = 0;
            for (LogEntry entry : entries) {
                if (!(entry instanceof LogEntry.EvidenceRecorded e)) {
                    continue;
                }
                String sha = HexFormat.of().formatHex(e.sha256());
                String subject = "evidence " + e.evidenceId();
                if (sha256.putIfAbsent(e.evidenceId(), sha) != null) {
                    find(Problem.LOG_DUPLICATE, BundleLayout.LOG + "tile/entries", subject, "", "", "",
                            "the log records evidence " + e.evidenceId() + " more than once");
                    continue;
                }
                boolean image = e.channel().equals("image");
                String path = image ? BundleLayout.image(sha, BundleLayout.IMAGE_PAYLOAD) : BundleLayout.evidence(sha);
                accounted.add(image ? BundleLayout.IMAGES + sha + "/" : path);
                Optional<byte[]> content = read(path);
                if (content.isEmpty()) {
                    find(Problem.EVIDENCE_MISSING, path, subject, "", sha, "", "the log names this content; the bundle does not have it");
                    continue;
                }
                if (image) {
                    images++;
                } else if (!Manifest.sha256Hex(content.get()).equals(sha)) {
                    find(Problem.EVIDENCE_HASH, path, subject, "sha256", sha, Manifest.sha256Hex(content.get()), "");
                    continue;
                }
                if (election == null) {
                    continue;
                }
                if (e.channel().equals(org.testigo.store.Channel.CHECKIN.name())) {
                    continue; // a quick-count check-in: its hash is checked above; it is never counted as an acta
                }
                if (e.channel().equals(org.testigo.incidents.IncidentIntake.CHANNEL)) {
                    continue; // an incident report: its hash is checked above; it is never counted as an acta
                }
                String text = new String(content.get(), StandardCharsets.UTF_8);
                Decoded d = decode(e, text, path, election);
                if (d == null) {
                    continue;
                }
                if (!d.table().equals(e.table()) || !d.verdict().name().equals(e.verdict())) {
                    find(Problem.EVIDENCE_MISMATCH, path, subject, "table/verdict", e.table() + " " + e.verdict(),
                            d.table() + " " + d.verdict().name(), "the content decodes otherwise than the log recorded");
                    continue;
                }
                Optional<Integer> table = election.geography().tableIndex(d.tally().table());
                if (table.isEmpty()) {
                    find(Problem.EVIDENCE_MISMATCH, path, subject, "table", "a table of " + election.id(), d.table(), "");
                    continue;
                }
                state.preload(table.get(), new Copy(e.evidenceId(), e.channel(), e.submitter(), d.tally(), d.verdict(), e.receivedAt()));
                if (image && scanner != null) {
                    scanned += scan(scanner, sha, text, subject, election) ? 1 : 0;
                }
            }
            checked.put("evidence", (long) sha256.size());
            if (images > 0) {
                checked.put("images", images);
                notes.add(images + " piece(s) of evidence are images: their originals stay sealed (never published), so the log's hash"
                        + " of each original cannot be checked here; the QR text read from each was decoded"
                        + (scanImages ? ", and " + scanned + " web-size derivative(s) were scanned again" : " (--images scans the derivatives too)"));
            }
            if (manifest != null) {
                Set<String> unaccounted = new TreeSet<>();
                for (String path : manifest.files().keySet()) {
                    if (BundleLayout.evidenceSha(path) != null && !accounted.contains(path)) {
                        unaccounted.add(path);
                    } else if (BundleLayout.imageSha(path) != null && !accounted.contains(BundleLayout.IMAGES + BundleLayout.imageSha(path) + "/")) {
                        unaccounted.add(path);
                    } else if ((path.startsWith(BundleLayout.EVIDENCE) && BundleLayout.evidenceSha(path) == null)
                            || (path.startsWith(BundleLayout.IMAGES) && BundleLayout.imageSha(path) == null)) {
                        unaccounted.add(path);
                    }
                }
                unaccounted.forEach(p -> find(Problem.EVIDENCE_UNACCOUNTED, p, "no log entry names this content"));
            }
            return sha256;
        }

        private record Decoded(org.testigo.tally.Tally tally, Verdict verdict) {
            String table() {
                return tally.table().value();
            }
        }

        private Decoded decode(LogEntry.EvidenceRecorded e, String text, String path, Election election) {
            String subject = "evidence " + e.evidenceId();
            if (e.format().equals(ResultadosCsv.TALLY_FORMAT)) {
                try {
                    return new Decoded(ResultadosCsv.readRow(text, Path.of(path)), Verdict.NOT_VERIFIABLE);
                } catch (ResultadosException x) {
                    find(Problem.EVIDENCE_UNDECODABLE, path, subject, "", "", "", x.getMessage());
                    return null;
                }
            }
            Optional<TallyFormat> format = formats.byId(e.format());
            if (format.isEmpty()) {
                find(Problem.EVIDENCE_UNDECODABLE, path, subject, "format", "one of " + formats.ids(), e.format(),
                        "this verifier has no such tally format");
                return null;
            }
            Decoding decoding = format.get().decode(List.of(text.split("\n", -1)), election.tallyContext());
            if (decoding instanceof Decoding.Refused r) {
                find(Problem.EVIDENCE_UNDECODABLE, path, subject, r.problems().get(0).field(), "", "", r.problems().get(0).message());
                return null;
            }
            Decoding.Decoded d = (Decoding.Decoded) decoding;
            return new Decoded(d.tally(), d.verification().signature());
        }

        /** Scans an image's web derivative; true when it was there to scan. */
        private boolean scan(ActaScanner scanner, String sha, String published, String subject, Election election) throws IOException {
            String web = BundleLayout.image(sha, BundleLayout.IMAGE_WEB);
            Optional<byte[]> bytes = read(web);
            if (bytes.isEmpty()) {
                return false;
            }
            TallyFormat format = formats.byId(election.tallyFormat()).orElse(null);
            if (format == null) {
                return false;
            }
            ActaReading reading = scanner.read(bytes.get(), format, election.tallyContext());
            List<String> found = switch (reading) {
                case ActaReading.Read r -> r.payloads();
                case ActaReading.Unreadable u -> u.payloads();
                case ActaReading.Refused r -> List.of();
            };
            String text = String.join("\n", found.stream().map(String::strip).sorted().toList());
            if (!text.equals(published)) {
                find(Problem.IMAGE_MISMATCH, web, subject, "QR text", published, text.isEmpty() ? "(no QR code read)" : text,
                        "the published image does not show the QR text published for it");
            }
            return true;
        }

        private void compare(String file, Sheet expected, boolean json) throws IOException {
            Optional<byte[]> bytes = read(file);
            if (bytes.isEmpty()) {
                find(Problem.RESULTS_UNREADABLE, file, "the published results file is missing");
                return;
            }
            Sheet found;
            try {
                found = json ? PublishedResults.parseJson(bytes.get()) : PublishedResults.parseCsv(bytes.get());
            } catch (IllegalArgumentException e) {
                find(Problem.RESULTS_UNREADABLE, file, e.getMessage());
                return;
            }
            if (!found.header().equals(expected.header())) {
                find(Problem.RESULTS_UNREADABLE, file, "", "columns", String.join(",", expected.header()), String.join(",", found.header()), "");
                return;
            }
            String kind = json ? "node " : "table ";
            for (Map.Entry<String, List<String>> row : expected.rows().entrySet()) {
                List<String> other = found.rows().get(row.getKey());
                if (other == null) {
                    find(Problem.RESULT_MISSING, file, kind + row.getKey(), "", "a row", "", "");
                    continue;
                }
                for (int i = 1; i < expected.header().size(); i++) {
                    if (!row.getValue().get(i).equals(other.get(i))) {
                        find(Problem.RESULT_MISMATCH, file, kind + row.getKey(), expected.header().get(i), row.getValue().get(i), other.get(i), "");
                    }
                }
            }
            found.rows().keySet().stream().filter(k -> !expected.rows().containsKey(k)).sorted(Comparator.naturalOrder())
                    .forEach(k -> find(Problem.RESULT_EXTRA, file, kind + k, "", "", "a row", "not a " + kind.strip() + " of the election"));
        }
    }
}
