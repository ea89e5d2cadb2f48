package org.testigo.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.FileSource;
import org.testigo.ledger.MerkleTree;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.SignedNote;
import org.testigo.ledger.Tiles;
import org.testigo.opendata.BundleLayout;
import org.testigo.opendata.Manifest;
import org.testigo.opendata.PublishedResults;
import org.testigo.verify.Finding.Problem;

/**
 * Tampers with an exported bundle in every way issue 5 lists — more than 200 times — and checks that the
 * verifier names each tampering (its problem and its file), while the untouched bundle verifies clean.
 * The bundle is built once; each tampering works on a copy of its files in memory.
 */
class BundleMutationTest {
    @TempDir
    static Path temp;
    static BundleFixture fixture;
    private static final BundleVerifier VERIFIER = BundleVerifier.standard();

    @BeforeAll
    static void export() throws Exception {
        fixture = new BundleFixture(temp.resolve("bundle"));
    }

    /** A tampering and what the verifier must say about it. */
    private record Mutation(String name, Map<String, byte[]> files, Problem problem, String file, String field) {
    }

    private static Map<String, byte[]> copy() {
        return new TreeMap<>(fixture.files);
    }

    private static VerifyReport verify(Map<String, byte[]> files, boolean images) throws Exception {
        return VERIFIER.verify(new BundleFixture.Memory(files), Optional.of(fixture.key.verifier()), images);
    }

    @Test
    void theUntouchedBundleVerifiesCleanFromMemoryAndFromItsFolder() throws Exception {
        VerifyReport memory = verify(fixture.files, true);
        assertThat(memory.findings()).isEmpty();
        VerifyReport folder = VERIFIER.verify(FileSource.of(fixture.dir.toString()), Optional.of(fixture.key.verifier()), false);
        assertThat(folder.findings()).isEmpty();
        assertThat(folder.checked()).containsEntry("tables", 300L).containsEntry("evidence",
                (long) (2 * BundleFixture.AGREEING + (BundleFixture.SINGLE - BundleFixture.AGREEING)
                        + 2 * (BundleFixture.CONFLICTED - BundleFixture.SINGLE) + (BundleFixture.IMPORTED - BundleFixture.CONFLICTED)
                        + (BundleFixture.IMAGES - BundleFixture.IMPORTED)));
        assertThat(folder.checked()).containsEntry("images", 4L);
    }

    @Test
    void withoutAKeyTheBundlesOwnKeyIsUsedAndTheReportSaysSo() throws Exception {
        VerifyReport r = VERIFIER.verify(new BundleFixture.Memory(fixture.files), Optional.empty(), false);
        assertThat(r.clean()).isTrue();
        assertThat(r.trust()).contains("bundle's own key file").contains("not who made it");
    }

    @Test
    void thePublishedTotalsAreTheSyntheticVotesOfTheCountedTables() throws Exception {
        // Counted: agreeing and single witnesses, imports and images; conflicted and missing tables are not.
        long valid = 0;
        long eg = 0;
        int egIndex = fixture.synth.election().ballot().candidateIndex("EG");
        for (int i = 0; i < BundleFixture.IMAGES; i++) {
            if (i < BundleFixture.SINGLE || i >= BundleFixture.CONFLICTED) {
                valid += fixture.synth.table(i).valid();
                eg += fixture.synth.table(i).candidates().get(egIndex);
            }
        }
        PublishedResults.Sheet totals = PublishedResults.parseJson(fixture.files.get(BundleLayout.RESULTS_TOTALS));
        List<String> nation = totals.rows().get("");
        assertThat(nation.get(totals.header().indexOf("valid"))).isEqualTo(Long.toString(valid));
        assertThat(nation.get(totals.header().indexOf("votes.EG"))).isEqualTo(Long.toString(eg));
        assertThat(nation.get(totals.header().indexOf("tables.conflicted"))).isEqualTo("30");
        assertThat(nation.get(totals.header().indexOf("tables.confirmed"))).isEqualTo(Long.toString(100 + 80));
        PublishedResults.Sheet tables = PublishedResults.parseCsv(fixture.files.get(BundleLayout.RESULTS_TABLES));
        assertThat(tables.rows().get(fixture.synth.table(150).table().id().value()).get(3)).isEqualTo("conflicted");
        assertThat(tables.rows().get(fixture.synth.table(200).table().id().value()).get(4)).isEqualTo("import");
    }

    @Test
    void everyTamperingIsDetectedAndNamed() throws Exception {
        List<Mutation> mutations = new ArrayList<>();
        Random random = new Random(5);
        flippedBytes(mutations, random);
        changedResults(mutations, random);
        changedPayloads(mutations, random);
        rewrittenLogs(mutations, random);
        replacedImages(mutations);
        forgedCheckpoints(mutations, random);
        rolledBack(mutations);
        rewrittenManifests(mutations, random);

        List<String> missed = new ArrayList<>();
        Map<Problem, Integer> byProblem = new TreeMap<>();
        for (Mutation m : mutations) {
            VerifyReport r = verify(m.files(), m.problem() == Problem.IMAGE_MISMATCH);
            boolean named = r.findings().stream().anyMatch(f -> f.problem() == m.problem() && f.file().equals(m.file())
                    && (m.field() == null || f.field().equals(m.field())));
            if (r.clean() || !named) {
                missed.add(m.name() + ": expected " + m.problem() + " " + m.file() + (m.field() == null ? "" : " " + m.field())
                        + ", got " + r.findings().stream().limit(5).map(Finding::describe).toList());
            }
            byProblem.merge(m.problem(), 1, Integer::sum);
        }
        assertThat(missed).isEmpty();
        assertThat(mutations).hasSizeGreaterThanOrEqualTo(200);
        System.out.println("BundleMutationTest: " + mutations.size() + " tamperings detected and named: " + byProblem);
    }

    @Test
    void aFileAddedOrRemovedInTheFolderIsNamed(@TempDir Path scratch) throws Exception {
        Path bundle = scratch.resolve("b");
        for (Map.Entry<String, byte[]> f : fixture.files.entrySet()) {
            Path p = bundle.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        Files.writeString(bundle.resolve("results/extra.csv"), "table\n");
        String evidence = fixture.files.keySet().stream().filter(p -> p.startsWith(BundleLayout.EVIDENCE)).findFirst().orElseThrow();
        Files.delete(bundle.resolve(evidence));
        VerifyReport r = VERIFIER.verify(FileSource.of(bundle.toString()), Optional.of(fixture.key.verifier()), false);
        assertThat(r.has(Problem.FILE_EXTRA, "results/extra.csv")).isTrue();
        assertThat(r.has(Problem.FILE_MISSING, evidence)).isTrue();
        assertThat(r.has(Problem.EVIDENCE_MISSING, evidence)).isTrue();
    }

    // --- the tamperings ---

    /** One flipped bit in files of every kind (every non-evidence file, and a sample of evidence). */
    private static void flippedBytes(List<Mutation> out, Random random) {
        List<String> paths = new ArrayList<>(fixture.files.keySet());
        List<String> evidence = paths.stream().filter(p -> p.startsWith(BundleLayout.EVIDENCE)).toList();
        List<String> chosen = new ArrayList<>(paths.stream().filter(p -> !p.startsWith(BundleLayout.EVIDENCE)).toList());
        for (int i = 0; i < 40; i++) {
            chosen.add(evidence.get(random.nextInt(evidence.size())));
        }
        for (String path : chosen) {
            Map<String, byte[]> files = copy();
            byte[] b = files.get(path).clone();
            int at = random.nextInt(b.length);
            b[at] ^= (byte) (1 << random.nextInt(7));
            files.put(path, b);
            Problem p = switch (path) {
                case BundleLayout.SUMS -> Problem.MANIFEST_CHANGED;
                case BundleLayout.SUMS_NOTE -> Problem.SEAL_INVALID;
                default -> Problem.FILE_CHANGED;
            };
            out.add(new Mutation("flipped byte " + at + " of " + path, files, p, path, null));
        }
    }

    /** A changed number in the published per-table results and totals, with the manifest rewritten to match. */
    private static void changedResults(List<Mutation> out, Random random) {
        PublishedResults.Sheet tables = PublishedResults.parseCsv(fixture.files.get(BundleLayout.RESULTS_TABLES));
        String[] columns = {"EG", "NM", "null", "valid", "cast", "status"};
        for (int n = 0; n < 30; n++) {
            int t = random.nextInt(BundleFixture.SINGLE);
            String table = fixture.synth.table(t).table().id().value();
            String column = columns[n % columns.length];
            int c = tables.header().indexOf(column);
            Map<String, List<String>> rows = new java.util.LinkedHashMap<>(tables.rows());
            List<String> row = new ArrayList<>(rows.get(table));
            String before = row.get(c);
            row.set(c, column.equals("status") ? (before.equals("confirmed") ? "provisional" : "confirmed") : Long.toString(Long.parseLong(before) + 1));
            rows.put(table, row);
            Map<String, byte[]> files = copy();
            files.put(BundleLayout.RESULTS_TABLES, PublishedResults.csv(new PublishedResults.Sheet(tables.header(), rows)));
            resum(files);
            out.add(new Mutation("table " + table + " " + column + " " + before + "→" + row.get(c), files, Problem.RESULT_MISMATCH,
                    BundleLayout.RESULTS_TABLES, column));
        }
        PublishedResults.Sheet totals = PublishedResults.parseJson(fixture.files.get(BundleLayout.RESULTS_TOTALS));
        List<String> codes = new ArrayList<>(totals.rows().keySet());
        String[] fields = {"votes.EG", "votes.EM", "valid", "null", "tables.counted", "tables.conflicted"};
        for (int n = 0; n < 20; n++) {
            String code = codes.get(n == 0 ? 0 : random.nextInt(codes.size()));
            String field = fields[n % fields.length];
            int c = totals.header().indexOf(field);
            Map<String, List<String>> rows = new java.util.LinkedHashMap<>(totals.rows());
            List<String> row = new ArrayList<>(rows.get(code));
            row.set(c, Long.toString(Long.parseLong(row.get(c)) + 1 + random.nextInt(1000)));
            rows.put(code, row);
            Map<String, byte[]> files = copy();
            files.put(BundleLayout.RESULTS_TOTALS, PublishedResults.json(fixture.synth.election().id(), new PublishedResults.Sheet(totals.header(), rows)));
            resum(files);
            out.add(new Mutation("node \"" + code + "\" " + field, files, Problem.RESULT_MISMATCH, BundleLayout.RESULTS_TOTALS, field));
        }
    }

    /** A changed count inside a piece of evidence (QR text and imported rows), and a content file removed. */
    private static void changedPayloads(List<Mutation> out, Random random) {
        List<String> evidence = fixture.files.keySet().stream().filter(p -> p.startsWith(BundleLayout.EVIDENCE)).toList();
        for (int n = 0; n < 30; n++) {
            String path = evidence.get(random.nextInt(evidence.size()));
            String text = new String(fixture.files.get(path), StandardCharsets.UTF_8);
            String changed;
            if (text.startsWith("COD_EDO")) {
                String[] lines = text.split("\n");
                String[] f = lines[1].split(",");
                f[9] = Integer.toString(Integer.parseInt(f[9]) + 1); // VOTOS_NULOS
                changed = lines[0] + "\n" + String.join(",", f);
            } else {
                String[] parts = text.split("!");
                String[] votes = parts[1].split(",");
                int k = random.nextInt(votes.length);
                votes[k] = Integer.toString(Integer.parseInt(votes[k]) + 1);
                parts[1] = String.join(",", votes);
                changed = String.join("!", parts);
            }
            Map<String, byte[]> files = copy();
            files.put(path, changed.getBytes(StandardCharsets.UTF_8));
            resum(files);
            out.add(new Mutation("changed count in " + path, files, Problem.EVIDENCE_HASH, path, "sha256"));
        }
        for (int n = 0; n < 10; n++) {
            String path = evidence.get(random.nextInt(evidence.size()));
            Map<String, byte[]> files = copy();
            files.remove(path);
            resum(files);
            out.add(new Mutation("removed " + path, files, Problem.EVIDENCE_MISSING, path, null));
        }
        for (int n = 0; n < 5; n++) {
            Map<String, byte[]> files = copy();
            byte[] forged = ("000000001.01.1.0001!" + n).getBytes(StandardCharsets.UTF_8);
            String path = BundleLayout.evidence(Manifest.sha256Hex(forged));
            files.put(path, forged);
            resum(files);
            out.add(new Mutation("unlogged content " + path, files, Problem.EVIDENCE_UNACCOUNTED, path, null));
        }
    }

    /** A dropped, duplicated or reordered log entry, with every entry bundle and tile rewritten to match. */
    private static void rewrittenLogs(List<Mutation> out, Random random) {
        List<byte[]> entries = entries(fixture.files);
        for (int n = 0; n < 45; n++) {
            List<byte[]> changed = new ArrayList<>(entries);
            int i = random.nextInt(entries.size());
            String what;
            switch (n % 3) {
                case 0 -> {
                    changed.remove(i);
                    what = "dropped entry " + i;
                }
                case 1 -> {
                    changed.add(random.nextInt(entries.size()), entries.get(i));
                    what = "duplicated entry " + i;
                }
                default -> {
                    int j = (i + 1 + random.nextInt(entries.size() - 1)) % entries.size();
                    changed.set(i, entries.get(j));
                    changed.set(j, entries.get(i));
                    what = "swapped entries " + i + " and " + j;
                }
            }
            Map<String, byte[]> files = copy();
            rewriteLog(files, changed);
            resum(files);
            out.add(new Mutation(what, files, Problem.LOG_ROOT, BundleLayout.CHECKPOINT, null));
        }
    }

    /** An image derivative or its QR text replaced by another table's. */
    private static void replacedImages(List<Mutation> out) {
        List<String> webs = fixture.files.keySet().stream().filter(p -> p.endsWith("/" + BundleLayout.IMAGE_WEB)).toList();
        List<String> texts = fixture.files.keySet().stream().filter(p -> p.endsWith("/" + BundleLayout.IMAGE_PAYLOAD)).toList();
        assertThat(webs).hasSize(4);
        for (int n = 0; n < webs.size(); n++) {
            Map<String, byte[]> files = copy();
            files.put(webs.get(n), fixture.files.get(webs.get((n + 1) % webs.size())));
            resum(files);
            out.add(new Mutation("replaced image " + webs.get(n), files, Problem.IMAGE_MISMATCH, webs.get(n), null));
            Map<String, byte[]> other = copy();
            other.put(texts.get(n), fixture.files.get(texts.get((n + 1) % texts.size())));
            out.add(new Mutation("replaced QR text of image " + texts.get(n), other, Problem.FILE_CHANGED, texts.get(n), null));
        }
    }

    /** A checkpoint with another size or root, signed by another key of the same name. */
    private static void forgedCheckpoints(List<Mutation> out, Random random) {
        Checkpoint real = Checkpoint.parse(SignedNote.parse(fixture.files.get(BundleLayout.CHECKPOINT)).text());
        NoteKey forger = NoteKey.generate(real.origin());
        for (int n = 0; n < 10; n++) {
            byte[] root = real.rootHash();
            long size = real.size();
            if (n % 2 == 0) {
                size += random.nextInt(20) - 10;
            } else {
                random.nextBytes(root);
            }
            Map<String, byte[]> files = copy();
            files.put(BundleLayout.CHECKPOINT, new Checkpoint(real.origin(), size, root).sign(forger).format().getBytes(StandardCharsets.UTF_8));
            out.add(new Mutation("forged checkpoint of size " + size, files, Problem.CHECKPOINT_INVALID, BundleLayout.CHECKPOINT, null));
        }
    }

    /** A genuine older checkpoint with the tiles of its tree, with and without the manifest rewritten. */
    private static void rolledBack(List<Mutation> out) {
        List<byte[]> entries = entries(fixture.files);
        for (SignedNote note : fixture.older) {
            long size = Checkpoint.parse(note.text()).size();
            for (boolean resum : new boolean[] {false, true}) {
                Map<String, byte[]> files = copy();
                rewriteLog(files, entries.subList(0, (int) size));
                files.put(BundleLayout.CHECKPOINT, note.format().getBytes(StandardCharsets.UTF_8));
                if (resum) {
                    resum(files);
                }
                out.add(new Mutation("rolled back to size " + size, files, Problem.CHECKPOINT_NOT_SEALED, BundleLayout.CHECKPOINT, null));
            }
        }
    }

    /** A file changed and SHA256SUMS rewritten to match it (and once re-sealed with another key). */
    private static void rewrittenManifests(List<Mutation> out, Random random) {
        List<String> paths = fixture.files.keySet().stream()
                .filter(p -> !p.equals(BundleLayout.SUMS) && !p.equals(BundleLayout.SUMS_NOTE)).toList();
        for (int n = 0; n < 20; n++) {
            String path = paths.get(random.nextInt(paths.size()));
            Map<String, byte[]> files = copy();
            byte[] b = files.get(path).clone();
            b[random.nextInt(b.length)] ^= 0x04;
            files.put(path, b);
            resum(files);
            out.add(new Mutation("manifest rewritten for " + path, files, Problem.MANIFEST_CHANGED, BundleLayout.SUMS, null));
        }
        Map<String, byte[]> files = copy();
        files.put(BundleLayout.RESULTS_TOTALS, "{}".getBytes(StandardCharsets.UTF_8));
        resum(files);
        Checkpoint real = Checkpoint.parse(SignedNote.parse(fixture.files.get(BundleLayout.CHECKPOINT)).text());
        files.put(BundleLayout.SUMS_NOTE, org.testigo.opendata.BundleSeal.of(real, Manifest.sha256(files.get(BundleLayout.SUMS)))
                .sign(NoteKey.generate(real.origin())).format().getBytes(StandardCharsets.UTF_8));
        out.add(new Mutation("manifest re-sealed with another key", files, Problem.SEAL_INVALID, BundleLayout.SUMS_NOTE, null));
    }

    // --- helpers that tamper consistently ---

    static List<byte[]> entries(Map<String, byte[]> files) {
        long size = Checkpoint.parse(SignedNote.parse(files.get(BundleLayout.CHECKPOINT)).text()).size();
        List<byte[]> out = new ArrayList<>();
        for (Tiles.TileId id : Tiles.tilesFor(size)) {
            if (id.level() == 0) {
                out.addAll(Tiles.readEntryBundle(files.get(BundleLayout.LOG + id.entriesPath())));
            }
        }
        return out;
    }

    /** Replaces every tile and entry bundle with those of a log holding exactly {@code entries}. */
    static void rewriteLog(Map<String, byte[]> files, List<byte[]> entries) {
        files.keySet().removeIf(p -> p.startsWith(BundleLayout.LOG + "tile/"));
        MerkleTree tree = new MerkleTree();
        entries.forEach(tree::append);
        for (Tiles.TileId id : Tiles.tilesFor(entries.size())) {
            files.put(BundleLayout.LOG + id.path(), Tiles.tile(tree, id));
            if (id.level() == 0) {
                int from = (int) id.index() * Tiles.WIDTH;
                files.put(BundleLayout.LOG + id.entriesPath(), Tiles.entryBundle(entries.subList(from, from + id.width())));
            }
        }
    }

    /** Rewrites SHA256SUMS to match the files (what a forger can do; the seal they cannot redo). */
    static void resum(Map<String, byte[]> files) {
        Map<String, String> sums = new TreeMap<>();
        files.forEach((p, b) -> {
            if (!p.equals(BundleLayout.SUMS) && !p.equals(BundleLayout.SUMS_NOTE)) {
                sums.put(p, Manifest.sha256Hex(b));
            }
        });
        files.put(BundleLayout.SUMS, new Manifest(sums).bytes());
    }
}
