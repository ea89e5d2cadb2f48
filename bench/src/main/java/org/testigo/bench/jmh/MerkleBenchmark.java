package org.testigo.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.testigo.ledger.MerkleTree;
import org.testigo.ledger.Proofs;

/**
 * The transparency log's code paths at Venezuela's scale and beyond: appending a leaf (hashing the entry
 * and completing subtrees), and producing and checking inclusion and consistency proofs in a tree of
 * 1,000,000 leaves, at random positions.
 * <pre>
 *   java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main MerkleBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class MerkleBenchmark {
    private static final int LEAVES = 1_000_000;

    private MerkleTree million;
    private MerkleTree growing;
    private byte[] entry;
    private long next;

    @Setup(Level.Trial)
    public void setUp() {
        million = new MerkleTree();
        for (int i = 0; i < LEAVES; i++) {
            million.append(("evidence " + i).getBytes(StandardCharsets.UTF_8));
        }
        // A typical entry: one evidence record's metadata, ~250 bytes.
        entry = ("{\"kind\":\"evidence\",\"id\":123456,\"sha256\":\"" + "ab".repeat(32)
                + "\",\"channel\":\"qr\",\"submitter\":\"witness-00042\",\"format\":\"ve-2024\",\"table\":\"010101001-1\","
                + "\"received_at\":\"2024-07-29T02:15:00.123456Z\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Setup(Level.Iteration)
    public void freshLog() {
        growing = new MerkleTree();
    }

    @Benchmark
    public long append() {
        return growing.append(entry);
    }

    @Benchmark
    public List<byte[]> inclusionProofAtAMillion() {
        long index = Math.floorMod(next++ * 7_919L, LEAVES);
        return million.inclusionProof(index, LEAVES);
    }

    @Benchmark
    public List<byte[]> consistencyProofAtAMillion() {
        long old = 1 + Math.floorMod(next++ * 104_729L, LEAVES - 1);
        return million.consistencyProof(old, LEAVES);
    }

    @Benchmark
    public boolean inclusionProofMadeAndChecked() {
        long index = Math.floorMod(next++ * 7_919L, LEAVES);
        List<byte[]> proof = million.inclusionProof(index, LEAVES);
        return Proofs.verifyInclusion(index, LEAVES, million.leafHash(index), proof, million.root());
    }

    @Benchmark
    public byte[] rootAtAMillion() {
        return million.root(LEAVES - Math.floorMod(next++, 1000));
    }
}
