package org.testigo.roll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testigo.election.TableId;

/** The index against the plainest possible roll, a hash map, on rolls built to stress its encoding. */
class RollIndexTest {
    @TempDir
    Path dir;

    private static List<TableId> tables(int n) {
        List<TableId> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add(new TableId("T" + i));
        }
        return t;
    }

    private static RollIndex build(List<TableId> tables, Map<String, Integer> voters) {
        RollBuilder b = new RollBuilder("e1", tables);
        voters.forEach(b::add);
        return ((RollBuilder.Built) b.build(10)).index();
    }

    private static Integer lookup(RollIndex index, String id) {
        int t = index.tableOf(id);
        return t < 0 ? null : t;
    }

    @Test
    void findsIdsOnEverySideOfABlockBoundary() {
        Map<String, Integer> voters = new HashMap<>();
        for (int i = 1; i <= 3 * RollIndex.BLOCK + 1; i++) {
            voters.put(Long.toString(i * 3L), i % 5); // 3, 6, 9, …: blocks start at 3, 195, 387, 579
        }
        RollIndex index = build(tables(5), voters);
        for (long id = 0; id <= 3 * (3 * RollIndex.BLOCK + 2); id++) {
            assertThat(lookup(index, Long.toString(id))).as("id %d", id).isEqualTo(voters.get(Long.toString(id)));
        }
    }

    @Test
    void keepsNumbersTooLargeForTheNumericPartAsText() {
        List<TableId> t = tables(30_026);
        long limit = RollIndex.numericLimit(t.size());
        assertThat(limit).isEqualTo(1L << 48);
        Map<String, Integer> voters = Map.of(Long.toString(limit - 1), 1, Long.toString(limit), 2,
                "999999999999999999", 30_025, "0", 7);
        RollIndex index = build(t, voters);
        voters.forEach((id, table) -> assertThat(lookup(index, id)).as(id).isEqualTo(table));
        assertThat(lookup(index, Long.toString(limit + 1))).isNull();
    }

    @Test
    void reportsTheIdsGivenTwice() {
        RollBuilder b = new RollBuilder("e1", tables(3));
        b.add("5", 0);
        b.add("X", 1);
        b.add("5", 2);
        b.add("6", 0);
        b.add("X", 1);
        assertThat(b.build(10)).isEqualTo(new RollBuilder.Duplicates(new java.util.LinkedHashSet<>(List.of("5", "X"))));
    }

    /** Rolls of a few thousand voters, dense and sparse, numeric, textual and mixed; every probe agrees with a map. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void agreesWithAHashMapOnRandomRolls(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int tableCount = 1 + random.nextInt(seed % 2 == 0 ? 3 : 70_000);
        List<TableId> t = tables(tableCount);
        int voters = random.nextInt(5_000);
        long spread = switch ((int) (seed % 4)) {
            case 0 -> 2;             // nearly consecutive ids
            case 1 -> 1_000;         // sparse
            case 2 -> 1L << 40;      // very sparse: wide deltas
            default -> Long.MAX_VALUE / 4; // mostly above the numeric limit
        };
        Map<String, Integer> roll = new HashMap<>();
        List<String> probes = new ArrayList<>();
        while (roll.size() < voters) {
            String id = random.nextInt(10) == 0 ? text(random) : Long.toString(1 + random.nextLong(Math.max(2, spread * voters / 2 + 2)));
            roll.putIfAbsent(id, random.nextInt(tableCount));
        }
        RollIndex built = build(t, roll);
        built.write(dir.resolve("roll.index"));
        RollIndex index = RollIndex.read(dir.resolve("roll.index"));
        assertThat(index.size()).isEqualTo(roll.size());
        for (String id : roll.keySet()) {
            probes.add(id);
            long n = NationalId.number(id);
            if (n > 0) {
                probes.add(Long.toString(n - 1));
                probes.add(Long.toString(n + 1));
            }
        }
        for (int i = 0; i < 2_000; i++) {
            probes.add(random.nextBoolean() ? text(random) : Long.toString(random.nextLong(Math.max(2, spread * voters + 2))));
        }
        for (String p : probes) {
            assertThat(lookup(index, p)).as("id %s", p).isEqualTo(roll.get(p));
        }
        Map<String, Integer> listed = new HashMap<>();
        Map<TableId, Integer> number = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            number.put(t.get(i), i);
        }
        index.forEach((id, table) -> listed.put(id, number.get(table)));
        assertThat(listed).isEqualTo(roll);
    }

    private static String text(SplittableRandom random) {
        String chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder s = new StringBuilder();
        int length = 1 + random.nextInt(NationalId.MAX_LENGTH);
        for (int i = 0; i < length; i++) {
            s.append(chars.charAt(random.nextInt(random.nextInt(4) == 0 ? 36 : 10)));
        }
        return s.toString();
    }
}
