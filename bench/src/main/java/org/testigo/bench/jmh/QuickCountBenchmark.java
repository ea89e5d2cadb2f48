package org.testigo.bench.jmh;

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
import org.testigo.analysis.quickcount.QuickCount;
import org.testigo.analysis.quickcount.QuickCountReport;
import org.testigo.analysis.sample.Sample;
import org.testigo.analysis.sample.SampleDraw;
import org.testigo.analysis.sample.Strata;
import org.testigo.election.Election;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;

/**
 * The live quick count's cost per new report: one sampled table's result taken in (replacing its
 * earlier one) and the whole estimate redone — every candidate's share, the lead, turnout and the three
 * turnout times, with standard errors, retrieval per stratum, warnings and the release sentence. On a
 * Venezuela-sized synthetic election (30,026 tables, 10 candidates, 24 states), with a sample stratified
 * by state, every sampled table already in.
 * <pre>
 *   java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main QuickCountBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QuickCountBenchmark {
    @Param({"1000", "3000"})
    int sampleSize;

    private QuickCount quickCount;
    private int[] tables;
    private int[] strataOf;
    private SyntheticTable[] rows;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(SynthSpec.VENEZUELA_2024_TABLES, 1));
        Election election = synth.election();
        Sample sample = SampleDraw.draw(election, sampleSize, null, "benchmark seed for the quick count");
        Strata strata = Strata.of(election, sample.strata());
        int[] sampled = new int[strata.count()];
        tables = new int[sampleSize];
        strataOf = new int[sampleSize];
        rows = new SyntheticTable[sampleSize];
        for (int i = 0; i < sampleSize; i++) {
            int t = election.geography().tableIndex(sample.tables().get(i)).orElseThrow();
            tables[i] = t;
            strataOf[i] = strata.of(t);
            rows[i] = synth.table(t);
            sampled[strataOf[i]]++;
        }
        quickCount = new QuickCount(new QuickCount.Design(election.ballot().candidates(), strata.codes(), strata.names(),
                strata.populations(), sampled, QuickCount.DEFAULT_TURNOUT_TIMES));
        for (int i = 0; i < sampleSize; i++) {
            report(i);
        }
    }

    private void report(int i) {
        SyntheticTable r = rows[i];
        quickCount.putResult(tables[i], strataOf[i], r.candidates().toArray(), r.nullVotes(), 0, r.table().registered());
    }

    /** One new report and the estimate redone. */
    @Benchmark
    public QuickCountReport reportAndEstimate() {
        int i = next;
        next = (next + 1) % sampleSize;
        report(i);
        return quickCount.estimate();
    }
}
