package org.testigo.bench.jmh;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.testigo.consolidation.ConsolidationRule;
import org.testigo.consolidation.Copy;
import org.testigo.state.ElectionState;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.tally.Decoding;
import org.testigo.tally.Tally;
import org.testigo.tally.Verdict;
import org.testigo.tally.ve2024.Ve2024Format;
import org.testigo.views.Json;
import org.testigo.views.ResultsView;

/**
 * The in-memory work after submissions are durable — reconsolidating each table and pushing the change
 * up every level of the totals — for a whole election's worth of submissions (two agreeing copies per
 * table, from two witnesses), and rendering the national results document; on elections of
 * Venezuela's size and of a million tables. Per-submission cost = time per operation / (2 × tables).
 * <pre>
 *   java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main ConsolidationBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class ConsolidationBenchmark {
    @Param({"30026", "1000000"})
    int tables;

    private SyntheticElection synth;
    private ElectionState filled;
    private Tally[] tallies;

    @Setup(Level.Trial)
    public void setUp() {
        synth = SyntheticElection.generate(SynthSpec.of(tables, 1));
        Ve2024Format format = new Ve2024Format();
        var context = synth.election().tallyContext();
        tallies = new Tally[tables];
        for (int i = 0; i < tables; i++) {
            tallies[i] = ((Decoding.Decoded) format.decode(java.util.List.of(synth.table(i).payload()), context)).tally();
        }
        filled = consolidateEveryTableTwice();
    }

    /** Two agreeing copies for every table, into a fresh state. */
    @Benchmark
    public ElectionState consolidateEveryTableTwice() {
        ElectionState state = new ElectionState(synth.election(), ConsolidationRule.standard());
        long evidence = 0;
        for (String witness : new String[] {"witness-1", "witness-2"}) {
            for (int t = 0; t < tables; t++) {
                state.add(t, new Copy(++evidence, "qr", witness, tallies[t], Verdict.NOT_VERIFIABLE, Instant.EPOCH));
            }
        }
        return state;
    }

    /** The national results document as the API sends it (not cached). */
    @Benchmark
    public byte[] renderNationalResults() {
        return Json.bytes(ResultsView.of(filled, 0));
    }
}
