package org.testigo.synth;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.testigo.election.PollingTable;

/**
 * The voter roll of a synthetic election: one national id for each registered voter of every table,
 * written as the package's {@code voters/roll.csv} (docs/election-package.md §7).
 *
 * <p>Ids look like Venezuelan cédulas: plain numbers from 1 to about one and a half times the
 * electorate (so about two numbers in three are someone's), in no relation to the table. Voter
 * {@code v} (counting table by table in geography order) gets {@code 1 + π(v)}, where π is a
 * pseudorandom permutation of {@code [0, ⌈1.5·n⌉)} keyed by the seed: a four-round Feistel network on
 * the smallest even-bit domain that holds it, walking cycles back into range. A permutation, so ids are
 * unique by construction; computed per voter, so 21.6 million of them need no memory.
 */
public final class SyntheticRoll {
    private final long seed;
    private final long voters;
    private final long range;
    private final int halfBits;
    private final long halfMask;

    private SyntheticRoll(long seed, long voters) {
        this.seed = seed;
        this.voters = voters;
        this.range = Math.max(1, voters + (voters + 1) / 2);
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(range - 1));
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1L << halfBits) - 1;
    }

    /** The roll of {@code synth}: as many voters as its tables have registered. */
    public static SyntheticRoll of(SyntheticElection synth) {
        long n = 0;
        for (PollingTable t : synth.election().geography().tables()) {
            n += Math.max(0, t.registered());
        }
        return new SyntheticRoll(synth.spec().seed(), n);
    }

    public long voters() {
        return voters;
    }

    /** The national id of voter {@code v} (0 ≤ v < {@link #voters()}). */
    public long nationalId(long v) {
        if (v < 0 || v >= voters) {
            throw new IllegalArgumentException("voter " + v + " is not in a roll of " + voters);
        }
        long x = v;
        do {
            x = feistel(x);
        } while (x >= range);
        return x + 1;
    }

    private long feistel(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int round = 0; round < 4; round++) {
            long f = Dice.mix(Dice.mix(seed + Streams.ROLL * 0x9E3779B97F4A7C15L + round) ^ right) & halfMask;
            long t = right;
            right = left ^ f;
            left = t;
        }
        return left << halfBits | right;
    }

    /**
     * Writes {@code voters/roll.csv} into the package directory {@code packageDir}: the header, then
     * table by table in geography order, one line {@code national_id,table_id} per registered voter.
     */
    public void write(SyntheticElection synth, Path packageDir) throws IOException {
        Path dir = packageDir.resolve("voters");
        Files.createDirectories(dir);
        Path target = dir.resolve("roll.csv");
        Path temp = dir.resolve("roll.csv.tmp");
        byte[] line = new byte[128];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)) {
            out.write("national_id,table_id\n".getBytes(StandardCharsets.US_ASCII));
            long v = 0;
            for (PollingTable t : synth.election().geography().tables()) {
                byte[] table = t.id().value().getBytes(StandardCharsets.US_ASCII);
                for (int k = 0; k < Math.max(0, t.registered()); k++) {
                    int at = digits(nationalId(v++), line);
                    line[at++] = ',';
                    System.arraycopy(table, 0, line, at, table.length);
                    at += table.length;
                    line[at++] = '\n';
                    out.write(line, 0, at);
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes {@code value} ≥ 1 in decimal at the start of {@code into}; returns the length. */
    private static int digits(long value, byte[] into) {
        int length = 1;
        for (long p = value / 10; p > 0; p /= 10) {
            length++;
        }
        for (int i = length - 1; i >= 0; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return length;
    }
}
