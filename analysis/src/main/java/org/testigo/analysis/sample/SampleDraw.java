package org.testigo.analysis.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.election.TableId;

/**
 * Draws a stratified random sample of tables from a seed, by a rule simple enough to redo with any
 * SHA-256 tool:
 *
 * <ol>
 *   <li>Strata: {@link Strata#of} (the places of one level, in ascending order of their codes).</li>
 *   <li>Sizes: {@link Allocation#largestRemainder} over the strata's table counts.</li>
 *   <li>Within each stratum, every table gets the key {@code SHA-256(UTF-8(seed) ‖ 0x0A ‖ UTF-8(table id))};
 *       tables are ordered by key, compared as unsigned bytes (equal keys, which SHA-256 makes
 *       practically impossible, by table id), and the first n_h are drawn.</li>
 * </ol>
 *
 * The key is a keyed hash: without the seed nobody can tell which tables will be drawn, and with it
 * everyone gets the same sample.
 */
public final class SampleDraw {
    private SampleDraw() {
    }

    /**
     * @param strataLevel a level name of the election, {@value Strata#NATION}, or {@code null} for the top level
     * @throws IllegalArgumentException naming the argument that is wrong (size, strata, seed)
     */
    public static Sample draw(Election election, int size, String strataLevel, String seed) {
        requireSeed(seed);
        Strata strata = Strata.of(election, strataLevel);
        Geography geo = election.geography();
        if (size < 1 || size > geo.tableCount()) {
            throw new IllegalArgumentException("size must be between 1 and the " + geo.tableCount() + " tables of election "
                    + election.id() + " (got " + size + ")");
        }
        int[] allocation = Allocation.largestRemainder(strata.populations(), size);
        List<List<Keyed>> byStratum = new ArrayList<>();
        for (int h = 0; h < strata.count(); h++) {
            byStratum.add(new ArrayList<>());
        }
        byte[] prefix = (seed + "\n").getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = Sample.sha256();
        for (int t = 0; t < geo.tableCount(); t++) {
            TableId id = geo.table(t).id();
            byStratum.get(strata.of(t)).add(new Keyed(key(sha, prefix, id), id));
        }
        List<TableId> drawn = new ArrayList<>(size);
        for (int h = 0; h < strata.count(); h++) {
            List<Keyed> tables = byStratum.get(h);
            tables.sort(Keyed.ORDER);
            for (int i = 0; i < allocation[h]; i++) {
                drawn.add(tables.get(i).table());
            }
        }
        return new Sample(election.id(), strata.level(), size, seed, drawn);
    }

    /** The ordering key of a table: SHA-256(UTF-8(seed) ‖ 0x0A ‖ UTF-8(table id)). */
    public static byte[] key(String seed, TableId table) {
        return key(Sample.sha256(), (seed + "\n").getBytes(StandardCharsets.UTF_8), table);
    }

    private static byte[] key(MessageDigest sha, byte[] prefix, TableId table) {
        sha.reset();
        sha.update(prefix);
        return sha.digest(table.value().getBytes(StandardCharsets.UTF_8));
    }

    /** A seed is 1-256 characters without control characters (it is one line of the committed document). */
    static void requireSeed(String seed) {
        if (seed == null || seed.isEmpty() || seed.length() > 256) {
            throw new IllegalArgumentException("seed must be 1-256 characters (got " + (seed == null ? "none" : seed.length() + "") + ")");
        }
        for (int i = 0; i < seed.length(); i++) {
            if (Character.isISOControl(seed.charAt(i))) {
                throw new IllegalArgumentException("seed must not contain control characters (found U+"
                        + String.format("%04X", (int) seed.charAt(i)) + " at " + i + ")");
            }
        }
        if (seed.strip().length() != seed.length()) {
            throw new IllegalArgumentException("seed must not begin or end with spaces");
        }
    }

    private record Keyed(byte[] key, TableId table) {
        static final Comparator<Keyed> ORDER = (a, b) -> {
            int c = Arrays.compareUnsigned(a.key, b.key);
            return c != 0 ? c : a.table.compareTo(b.table);
        };
    }
}
