package org.testigo.tally.ve2024;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.testigo.election.Counts;
import org.testigo.election.TableId;
import org.testigo.tally.Decoding;
import org.testigo.tally.Problem;
import org.testigo.tally.Tally;
import org.testigo.tally.TallyContext;

/** Ve2024Payload.format and Ve2024Format.decode undo each other; decode survives any text. */
class Ve2024RoundTripTest {

    private static final Ve2024Format FORMAT = new Ve2024Format();
    private static final TallyContext CONTEXT = FORMAT.defaultContext().orElseThrow();

    @Test
    void decodingAFormattedTallyGivesItBack() {
        Random random = new Random(20240728);
        for (int round = 0; round < 20_000; round++) {
            TableId table = new TableId(String.format("%02d%02d%02d%03d.%02d", 1 + random.nextInt(99),
                    1 + random.nextInt(99), 1 + random.nextInt(99), 1 + random.nextInt(999), 1 + random.nextInt(99)));
            // Mostly acta-sized numbers; every 10th tally pushes each number towards its 9-digit limit.
            int bound = round % 10 == 0 ? 50_000_000 : 1 + random.nextInt(700);
            int[] cards = new int[38];
            long sum = 0;
            for (int i = 0; i < cards.length; i++) {
                cards[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(bound);
                sum += cards[i];
            }
            int nulls = random.nextInt(3) == 0 ? random.nextInt(bound) : 0;
            int field4 = random.nextInt(5) == 0 ? random.nextInt(bound) : 0;

            String text = Ve2024Payload.format(table, Counts.of(cards), nulls, field4);
            Decoding decoding = FORMAT.decode(List.of(text), CONTEXT);

            assertThat(decoding).as(text).isInstanceOf(Decoding.Decoded.class);
            Tally tally = ((Decoding.Decoded) decoding).tally();
            assertThat(tally.table()).isEqualTo(table);
            assertThat(tally.actaId()).isEqualTo(table.value() + ".1.0001");
            assertThat(tally.cards().toArray()).isEqualTo(cards);
            assertThat(tally.valid()).isEqualTo(sum);
            assertThat(tally.nullVotes()).isEqualTo(nulls);
            assertThat(tally.counters().get("field4")).isEqualTo(field4);
        }
    }

    @Test
    void formatRefusesWhatDecodeWouldRefuse() {
        Counts zeros = Counts.of(new int[38]);
        assertThatThrownBy(() -> Ve2024Payload.format(new TableId("201301006.00"), zeros, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MM from 01");
        assertThatThrownBy(() -> Ve2024Payload.format(new TableId("br-1-2"), zeros, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ve2024Payload.format(new TableId("201301006.01"), zeros, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null votes");
        int[] big = new int[38];
        big[0] = 1_000_000_000;
        assertThatThrownBy(() -> Ve2024Payload.format(new TableId("201301006.01"), Counts.of(big), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counts[0]");
        int[] many = new int[38];
        java.util.Arrays.fill(many, 999_999_999);
        assertThatThrownBy(() -> Ve2024Payload.format(new TableId("201301006.01"), Counts.of(many), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int range");
    }

    /**
     * 100,000 seeded strings: random text over the payload's own alphabet and some strangers, and
     * valid texts with a few characters inserted, deleted or replaced. Decoding must answer every one
     * with a tally or with problems that name their field, and anything it accepts must be canonical.
     */
    @Test
    void neverThrowsOnGarbageAndAcceptsOnlyCanonicalText() {
        Random random = new Random(7);
        String alphabet = "0123456789012345678901234567890123456789.....,,,,,,,,!!!!!--  \n\tabc\u00e9\uFEFF\u0000\uD83D";
        String valid = Ve2024Payload.format(new TableId("010203004.05"), Counts.of(new int[38]), 0, 0);
        int decoded = 0;
        for (int round = 0; round < 100_000; round++) {
            String text = switch (round % 3) {
                case 0 -> randomText(random, alphabet, random.nextInt(round % 100 == 0 ? 700 : 120));
                case 1 -> mutate(random, alphabet, valid);
                default -> mutate(random, alphabet, Ve2024Payload.format(new TableId("201301006.01"),
                        Counts.of(random.ints(38, 0, 1000).toArray()), random.nextInt(5), 0));
            };

            Decoding decoding = FORMAT.decode(List.of(text), CONTEXT);
            FORMAT.recognizes(List.of(text));

            if (decoding instanceof Decoding.Refused refused) {
                for (Problem p : refused.problems()) {
                    assertThat(p.code()).isNotNull();
                    assertThat(p.message()).as(text).contains(p.field());
                }
            } else if (decoding instanceof Decoding.Decoded d) {
                decoded++;
                Tally t = d.tally();
                if (t.actaId().endsWith(".1.0001")) {
                    assertThat(Ve2024Payload.format(t.table(), t.cards(), t.nullVotes(), t.counters().get("field4").intValue()))
                            .isEqualTo(text.strip());
                }
            } else {
                throw new AssertionError("neither decoded nor refused: " + decoding);
            }
        }
        assertThat(decoded).as("some mutations leave a valid text").isPositive();
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String mutate(Random random, String alphabet, String text) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(s.length() + 1);
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> s.insert(at, c);
                case 1 -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < s.length()) {
                        s.setCharAt(at, c);
                    }
                }
            }
        }
        return s.toString();
    }
}
