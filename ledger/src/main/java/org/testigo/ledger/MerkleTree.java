package org.testigo.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only Merkle tree (RFC 9162 §2.1) that answers for every size it has had: the root of the
 * first {@code n} leaves, inclusion proofs and consistency proofs between any two sizes.
 *
 * <p>It keeps the hash of every complete (perfect, aligned) subtree, level by level — about two hashes
 * per leaf. Every subtree the RFC's recursive definitions visit is either such a complete subtree or
 * splits into one plus a smaller rest, so a root or a proof costs O(log n) lookups and hashes, at any
 * size. Not thread-safe: the ledger serialises appends and reads under its own lock.
 */
public final class MerkleTree {

    /** levels.get(h).get(i): the hash of leaves [i·2^h, (i+1)·2^h), for every complete such range. */
    private final List<HashStore> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new HashStore());
    }

    public long size() {
        return levels.get(0).size();
    }

    /** Appends a leaf given by its leaf hash; returns its index. */
    public long appendLeafHash(byte[] leafHash) {
        if (leafHash.length != MerkleHashing.HASH_BYTES) {
            throw new IllegalArgumentException("a leaf hash has 32 bytes, not " + leafHash.length);
        }
        long index = size();
        levels.get(0).add(leafHash);
        byte[] carry = leafHash;
        long i = index;
        int level = 0;
        // Each time this node completes a pair, the pair's parent becomes a complete subtree one level up.
        while ((i & 1) == 1) {
            byte[] left = levels.get(level).get(i - 1);
            carry = MerkleHashing.nodeHash(left, carry);
            level++;
            i >>= 1;
            if (levels.size() == level) {
                levels.add(new HashStore());
            }
            levels.get(level).add(carry);
        }
        return index;
    }

    /** Appends a leaf given by its data; returns its index. */
    public long append(byte[] data) {
        return appendLeafHash(MerkleHashing.leafHash(data));
    }

    public byte[] leafHash(long index) {
        return levels.get(0).get(index);
    }

    /** The root of the whole tree. */
    public byte[] root() {
        return root(size());
    }

    /** The root the tree had when it held {@code treeSize} leaves (MTH(D[0:treeSize])). */
    public byte[] root(long treeSize) {
        requireSize(treeSize);
        return treeSize == 0 ? MerkleHashing.emptyRoot() : hash(0, treeSize);
    }

    /** PATH(m, D[0:n]) of RFC 6962 §2.1.1: the audit path for leaf {@code index} in the tree of {@code treeSize}. */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        requireSize(treeSize);
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + treeSize + " leaves");
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, treeSize, proof);
        return proof;
    }

    /** PROOF(m, D[0:n]) of RFC 6962 §2.1.2: proves the tree of {@code newSize} extends the tree of {@code oldSize}. */
    public List<byte[]> consistencyProof(long oldSize, long newSize) {
        requireSize(newSize);
        if (oldSize < 0 || oldSize > newSize) {
            throw new IllegalArgumentException("no consistency proof from size " + oldSize + " to " + newSize);
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < newSize) {
            subproof(oldSize, 0, newSize, true, proof);
        }
        return proof;
    }

    private void path(long m, long start, long n, List<byte[]> proof) {
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, k, proof);
            proof.add(hash(start + k, n - k));
        } else {
            path(m - k, start + k, n - k, proof);
            proof.add(hash(start, k));
        }
    }

    private void subproof(long m, long start, long n, boolean complete, List<byte[]> proof) {
        if (m == n) {
            if (!complete) {
                proof.add(hash(start, n));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, k, complete, proof);
            proof.add(hash(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, proof);
            proof.add(hash(start, k));
        }
    }

    /** MTH of leaves [start, start + n), n ≥ 1, where start is a multiple of the largest power of two ≤ n. */
    private byte[] hash(long start, long n) {
        if (Long.bitCount(n) == 1) {
            int level = Long.numberOfTrailingZeros(n);
            return levels.get(level).get(start >> level);
        }
        long k = largestPowerOfTwoBelow(n);
        return MerkleHashing.nodeHash(hash(start, k), hash(start + k, n - k));
    }

    /** The hash of the complete subtree at {@code level} with index {@code index} (for tiles). */
    byte[] completeSubtree(int level, long index) {
        return levels.get(level).get(index);
    }

    /** How many complete subtrees exist at {@code level}. */
    long completeSubtrees(int level) {
        return level < levels.size() ? levels.get(level).size() : 0;
    }

    /** The largest power of two strictly below n (n ≥ 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private void requireSize(long treeSize) {
        if (treeSize < 0 || treeSize > size()) {
            throw new IllegalArgumentException("the log has " + size() + " leaves; size " + treeSize + " is not one it has had");
        }
    }
}
