package org.testigo.bench.roll;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.testigo.roll.NationalId;
import org.testigo.roll.RollFile;
import org.testigo.roll.RollIndex;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticRoll;

/**
 * Times the compile of the synthetic Venezuelan roll (30,026 tables, about 21.6 million voters) from
 * its {@code voters/roll.csv}, and reports the heap's peak during the compile, the index's size in
 * memory and on disk. Writes the package's roll first if {@code DIR/voters/roll.csv} is absent.
 * <pre>
 *   java -Xmx1g -cp 'bench/target/classes:bench/target/lib/*' org.testigo.bench.roll.RollCompile /tmp/roll-bench [tables] [seed]
 * </pre>
 */
public final class RollCompile {
    private RollCompile() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/roll-bench");
        int tables = args.length > 1 ? Integer.parseInt(args[1]) : SynthSpec.VENEZUELA_2024_TABLES;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 2024;
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(tables, seed));
        SyntheticRoll roll = SyntheticRoll.of(synth);
        if (!Files.exists(dir.resolve(RollFile.PATH))) {
            long t0 = System.nanoTime();
            roll.write(synth, dir);
            System.out.printf(Locale.ROOT, "wrote %,d voters (%,d bytes) in %.1f s%n", roll.voters(),
                    Files.size(dir.resolve(RollFile.PATH)), (System.nanoTime() - t0) / 1e9);
        }
        System.gc();
        long base = heapUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        RollIndex index = RollFile.compile(dir, synth.election()).orElseThrow();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heapPeak();
        System.gc();
        long held = heapUsed() - base;
        Path file = dir.resolve("roll.index");
        long w0 = System.nanoTime();
        index.write(file);
        double writeSeconds = (System.nanoTime() - w0) / 1e9;
        long r0 = System.nanoTime();
        RollIndex back = RollIndex.read(file);
        double readSeconds = (System.nanoTime() - r0) / 1e9;
        long check = 0;
        for (long v = 0; v < roll.voters(); v += 9973) {
            check += back.lookup(NationalId.parse(Long.toString(roll.nationalId(v))).orElseThrow()).isPresent() ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "compiled %,d voters in %.1f s; heap peak during compile %.0f MB (sum of pools' peaks),"
                + " index arrays %.1f MB, heap held after %.1f MB; file %.1f MB written in %.1f s, read in %.1f s; %,d sampled lookups found%n",
                index.size(), seconds, peak / 1e6, index.heldBytes() / 1e6, held / 1e6, Files.size(file) / 1e6,
                writeSeconds, readSeconds, check);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
