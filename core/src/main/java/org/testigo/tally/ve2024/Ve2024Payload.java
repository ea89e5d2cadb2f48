package org.testigo.tally.ve2024;

import org.testigo.election.Counts;
import org.testigo.election.TableId;

/**
 * Writes the text of a Venezuela 2024 acta QR, the inverse of {@link Ve2024Format#decode}:
 * {@code CCCCCCCCC.MM.1.0001!v0,v1,…,vN!NULLS!F4}, where {@code CCCCCCCCC} is the 9-digit centre code
 * (state, municipality, parish: 2 digits each; centre: 3), {@code MM} the table, {@code v0…} the votes
 * per card in ballot order, {@code NULLS} the null votes and {@code F4} a fourth counter (0 on every
 * acta seen). The last two parts of the acta id are {@code 1} and {@code 0001} on every acta seen; their
 * meaning is unknown, so {@link #format} writes those.
 */
public final class Ve2024Payload {
    /**
     * Longest text accepted. A 2024 acta with every number at its 9-digit maximum is 432 characters
     * (32 for the id, 38 × 10 for the counts, 20 for the last two fields); real ones are about 130.
     */
    public static final int MAX_LENGTH = 600;

    /** Largest number a field may hold: 9 digits. */
    public static final int MAX_NUMBER = 999_999_999;

    /** The two trailing parts of the acta id, as printed on every acta seen. */
    public static final String ACTA_SUFFIX = ".1.0001";

    private Ve2024Payload() {
    }

    /**
     * The canonical QR text of one table's acta.
     *
     * @param table a Venezuelan table id {@code CCCCCCCCC.MM} (table 01 or above)
     * @param cards votes per card, in ballot order
     * @throws IllegalArgumentException when the result could not be read back: a malformed table id,
     *         a negative or 10-digit number, a total beyond int range or a text over {@link #MAX_LENGTH}
     */
    public static String format(TableId table, Counts cards, int nullVotes, int field4) {
        if (!isTableId(table.value())) {
            throw new IllegalArgumentException("a ve-2024 table id is CCCCCCCCC.MM with MM from 01, got " + table);
        }
        requireNumber("null votes", nullVotes);
        requireNumber("field4", field4);
        StringBuilder text = new StringBuilder(32 + cards.size() * 4);
        text.append(table.value()).append(ACTA_SUFFIX).append('!');
        long total = (long) nullVotes + field4;
        for (int i = 0; i < cards.size(); i++) {
            int count = cards.get(i);
            if (count < 0 || count > MAX_NUMBER) {
                requireNumber("counts[" + i + "]", count);
            }
            total += count;
            if (i > 0) {
                text.append(',');
            }
            text.append(count);
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the numbers add up to " + total + ", beyond int range");
        }
        text.append('!').append(nullVotes).append('!').append(field4);
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the text would be " + text.length() + " characters, over " + MAX_LENGTH);
        }
        return text.toString();
    }

    /** {@code CCCCCCCCC.MM} with MM from 01; by hand, as this runs for each of a million synthetic tables. */
    static boolean isTableId(String id) {
        if (id.length() != 12 || id.charAt(9) != '.' || id.endsWith(".00")) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = id.charAt(i);
            if (i != 9 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static void requireNumber(String field, int value) {
        if (value < 0 || value > MAX_NUMBER) {
            throw new IllegalArgumentException(field + " must be 0.." + MAX_NUMBER + ", got " + value);
        }
    }
}
