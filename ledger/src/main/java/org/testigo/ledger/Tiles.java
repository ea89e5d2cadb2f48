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

    /** A path a client asked for: a tile, or the entry bundle of a level-0 tile. */
    public record TilePath(TileId tile, boolean entries) {
        public String path() {
            return entries ? tile.entriesPath() : tile.path();
        }
    }

    /** The highest level a tlog-tiles path may name. */
    public static final int MAX_LEVEL = 63;

    /**
     * Reads {@code tile/L/N[.p/W]} or {@code tile/entries/N[.p/W]}, strictly: only the canonical spelling
     * {@link TileId#path()} writes is accepted (so one tile has one URL, and a cache cannot be filled
     * with aliases); throws IllegalArgumentException saying which part is wrong.
     */
    public static TilePath parsePath(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length < 3 || !parts[0].equals("tile")) {
            throw new IllegalArgumentException("a tile path is tile/<level>/<index>[.p/<width>] or tile/entries/<index>[.p/<width>]");
        }
        boolean entries = parts[1].equals("entries");
        int level = 0;
        if (!entries) {
            if (!parts[1].matches("0|[1-9][0-9]?") || Integer.parseInt(parts[1]) > MAX_LEVEL) {
                throw new IllegalArgumentException("a tile level is a number from 0 to " + MAX_LEVEL + ", not \"" + clip(parts[1]) + "\"");
            }
            level = Integer.parseInt(parts[1]);
        }
        int width = WIDTH;
        int last = parts.length - 1;
        String lastGroup = parts[last];
        if (parts.length >= 4 && parts[last - 1].endsWith(".p")) {
            if (!lastGroup.matches("[1-9][0-9]{0,2}") || Integer.parseInt(lastGroup) >= WIDTH) {
                throw new IllegalArgumentException("a partial tile's width is a number from 1 to " + (WIDTH - 1) + ", not \"" + clip(lastGroup) + "\"");
            }
            width = Integer.parseInt(lastGroup);
            last--;
            lastGroup = parts[last].substring(0, parts[last].length() - 2);
        }
        long index = 0;
        for (int i = 2; i <= last; i++) {
            String group = i == last ? lastGroup : parts[i];
            boolean ok = i == last ? group.matches("[0-9]{3}") : group.matches("x[0-9]{3}");
            if (!ok) {
                throw new IllegalArgumentException("a tile index is written in groups of three digits, all but the last prefixed"
                        + " with x (e.g. x001/x234/067); group " + (i - 1) + " is \"" + clip(group) + "\"");
            }
            try {
                index = Math.addExact(Math.multiplyExact(index, 1000), Integer.parseInt(group.substring(group.length() - 3)));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("the tile index is too large");
            }
        }
        TilePath parsed = new TilePath(new TileId(level, index, width), entries);
        if (!parsed.path().equals(path)) {
            throw new IllegalArgumentException("\"" + clip(path) + "\" is not in canonical form; the same tile is " + parsed.path());
        }
        return parsed;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
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
