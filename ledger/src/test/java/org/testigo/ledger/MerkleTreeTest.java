package org.testigo.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tree against two independent references: the Certificate Transparency test leaves, whose roots
 * were computed with Python's hashlib outside this code base, and a naive implementation of RFC 6962's
 * recursive definitions written here with MessageDigest alone, compared at every size from 1 to 1,000.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int SIZES = 1000;
    private static final List<byte[]> DATA = new ArrayList<>();
    private static final MerkleTree TREE = new MerkleTree();

    @BeforeAll
    static void buildOnce() {
        for (int i = 0; i < SIZES; i++) {
            byte[] data = ("evidence " + i).getBytes(StandardCharsets.UTF_8);
            DATA.add(data);
            TREE.append(data);
        }
    }

    @Test
    void theEmptyTreeHasTheHashOfNothing() {
        assertThat(HEX.formatHex(new MerkleTree().root())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsOfTheCertificateTransparencyTestLeavesAreThoseHashlibComputed() {
        String[] leaves = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
        String[] roots = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
        MerkleTree tree = new MerkleTree();
        for (String leaf : leaves) {
            tree.append(HEX.parseHex(leaf));
        }
        for (int n = 1; n <= leaves.length; n++) {
            assertThat(HEX.formatHex(tree.root(n))).as("root of %d leaves", n).isEqualTo(roots[n - 1]);
        }
    }

    @Test
    void everyRootFromOneToAThousandLeavesEqualsTheNaiveDefinition() {
        for (int n = 1; n <= SIZES; n++) {
            assertThat(TREE.root(n)).as("root of %d leaves", n).isEqualTo(Naive.mth(DATA.subList(0, n)));
        }
    }

    @Test
    void inclusionProofsEqualTheNaivePathAndVerify() {
        Random random = new Random(7);
        for (int n = 1; n <= SIZES; n++) {
            byte[] root = Naive.mth(DATA.subList(0, n));
            for (int m : indices(n, random)) {
                List<byte[]> proof = TREE.inclusionProof(m, n);
                assertThat(proof).as("PATH(%d, D[%d])", m, n).usingElementComparator(MerkleTreeTest::compare)
                        .containsExactlyElementsOf(Naive.path(m, DATA.subList(0, n)));
                byte[] leaf = Naive.leaf(DATA.get(m));
                assertThat(Proofs.verifyInclusion(m, n, leaf, proof, root)).as("verify leaf %d of %d", m, n).isTrue();
                assertThat(Proofs.verifyInclusion(m, n, Naive.leaf(new byte[] {9}), proof, root)).as("wrong leaf").isFalse();
                if (!proof.isEmpty()) {
                    List<byte[]> bent = new ArrayList<>(proof);
                    byte[] flipped = bent.get(0).clone();
                    flipped[5] ^= 1;
                    bent.set(0, flipped);
                    assertThat(Proofs.verifyInclusion(m, n, leaf, bent, root)).as("bent proof").isFalse();
                    assertThat(Proofs.verifyInclusion(m, n, leaf, proof.subList(1, proof.size()), root)).as("short proof").isFalse();
                }
                if (n > 1) {
                    assertThat(Proofs.verifyInclusion((m + 1) % n, n, leaf, proof, root)).as("wrong index").isFalse();
                }
            }
        }
    }

    @Test
    void consistencyProofsEqualTheNaiveProofAndVerify() {
        Random random = new Random(11);
        for (int n = 1; n <= SIZES; n++) {
            byte[] newRoot = Naive.mth(DATA.subList(0, n));
            for (int m : indices(n, random)) {
                int old = m + 1;
                List<byte[]> proof = TREE.consistencyProof(old, n);
                assertThat(proof).as("PROOF(%d, D[%d])", old, n).usingElementComparator(MerkleTreeTest::compare)
                        .containsExactlyElementsOf(Naive.proof(old, DATA.subList(0, n)));
                byte[] oldRoot = Naive.mth(DATA.subList(0, old));
                assertThat(Proofs.verifyConsistency(old, n, proof, oldRoot, newRoot)).as("verify %d → %d", old, n).isTrue();
                if (old < n) {
                    byte[] forged = oldRoot.clone();
                    forged[0] ^= 1;
                    assertThat(Proofs.verifyConsistency(old, n, proof, forged, newRoot)).as("forged old root").isFalse();
                    assertThat(Proofs.verifyConsistency(old, n, proof, oldRoot, forged)).as("forged new root").isFalse();
                    assertThat(Proofs.verifyConsistency(old, n, proof.subList(0, proof.size() - 1), oldRoot, newRoot)).as("short").isFalse();
                }
            }
        }
    }

    @Test
    void aRewrittenHistoryIsNotConsistent() {
        MerkleTree fork = new MerkleTree();
        for (int i = 0; i < 300; i++) {
            fork.append(i == 150 ? "rewritten".getBytes(StandardCharsets.UTF_8) : DATA.get(i));
        }
        List<byte[]> proof = fork.consistencyProof(200, 300);
        assertThat(Proofs.verifyConsistency(200, 300, proof, TREE.root(200), fork.root(300))).isFalse();
    }

    @Test
    void consistencyFromTheEmptyTreeAndToItselfNeedsNoProof() {
        assertThat(TREE.consistencyProof(0, 10)).isEmpty();
        assertThat(TREE.consistencyProof(10, 10)).isEmpty();
        assertThat(Proofs.verifyConsistency(0, 10, List.of(), MerkleHashing.emptyRoot(), TREE.root(10))).isTrue();
        assertThat(Proofs.verifyConsistency(10, 10, List.of(), TREE.root(10), TREE.root(10))).isTrue();
        assertThat(Proofs.verifyConsistency(10, 10, List.of(), TREE.root(10), TREE.root(9))).isFalse();
    }

    @Test
    void refusesSizesTheLogNeverHad() {
        assertThatThrownBy(() -> TREE.root(SIZES + 1)).hasMessageContaining("1000 leaves");
        assertThatThrownBy(() -> TREE.inclusionProof(5, 5)).hasMessageContaining("leaf 5 is not in a tree of 5");
        assertThatThrownBy(() -> TREE.consistencyProof(6, 5)).hasMessageContaining("from size 6 to 5");
    }

    /** All indices for small trees; the edges, the middle and a few random ones for large. */
    private static List<Integer> indices(int n, Random random) {
        List<Integer> out = new ArrayList<>();
        if (n <= 64) {
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }
        out.addAll(List.of(0, 1, n / 2, n - 2, n - 1));
        for (int i = 0; i < 4; i++) {
            out.add(random.nextInt(n));
        }
        return out;
    }

    private static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compare(a, b);
    }

    /** RFC 6962 §2.1 written as literally as possible, over lists of leaf data. */
    static final class Naive {
        static byte[] sha(byte prefix, byte[]... parts) {
            try {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                if (prefix >= 0) {
                    d.update(prefix);
                }
                for (byte[] p : parts) {
                    d.update(p);
                }
                return d.digest();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        static byte[] leaf(byte[] data) {
            return sha((byte) 0, data);
        }

        static int k(int n) {
            int k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            return k;
        }

        static byte[] mth(List<byte[]> d) {
            int n = d.size();
            if (n == 0) {
                return sha((byte) -1);
            }
            if (n == 1) {
                return leaf(d.get(0));
            }
            int k = k(n);
            return sha((byte) 1, mth(d.subList(0, k)), mth(d.subList(k, n)));
        }

        static List<byte[]> path(int m, List<byte[]> d) {
            int n = d.size();
            List<byte[]> out = new ArrayList<>();
            if (n == 1) {
                return out;
            }
            int k = k(n);
            if (m < k) {
                out.addAll(path(m, d.subList(0, k)));
                out.add(mth(d.subList(k, n)));
            } else {
                out.addAll(path(m - k, d.subList(k, n)));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        static List<byte[]> proof(int m, List<byte[]> d) {
            return m == d.size() ? List.of() : subproof(m, d, true);
        }

        static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
            int n = d.size();
            List<byte[]> out = new ArrayList<>();
            if (m == n) {
                if (!b) {
                    out.add(mth(d));
                }
                return out;
            }
            int k = k(n);
            if (m <= k) {
                out.addAll(subproof(m, d.subList(0, k), b));
                out.add(mth(d.subList(k, n)));
            } else {
                out.addAll(subproof(m - k, d.subList(k, n), false));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }
    }
}
