package org.testigo.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks proofs as a client does, with nothing but hashes: the verification algorithms of RFC 9162
 * §2.1.3.2 (inclusion) and §2.1.4.2 (consistency). Used by the receipt checker, the log monitor and the
 * verifier kit, none of which may trust the server that produced the proof.
 */
public final class Proofs {

    private Proofs() {
    }

    /** Whether {@code proof} shows the leaf with {@code leafHash} at {@code index} in the tree of {@code treeSize} with {@code root}. */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashing.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleHashing.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** Whether {@code proof} shows the tree of {@code newSize} with {@code newRoot} extends the tree of {@code oldSize} with {@code oldRoot}. */
    public static boolean verifyConsistency(long oldSize, long newSize, List<byte[]> proof, byte[] oldRoot, byte[] newRoot) {
        if (oldSize < 0 || oldSize > newSize) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        if (oldSize == 0) {
            // Every tree extends the empty tree; there is nothing to prove.
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, MerkleHashing.emptyRoot());
        }
        ConsistencyRoots roots = consistencyRoots(oldSize, newSize, proof, oldRoot);
        return roots != null && MessageDigest.isEqual(roots.oldRoot(), oldRoot) && MessageDigest.isEqual(roots.newRoot(), newRoot);
    }

    /** The roots of the old and of the new tree that a consistency proof's hashes produce. */
    public record ConsistencyRoots(byte[] oldRoot, byte[] newRoot) {
    }

    /**
     * The two roots a consistency proof from {@code oldSize} to {@code newSize} (0 < oldSize < newSize)
     * hashes to, or null when the proof has the wrong number of hashes. When {@code oldSize} is a power of
     * two the old tree is a subtree the proof leaves out, and {@code oldRoot} stands for it. Every hash of
     * the proof enters the new root: a proof that yields the signed new root but another old root shows the
     * new tree does not contain the old one (a fork), not merely a bad proof.
     */
    public static ConsistencyRoots consistencyRoots(long oldSize, long newSize, List<byte[]> proof, byte[] oldRoot) {
        if (oldSize <= 0 || oldSize >= newSize || proof.isEmpty()) {
            return null;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(oldSize) == 1) {
            path.add(0, oldRoot);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashing.nodeHash(c, fr);
                sr = MerkleHashing.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHashing.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? new ConsistencyRoots(fr, sr) : null;
    }
}
