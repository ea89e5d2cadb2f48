package org.testigo.ledger;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The C2SP tlog-tiles layout: the tree cut into tiles of height 8 (up to 256 hashes each), so that a
 * log is a set of immutable files any static host can serve. Tile (L, N) holds the hashes of the
 * complete subtrees of height 8·L numbered 256·N to 256·N + 255; the rightmost tile of a level may be
 * partial ({@code .p/W}). Entry bundles hold the leaves' data, each prefixed by its length (2 bytes,
 * big-endian), 256 per bundle.
 */
public final class Tiles {

    public static final int HEIGHT = 8;
    public static final int WIDTH = 1 << HEIGHT;

    private Tiles() {
    }

    /** A tile at {@code level}, number {@code index}, holding {@code width} hashes (256 = full). */
    public record TileId(int level, long index, int width) {

        public TileId {
            if (level < 0 || index < 0 || width < 1 || width > WIDTH) {
                throw new IllegalArgumentException("no tile " + level + "/" + index + " of width " + width);
            }
        }

        /** {@code tile/L/N[.p/W]}, N written in groups of three digits, all but the last prefixed with x. */
        public String path() {
            return "tile/" + level + "/" + indexPath(index) + (width < WIDTH ? ".p/" + width : "");
        }

        /** {@code tile/entries/N[.p/W]}: the bundle of the leaves this level-0 tile hashes. */
        public String entriesPath() {
            if (level != 0) {
                throw new IllegalStateException("only level-0 tiles have entry bundles");
            }
            return "tile/entries/" + indexPath(index) + (width < WIDTH ? ".p/" + width : "");
        }
    }

    static String indexPath(long n) {
        String digits = Long.toString(n);
        int pad = (3 - digits.length() % 3) % 3;
        digits = "0".repeat(pad) + digits;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 3) {
            if (i > 0) {
                out.append('/');
            }
            if (i + 3 < digits.length()) {
                out.append('x');
            }
            out.append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** Every tile a tree of {@code treeSize} leaves has: full tiles, then at most one partial tile per level. */
    public static List<TileId> tilesFor(long treeSize) {
        List<TileId> out = new ArrayList<>();
        for (int level = 0; ; level++) {
            long nodes = treeSize >> (HEIGHT * level);
            if (nodes == 0) {
                break;
            }
            for (long n = 0; n < nodes / WIDTH; n++) {
                out.add(new TileId(level, n, WIDTH));
            }
            if (nodes % WIDTH != 0) {
                out.add(new TileId(level, nodes / WIDTH, (int) (nodes % WIDTH)));
            }
            if (nodes < WIDTH) {
                break;
            }
        }
        return out;
    }

    /** The bytes of one tile: its hashes, concatenated. */
    public static byte[] tile(MerkleTree tree, TileId id) {
        int height = HEIGHT * id.level();
        ByteArrayOutputStream out = new ByteArrayOutputStream(id.width() * MerkleHashing.HASH_BYTES);
        long first = id.index() * WIDTH;
        if (first + id.width() > tree.completeSubtrees(height)) {
            throw new IllegalArgumentException("the tree has no tile " + id.path());
        }
        for (int i = 0; i < id.width(); i++) {
            out.writeBytes(tree.completeSubtree(height, first + i));
        }
        return out.toByteArray();
    }

    /** An entry bundle: each entry as a 2-byte big-endian length and its bytes. */
    public static byte[] entryBundle(List<byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            if (e.length > 0xffff) {
                throw new IllegalArgumentException("a log entry has at most 65,535 bytes, not " + e.length);
            }
            out.write(e.length >> 8);
            out.write(e.length & 0xff);
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    /** Reads an entry bundle back; throws saying where it is malformed. */
    public static List<byte[]> readEntryBundle(byte[] bundle) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < bundle.length) {
            if (at + 2 > bundle.length) {
                throw new IllegalArgumentException("entry bundle ends inside the length of entry " + out.size() + " (byte " + at + ")");
            }
            int length = ((bundle[at] & 0xff) << 8) | (bundle[at + 1] & 0xff);
            at += 2;
            if (at + length > bundle.length) {
                throw new IllegalArgumentException("entry " + out.size() + " claims " + length + " bytes; the bundle ends " + (bundle.length - at) + " bytes later");
            }
            byte[] entry = new byte[length];
            System.arraycopy(bundle, at, entry, 0, length);
            out.add(entry);
            at += length;
        }
        return out;
    }
}
