package org.testigo.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tree of a given size seen only through its published tlog-tiles: roots and consistency proofs
 * computed from the tile files a {@link FileSource} serves, fetching only the tiles they touch (a few
 * per level, so a million-leaf log costs a handful of small reads). Nothing here is trusted: whoever
 * uses these hashes checks them against a signed root.
 */
public final class TiledTree {

    private final FileSource source;
    private final long size;
    private final Map<Long, byte[]> tiles = new HashMap<>();

    public TiledTree(FileSource source, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree's size is not negative");
        }
        this.source = source;
        this.size = size;
    }

    public long size() {
        return size;
    }

    /** A tile that is missing, or not the length its name says. */
    public static final class TileException extends Exception {
        private final boolean missing;
        private final String path;

        TileException(boolean missing, String path, String message) {
            super(message, null, false, false);
            this.missing = missing;
            this.path = path;
        }

        public boolean missing() {
            return missing;
        }

        public String path() {
            return path;
        }
    }

    /** MTH(D[0:size]) from the tiles. */
    public byte[] root() throws IOException, TileException {
        return size == 0 ? MerkleHashing.emptyRoot() : hash(0, size);
    }

    /** The root of the first {@code treeSize} leaves, as this tree's tiles have it. */
    public byte[] root(long treeSize) throws IOException, TileException {
        requireWithin(treeSize);
        return treeSize == 0 ? MerkleHashing.emptyRoot() : hash(0, treeSize);
    }

    /** PROOF(oldSize, D[0:size]) of RFC 9162 §2.1.4.1, from the tiles. */
    public List<byte[]> consistencyProof(long oldSize) throws IOException, TileException {
        requireWithin(oldSize);
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < size) {
            subproof(oldSize, 0, size, true, proof);
        }
        return proof;
    }

    private void subproof(long m, long start, long n, boolean complete, List<byte[]> proof) throws IOException, TileException {
        if (m == n) {
            if (!complete) {
                proof.add(hash(start, n));
            }
            return;
        }
        long k = MerkleTree.largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, k, complete, proof);
            proof.add(hash(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, proof);
            proof.add(hash(start, k));
        }
    }

    /** MTH of leaves [start, start + n), n ≥ 1, start a multiple of the largest power of two ≤ n. */
    byte[] hash(long start, long n) throws IOException, TileException {
        if (Long.bitCount(n) == 1) {
            int height = Long.numberOfTrailingZeros(n);
            return perfect(height, start >> height);
        }
        long k = MerkleTree.largestPowerOfTwoBelow(n);
        return MerkleHashing.nodeHash(hash(start, k), hash(start + k, n - k));
    }

    /**
     * The complete subtree of {@code height} numbered {@code index}: a hash stored in a tile when the
     * height is a multiple of 8, otherwise the root over the 2^(height mod 8) hashes below it in one tile.
     */
    private byte[] perfect(int height, long index) throws IOException, TileException {
        int level = height / Tiles.HEIGHT;
        int below = height % Tiles.HEIGHT;
        long first = index << below;
        int count = 1 << below;
        long tileIndex = first / Tiles.WIDTH;
        int offset = (int) (first % Tiles.WIDTH);
        byte[] tile = tile(level, tileIndex);
        if ((offset + count) * MerkleHashing.HASH_BYTES > tile.length) {
            throw new IllegalStateException("subtree " + height + "/" + index + " is not inside a tree of " + size);
        }
        List<byte[]> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = (offset + i) * MerkleHashing.HASH_BYTES;
            hashes.add(Arrays.copyOfRange(tile, at, at + MerkleHashing.HASH_BYTES));
        }
        while (hashes.size() > 1) {
            List<byte[]> up = new ArrayList<>(hashes.size() / 2);
            for (int i = 0; i < hashes.size(); i += 2) {
                up.add(MerkleHashing.nodeHash(hashes.get(i), hashes.get(i + 1)));
            }
            hashes = up;
        }
        return hashes.get(0);
    }

    /**
     * The hashes of tile (level, index) as this tree's size has it: full, or partial with the width the
     * size implies. A full tile also serves for a partial one (tlog-tiles lets a log drop partial tiles
     * once they fill up), its first hashes being the same.
     */
    private byte[] tile(int level, long index) throws IOException, TileException {
        long key = ((long) level << 56) | index;
        byte[] cached = tiles.get(key);
        if (cached != null) {
            return cached;
        }
        long nodes = size >> (Tiles.HEIGHT * level);
        int width = (int) Math.min(Tiles.WIDTH, nodes - index * Tiles.WIDTH);
        Tiles.TileId id = new Tiles.TileId(level, index, width);
        Optional<byte[]> read = source.read(id.path());
        String path = id.path();
        int expected = width;
        if (read.isEmpty() && width < Tiles.WIDTH) {
            Tiles.TileId full = new Tiles.TileId(level, index, Tiles.WIDTH);
            read = source.read(full.path());
            if (read.isPresent()) {
                path = full.path();
                expected = Tiles.WIDTH;
            }
        }
        if (read.isEmpty()) {
            throw new TileException(true, id.path(), source.describe() + " has no " + id.path() + ", which a tree of " + size + " leaves has");
        }
        byte[] bytes = read.get();
        if (bytes.length != expected * MerkleHashing.HASH_BYTES) {
            throw new TileException(false, path, path + " has " + bytes.length + " bytes; a tile of " + expected + " hashes has "
                    + expected * MerkleHashing.HASH_BYTES);
        }
        byte[] hashes = Arrays.copyOf(bytes, width * MerkleHashing.HASH_BYTES);
        tiles.put(key, hashes);
        return hashes;
    }

    /** How many tile files were read (for tests and for the monitor's report). */
    public int tilesRead() {
        return tiles.size();
    }

    private void requireWithin(long treeSize) {
        if (treeSize < 0 || treeSize > size) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has no subtree of size " + treeSize);
        }
    }
}
