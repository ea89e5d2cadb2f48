package org.testigo.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor against folders laid out as tlog-tiles, written here from trees the test builds: which
 * trees extend which, and which were rewritten, is known by construction (leaf i holds "entry i", a
 * rewritten tree changes one chosen leaf), never by asking the code under test.
 */
class LogMonitorTest {
    private static final NoteKey KEY = NoteKey.generate("testigo.test/monitor");

    @TempDir
    Path dir;

    /** A tree whose leaf i is "entry i", except leaf {@code changed} (when ≥ 0), which is rewritten. */
    private static MerkleTree tree(int size, int changed) {
        MerkleTree t = new MerkleTree();
        for (int i = 0; i < size; i++) {
            t.append(("entry " + i + (i == changed ? " rewritten" : "")).getBytes(StandardCharsets.UTF_8));
        }
        return t;
    }

    private static SignedNote checkpoint(MerkleTree t, long size) {
        return new Checkpoint(KEY.name(), size, t.root(size)).sign(KEY);
    }

    /** Writes what a log of {@code size} leaves publishes: every tile, then the checkpoint. */
    private static Path publish(Path folder, MerkleTree t, long size) throws IOException {
        for (Tiles.TileId id : Tiles.tilesFor(size)) {
            Path file = folder.resolve(id.path());
            Files.createDirectories(file.getParent());
            Files.write(file, Tiles.tile(t, id));
        }
        Files.writeString(folder.resolve("checkpoint"), checkpoint(t, size).format());
        return folder;
    }

    private static LogVerdict look(Path folder, SignedNote last) {
        return new LogMonitor(new FileSource.Directory(folder), KEY.verifier()).observe(last);
    }

    @Test
    void everyGrowthUpToThirtyThreeLeavesIsProvedAndEveryRewriteOfTheSeenPrefixIsAFork() throws IOException {
        int max = 33;
        MerkleTree honest = tree(max, -1);
        // What the monitor may have seen at size m: the honest tree, or one whose first or last leaf differs.
        SignedNote[][] seen = new SignedNote[max + 1][3];
        for (int m = 0; m <= max; m++) {
            seen[m][0] = checkpoint(honest, m);
            if (m > 0) {
                seen[m][1] = checkpoint(tree(m, 0), m);
                seen[m][2] = checkpoint(tree(m, m - 1), m);
            }
        }
        for (int n = 1; n <= max; n++) {
            Path folder = publish(dir.resolve("n" + n), honest, n);
            assertThat(look(folder, null).code()).isEqualTo(LogVerdict.Code.FIRST_SEEN);
            for (int m = 0; m <= n; m++) {
                LogVerdict v = look(folder, seen[m][0]);
                assertThat(v.code()).as("%d → %d", m, n).isEqualTo(m == n ? LogVerdict.Code.UNCHANGED : LogVerdict.Code.EXTENDED);
                for (int rewrite = 1; m > 0 && rewrite <= 2; rewrite++) {
                    LogVerdict fork = look(folder, seen[m][rewrite]);
                    assertThat(fork.code()).as("rewrite %d, %d → %d", rewrite, m, n).isEqualTo(LogVerdict.Code.FORK);
                    assertThat(fork.isAlarm()).isTrue();
                    assertThat(fork.lastGood()).as("a fork never replaces what was seen").isSameAs(seen[m][rewrite]);
                }
            }
        }
    }

    @Test
    void provesGrowthAcrossTileBoundariesAndLevelsReadingFewTiles() throws IOException {
        MerkleTree honest = tree(70_000, -1);
        Path folder = publish(dir.resolve("big"), honest, 70_000);
        for (long m : new long[] {1, 3, 255, 256, 257, 511, 512, 4096, 65_535, 65_536, 65_537, 69_999}) {
            assertThat(look(folder, checkpoint(honest, m)).code()).as("%d → 70000", m).isEqualTo(LogVerdict.Code.EXTENDED);
        }
        MerkleTree rewritten = tree(70_000, 40_000);
        assertThat(look(folder, checkpoint(rewritten, 65_536)).code()).isEqualTo(LogVerdict.Code.FORK);
        assertThat(look(folder, checkpoint(rewritten, 40_000)).code()).as("the rewrite is after the seen prefix").isEqualTo(LogVerdict.Code.EXTENDED);
        TiledTree tiles = new TiledTree(new FileSource.Directory(folder), 70_000);
        try {
            tiles.consistencyProof(3);
            tiles.root();
        } catch (TiledTree.TileException e) {
            throw new AssertionError(e);
        }
        assertThat(tiles.tilesRead()).as("a proof touches a few tiles per level, not the 273 level-0 tiles").isLessThanOrEqualTo(8);
    }

    @Test
    void aSmallerCheckpointAfterALargerOneIsARollback() throws IOException {
        MerkleTree honest = tree(40, -1);
        Path older = publish(dir.resolve("older"), honest, 25);
        LogVerdict v = look(older, checkpoint(honest, 40));
        assertThat(v.code()).isEqualTo(LogVerdict.Code.ROLLBACK);
        assertThat(v.message()).contains("size 40", "size 25");
        assertThat(v.lastGood().text()).isEqualTo(checkpoint(honest, 40).text());
    }

    @Test
    void twoSignedCheckpointsOfTheSameSizeWithDifferentRootsAreAFork() throws IOException {
        Path folder = publish(dir.resolve("log"), tree(30, -1), 30);
        assertThat(look(folder, checkpoint(tree(30, 29), 30)).code()).isEqualTo(LogVerdict.Code.FORK);
    }

    @Test
    void aCheckpointNotSignedByTheLogsKeyIsRefused() throws IOException {
        MerkleTree t = tree(10, -1);
        Path folder = publish(dir.resolve("log"), t, 10);
        NoteKey impostor = NoteKey.generate(KEY.name());
        Files.writeString(folder.resolve("checkpoint"), new Checkpoint(KEY.name(), 10, t.root()).sign(impostor).format());
        LogVerdict v = look(folder, null);
        assertThat(v.code()).isEqualTo(LogVerdict.Code.SIGNATURE_INVALID);
        assertThat(v.message()).contains(KEY.verifier().keyIdHex());
        assertThat(v.lastGood()).isNull();
    }

    @Test
    void malformedCheckpointsAreNamed() throws IOException {
        MerkleTree t = tree(10, -1);
        Path folder = publish(dir.resolve("log"), t, 10);
        Files.writeString(folder.resolve("checkpoint"), "testigo.test/monitor\n10\n");
        assertThat(look(folder, null).code()).isEqualTo(LogVerdict.Code.CHECKPOINT_MALFORMED);
        // Signed by the log's key, but a checkpoint of another origin.
        Files.writeString(folder.resolve("checkpoint"), new SignedNote("other.log\n10\n" + java.util.Base64.getEncoder().encodeToString(t.root())
                + "\n", List.of(KEY.signNote("other.log\n10\n" + java.util.Base64.getEncoder().encodeToString(t.root()) + "\n"))).format());
        LogVerdict v = look(folder, null);
        assertThat(v.code()).isEqualTo(LogVerdict.Code.CHECKPOINT_MALFORMED);
        assertThat(v.message()).contains("other.log");
    }

    @Test
    void missingShortAndAlteredTilesAreNamedAndAreNotTakenForAFork() throws IOException {
        MerkleTree t = tree(300, -1);
        Path folder = publish(dir.resolve("log"), t, 300);
        Files.delete(folder.resolve("tile/0/001.p/44"));
        LogVerdict missing = look(folder, null);
        assertThat(missing.code()).isEqualTo(LogVerdict.Code.TILE_MISSING);
        assertThat(missing.message()).contains("tile/0/001.p/44");

        Files.write(folder.resolve("tile/0/001.p/44"), new byte[44 * 32 - 1]);
        LogVerdict shortTile = look(folder, null);
        assertThat(shortTile.code()).isEqualTo(LogVerdict.Code.TILE_MALFORMED);
        assertThat(shortTile.message()).contains("tile/0/001.p/44", "1407 bytes", "1408");

        publish(folder, t, 300);
        byte[] level1 = Files.readAllBytes(folder.resolve("tile/1/000.p/1"));
        level1[5] ^= 1;
        Files.write(folder.resolve("tile/1/000.p/1"), level1);
        assertThat(look(folder, null).code()).isEqualTo(LogVerdict.Code.TILES_CONTRADICT_CHECKPOINT);

        // 65,536 leaves: the root is one level-2 hash, but a proof from size 3 needs level-0 hashes. A
        // corrupted leaf hash breaks the proof; it must be blamed on the tiles, not called a fork.
        MerkleTree big = tree(65_536, -1);
        Path bigFolder = publish(dir.resolve("big"), big, 65_536);
        byte[] level0 = Files.readAllBytes(bigFolder.resolve("tile/0/000"));
        level0[3 * 32] ^= 1;
        Files.write(bigFolder.resolve("tile/0/000"), level0);
        assertThat(look(bigFolder, null).code()).isEqualTo(LogVerdict.Code.FIRST_SEEN);
        assertThat(look(bigFolder, checkpoint(big, 3)).code()).isEqualTo(LogVerdict.Code.TILES_CONTRADICT_CHECKPOINT);
    }

    @Test
    void aFullTileServesWhereThePartialOneWasDropped() throws IOException {
        MerkleTree t = tree(512, -1);
        Path folder = publish(dir.resolve("log"), t, 300);
        Files.delete(folder.resolve("tile/0/001.p/44"));
        publish(folder, t, 512);
        Files.writeString(folder.resolve("checkpoint"), checkpoint(t, 300).format());
        assertThat(Files.exists(folder.resolve("tile/0/001"))).isTrue();
        assertThat(look(folder, checkpoint(t, 200)).code()).isEqualTo(LogVerdict.Code.EXTENDED);
    }

    @Test
    void anAbsentSourceIsAWarningNotAnAlarm() {
        SignedNote seen = checkpoint(tree(5, -1), 5);
        LogVerdict v = look(dir.resolve("nothing-here"), seen);
        assertThat(v.code()).isEqualTo(LogVerdict.Code.SOURCE_UNREACHABLE);
        assertThat(v.isAlarm()).isFalse();
        assertThat(v.lastGood()).isEqualTo(seen);
        LogVerdict http = new LogMonitor(FileSource.of("http://127.0.0.1:1/log/"), KEY.verifier()).observe(seen);
        assertThat(http.code()).isEqualTo(LogVerdict.Code.SOURCE_UNREACHABLE);
    }

    @Test
    void refusesToCompareWithACheckpointOfAnotherLog() {
        SignedNote foreign = new Checkpoint("other.log", 1, tree(1, -1).root()).sign(NoteKey.generate("other.log"));
        assertThatThrownBy(() -> look(dir, foreign)).hasMessageContaining("not signed by testigo.test/monitor");
    }

    @Test
    void aWitnessCosignsConsistentCheckpointsOnly() throws IOException {
        NoteKey witnessKey = NoteKey.generate("witness.example");
        MerkleTree honest = tree(50, -1);
        Path folder = dir.resolve("log");
        List<SignedNote> cosigned = new ArrayList<>();
        for (int size : new int[] {10, 10, 50}) {
            publish(folder, honest, size);
            Witness witness = new Witness(witnessKey, new LogMonitor(new FileSource.Directory(folder), KEY.verifier()));
            Witness.Result r = witness.cosign(cosigned.isEmpty() ? null : cosigned.getLast(), Instant.ofEpochSecond(1_700_000_000L + size));
            assertThat(r.verdict().isGood()).isTrue();
            assertThat(r.cosigned().isSignedBy(KEY.verifier())).isTrue();
            assertThat(Cosignature.verifiedTime(r.cosigned(), witnessKey.verifier())).isEqualTo(Instant.ofEpochSecond(1_700_000_000L + size));
            cosigned.add(r.cosigned());
        }
        Path rewritten = publish(dir.resolve("rewritten"), tree(60, 3), 60);
        Witness.Result refused = new Witness(witnessKey, new LogMonitor(new FileSource.Directory(rewritten), KEY.verifier()))
                .cosign(cosigned.getLast(), Instant.ofEpochSecond(1_800_000_000L));
        assertThat(refused.verdict().code()).isEqualTo(LogVerdict.Code.FORK);
        assertThat(refused.cosigned()).isNull();
    }
}
