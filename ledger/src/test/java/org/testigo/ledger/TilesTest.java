package org.testigo.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TilesTest {

    @Test
    void indexPathsFollowTheTlogTilesSpelling() {
        assertThat(Tiles.indexPath(0)).isEqualTo("000");
        assertThat(Tiles.indexPath(5)).isEqualTo("005");
        assertThat(Tiles.indexPath(999)).isEqualTo("999");
        assertThat(Tiles.indexPath(1000)).isEqualTo("x001/000");
        assertThat(Tiles.indexPath(1234067)).isEqualTo("x001/x234/067");
        assertThat(new Tiles.TileId(0, 1234067, 256).path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(new Tiles.TileId(1, 3, 17).path()).isEqualTo("tile/1/003.p/17");
        assertThat(new Tiles.TileId(0, 3, 17).entriesPath()).isEqualTo("tile/entries/003.p/17");
    }

    @Test
    void aTreeHasTheTilesItsSizeImplies() {
        assertThat(Tiles.tilesFor(0)).isEmpty();
        assertThat(Tiles.tilesFor(5)).extracting(Tiles.TileId::path).containsExactly("tile/0/000.p/5");
        assertThat(Tiles.tilesFor(256)).extracting(Tiles.TileId::path).containsExactly("tile/0/000", "tile/1/000.p/1");
        // 70,000 leaves: 273 full level-0 tiles and one of 112; 273 level-1 hashes (one full tile, one of 17); level 2 has 1.
        List<String> paths = Tiles.tilesFor(70_000).stream().map(Tiles.TileId::path).toList();
        assertThat(paths).hasSize(273 + 1 + 1 + 1 + 1);
        assertThat(paths).contains("tile/0/272", "tile/0/273.p/112", "tile/1/000", "tile/1/001.p/17", "tile/2/000.p/1");
    }

    @Test
    void tilesHoldLeafHashesAndSubtreeRoots() {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < 600; i++) {
            tree.append(new byte[] {(byte) i, (byte) (i >> 8)});
        }
        byte[] level0 = Tiles.tile(tree, new Tiles.TileId(0, 2, 88));
        assertThat(Arrays.copyOfRange(level0, 0, 32)).isEqualTo(tree.leafHash(512));
        byte[] level1 = Tiles.tile(tree, new Tiles.TileId(1, 0, 2));
        // The second level-1 hash is the root of leaves 256..511: the size-512 root is the node over both.
        assertThat(MerkleHashing.nodeHash(Arrays.copyOfRange(level1, 0, 32), Arrays.copyOfRange(level1, 32, 64))).isEqualTo(tree.root(512));
        assertThat(Arrays.copyOfRange(level1, 0, 32)).isEqualTo(tree.root(256));
        assertThatThrownBy(() -> Tiles.tile(tree, new Tiles.TileId(1, 0, 3))).hasMessageContaining("no tile tile/1/000.p/3");
    }

    @Test
    void entryBundlesRoundTripAndRefuseTruncation() {
        List<byte[]> entries = List.of(new byte[0], new byte[] {1, 2, 3}, new byte[300]);
        byte[] bundle = Tiles.entryBundle(entries);
        assertThat(bundle).hasSize(2 + 2 + 3 + 2 + 300);
        assertThat(bundle[7]).isEqualTo((byte) 1);
        assertThat(bundle[8]).isEqualTo((byte) 44);
        assertThat(Tiles.readEntryBundle(bundle)).usingElementComparator(Arrays::compare).containsExactlyElementsOf(entries);
        assertThatThrownBy(() -> Tiles.readEntryBundle(Arrays.copyOf(bundle, bundle.length - 1))).hasMessageContaining("entry 2 claims 300 bytes");
    }

    @Test
    void tilePathsParseBackToTheTilesTheyName() {
        for (long index : new long[] {0, 5, 999, 1000, 1234067, 1L << 40}) {
            for (int width : new int[] {1, 17, 255, 256}) {
                Tiles.TileId id = new Tiles.TileId(0, index, width);
                assertThat(Tiles.parsePath(id.path())).isEqualTo(new Tiles.TilePath(id, false));
                assertThat(Tiles.parsePath(id.entriesPath())).isEqualTo(new Tiles.TilePath(id, true));
                Tiles.TileId high = new Tiles.TileId(3, index, width);
                assertThat(Tiles.parsePath(high.path()).tile()).isEqualTo(high);
            }
        }
        // Written by hand from the C2SP tlog-tiles examples.
        assertThat(Tiles.parsePath("tile/0/x001/x234/067").tile()).isEqualTo(new Tiles.TileId(0, 1234067, 256));
        assertThat(Tiles.parsePath("tile/1/003.p/17").tile()).isEqualTo(new Tiles.TileId(1, 3, 17));
    }

    @Test
    void malformedTilePathsAreRefusedNamingThePart() {
        assertThatThrownBy(() -> Tiles.parsePath("tile/0/1")).hasMessageContaining("groups of three digits").hasMessageContaining("\"1\"");
        assertThatThrownBy(() -> Tiles.parsePath("tile/0/x001")).hasMessageContaining("group 1 is \"x001\"");
        assertThatThrownBy(() -> Tiles.parsePath("tile/0/001/234")).hasMessageContaining("group 1 is \"001\"");
        assertThatThrownBy(() -> Tiles.parsePath("tile/0/x000/001")).hasMessageContaining("not in canonical form").hasMessageContaining("tile/0/001");
        assertThatThrownBy(() -> Tiles.parsePath("tile/0/000.p/0")).hasMessageContaining("width is a number from 1 to 255");
        assertThatThrownBy(() -> Tiles.parsePath("tile/0/000.p/256")).hasMessageContaining("width");
        assertThatThrownBy(() -> Tiles.parsePath("tile/0/000.p/017")).hasMessageContaining("width");
        assertThatThrownBy(() -> Tiles.parsePath("tile/64/000")).hasMessageContaining("level is a number from 0 to 63");
        assertThatThrownBy(() -> Tiles.parsePath("tile/01/000")).hasMessageContaining("level");
        assertThatThrownBy(() -> Tiles.parsePath("tile/-1/000")).hasMessageContaining("level");
        assertThatThrownBy(() -> Tiles.parsePath("tile/entries")).hasMessageContaining("a tile path is");
        assertThatThrownBy(() -> Tiles.parsePath("tiles/0/000")).hasMessageContaining("a tile path is");
        assertThatThrownBy(() -> Tiles.parsePath("tile/0/x999/x999/x999/x999/x999/x999/x999/000")).hasMessageContaining("too large");
    }
}
