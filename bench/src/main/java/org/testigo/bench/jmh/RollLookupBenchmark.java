package org.testigo.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.testigo.election.TableId;
import org.testigo.roll.NationalId;
import org.testigo.roll.RollIndex;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticRoll;

/**
 * One find-my-table lookup in the 21.6-million-voter synthetic roll, from the typed text to the table
 * (parse and normalise, directory search, block scan): random voters (hits) and random numbers in the
 * same range (two in three are hits). Needs the index written by {@code RollCompile} in {@code /tmp/roll-bench}.
 * Sample mode, so JMH reports p99.
 * <pre>
 *   java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main RollLookupBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class RollLookupBenchmark {
    @Param("/tmp/roll-bench/roll.index")
    String index;

    private RollIndex roll;
    private String[] typed;
    private int next;

    @Setup
    public void setUp() throws Exception {
        roll = RollIndex.read(Path.of(index));
        SyntheticRoll synth = SyntheticRoll.of(SyntheticElection.generate(SynthSpec.of(SynthSpec.VENEZUELA_2024_TABLES, 2024)));
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        typed = new String[1 << 16];
        for (int i = 0; i < typed.length; i++) {
            long id = i % 2 == 0 ? synth.nationalId(random.nextLong(synth.voters())) : 1 + random.nextLong(synth.voters() * 3 / 2);
            typed[i] = Long.toString(id);
        }
        if (!Files.exists(Path.of(index))) {
            throw new IllegalStateException("run RollCompile first");
        }
    }

    @Benchmark
    public TableId lookup() {
        String t = typed[next++ & (typed.length - 1)];
        return roll.lookup(NationalId.parse(t).orElseThrow()).orElse(null);
    }
}
