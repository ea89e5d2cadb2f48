package org.testigo.bench.audit;

import java.util.Locale;
import java.util.stream.IntStream;
import org.testigo.analysis.audit.Audit;
import org.testigo.analysis.audit.AuditInput;
import org.testigo.analysis.audit.AuditReport;
import org.testigo.synth.Stuffing;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;

/**
 * A full audit of a large synthetic election, timed: every check, digit test, integer-percentage test,
 * fingerprint, excess-vote estimate, peer outlier and the ranking, from the columns of accepted tallies
 * to the report. Workload: {@code TABLES} tables (default 1,000,000) from seed 2024 with ballot stuffing
 * planted in 2% of them. Generating the election and gathering its tallies are timed apart; the audit is
 * run {@code RUNS} times (default 3) in the same JVM, the first one cold.
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -Xmx4g -cp 'bench/target/classes:bench/target/lib/*' org.testigo.bench.audit.AuditBench 1000000 3
 * </pre>
 */
public final class AuditBench {
    private AuditBench() {
    }

    public static void main(String[] args) {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long t0 = System.nanoTime();
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(tables, 2024), Stuffing.of(0.02, "NM"));
        SyntheticTable[] results = IntStream.range(0, tables).parallel().mapToObj(synth::table).toArray(SyntheticTable[]::new);
        long t1 = System.nanoTime();
        AuditInput.Builder b = AuditInput.builder(synth.election());
        for (SyntheticTable t : results) {
            b.add(t.index(), t.candidates().toArray(), t.nullVotes(), 0);
        }
        AuditInput input = b.build();
        results = null;
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%,d tables on %d cores: generated in %.1f s, gathered into columns in %.1f s%n", tables,
                Runtime.getRuntime().availableProcessors(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        for (int run = 1; run <= runs; run++) {
            long s = System.nanoTime();
            AuditReport report = Audit.of(input).report(null, 100);
            long e = System.nanoTime();
            System.out.printf(Locale.ROOT, "audit run %d: %.2f s (%,d outliers, %d tests, %d fingerprints, top table %s)%n", run,
                    (e - s) / 1e9, report.outliers(), report.tests().size(), report.fingerprints().size(),
                    report.ranked().get(0).table());
        }
    }
}
