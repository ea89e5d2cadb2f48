package org.testigo.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.tally.Decoding;
import org.testigo.tally.TallyContext;
import org.testigo.tally.ve2024.Ve2024Format;

/**
 * Decoding one Venezuelan acta QR text into a checked tally: the CPU cost every submission pays
 * before it reaches the database. Workload: 4,096 distinct synthetic payloads (seed 1), cycled.
 * <pre>
 *   java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main Ve2024DecodeBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Ve2024DecodeBenchmark {
    private final Ve2024Format format = new Ve2024Format();
    private TallyContext context;
    private List<List<String>> payloads;
    private int next;

    @Setup
    public void setUp() {
        context = format.defaultContext().orElseThrow();
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(4_096, 1));
        payloads = synth.tables().map(t -> List.of(t.payload())).toList();
    }

    @Benchmark
    public Decoding decode() {
        next = (next + 1) & (payloads.size() - 1);
        return format.decode(payloads.get(next), context);
    }
}
