package org.testigo.tally.brbu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.testigo.tally.Problem;
import org.testigo.tally.Verdict;

/**
 * Every single-character change of every signed vector, at every position, is caught: refused with a
 * problem that names the code, or read with an INVALID signature; never VALID. Each position is tried
 * with a character of the same kind (digit for digit, hex for hex, letter for letter) and with a
 * seeded random character of the QR alphanumeric set.
 *
 * <p>The header tokens (QRBU, VRQR, VRCH) are the only text the hash chain does not cover. A changed
 * VRCH that is still a date names another key version; then no key is pinned and the verdict is
 * NOT_VERIFIABLE, which is allowed for those positions only.
 */
class BrBuMutationTest {
    private static final String CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private final BrBuReader reader = BrBuReader.withPinnedKeys();

    /** Where a character sits in a code, found here from the grammar, not by the code under test. */
    private enum Region { HEADER, VRCH_VALUE, BODY, HASH_VALUE, ASSI_VALUE, SECURITY_KEYS }

    @Test
    void everySingleCharacterChangeOfASignedVectorIsCaught() {
        Random random = new Random(2_024_10_06L);
        Map<Region, Integer> tried = new EnumMap<>(Region.class);
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        int total = 0;
        for (Map.Entry<String, List<String>> set : BrBuVectors.signedWithKnownKeys().entrySet()) {
            List<String> texts = set.getValue();
            for (int p = 0; p < texts.size(); p++) {
                String text = texts.get(p);
                for (int k = 0; k < text.length(); k++) {
                    char original = text.charAt(k);
                    char random1;
                    do {
                        random1 = CHARSET.charAt(random.nextInt(CHARSET.length()));
                    } while (random1 == original);
                    for (char replacement : new char[] {sameKind(original), random1}) {
                        List<String> mutated = new ArrayList<>(texts);
                        mutated.set(p, text.substring(0, k) + replacement + text.substring(k + 1));
                        Region region = region(text, k);
                        String outcome = judge(set.getKey(), p + 1, texts.size(), k, region, mutated);
                        outcomes.merge(region + " " + outcome, 1, Integer::sum);
                        tried.merge(region, 1, Integer::sum);
                        total++;
                    }
                }
            }
        }
        assertThat(total).as("two changes per character of 15 sets").isGreaterThan(40_000);
        assertThat(tried.keySet()).containsExactlyInAnyOrder(Region.values());
        // Each kind of catch really happens: the chain, the lexical checks, and the signature.
        assertThat(outcomes).containsKeys("BODY CHAIN_BROKEN", "HASH_VALUE CHAIN_BROKEN", "ASSI_VALUE INVALID",
                "HASH_VALUE QR_MALFORMED", "HEADER PART_MISSING", "VRCH_VALUE NOT_VERIFIABLE");
    }

    /** Checks one mutant and returns a short name of how it was caught. */
    private String judge(String set, int part, int codes, int position, Region region, List<String> mutated) {
        String what = set + " code " + part + " position " + (position + 1) + " (" + region + "): ";
        BrBuReading reading = reader.read(mutated);
        if (reading instanceof BrBuReading.Read read) {
            Verdict verdict = read.bu().verification().signature();
            String reason = read.bu().verification().reason();
            if (verdict == Verdict.INVALID) {
                assertThat(region).as(what + reason).isEqualTo(Region.ASSI_VALUE);
                assertThat(reason).as(what).contains("ASSI in QR code " + codes + " of " + codes).contains("does not verify");
                return "INVALID";
            }
            if (verdict == Verdict.NOT_VERIFIABLE && region == Region.VRCH_VALUE) {
                assertThat(reason).as(what).startsWith("no pinned key for ");
                return "NOT_VERIFIABLE";
            }
            return fail(what + "read as " + verdict + ": " + reason);
        }
        List<Problem> problems = ((BrBuReading.Refused) reading).problems();
        Problem first = problems.get(0);
        for (Problem problem : problems) {
            assertThat(problem.code()).as(what).isInstanceOf(BrBuProblem.class);
            assertThat(problem.field()).as(what + problem.message()).isNotBlank();
            boolean namesACode = !problem.parts().isEmpty() || problem.message().startsWith("QR text " + part + " (in the order given)");
            assertThat(namesACode).as(what + problem.message()).isTrue();
        }
        switch (region) {
            case BODY -> {
                // Inside the content, the chain (or the lexical grammar before it) catches the change, at this code.
                assertThat(first.code()).as(what + first.message()).isIn(BrBuProblem.CHAIN_BROKEN, BrBuProblem.QR_MALFORMED);
                assertThat(first.parts()).as(what + first.message()).containsExactly(part);
                if (first.code() == BrBuProblem.CHAIN_BROKEN) {
                    assertThat(first.field()).isEqualTo("HASH");
                    assertThat(first.message()).startsWith("QR code " + part + " of " + codes + ": its HASH");
                }
            }
            case HASH_VALUE, ASSI_VALUE, SECURITY_KEYS -> {
                assertThat(first.code()).as(what + first.message()).isIn(BrBuProblem.CHAIN_BROKEN, BrBuProblem.QR_MALFORMED);
                assertThat(first.parts()).as(what + first.message()).containsExactly(part);
            }
            default -> {
                // The header: the index, the total, VRQR or VRCH no longer fit; any code, naming a code.
            }
        }
        return first.code().name();
    }

    /** Which region of its code position {@code k} is in, from BR-BU-QR.md §2. */
    private static Region region(String text, int k) {
        int hashSpace = text.lastIndexOf(" HASH:");
        int assiSpace = text.lastIndexOf(" ASSI:");
        if (k >= hashSpace) {
            if (k >= hashSpace + 6 && k < hashSpace + 6 + 128) {
                return Region.HASH_VALUE;
            }
            if (assiSpace > 0 && k >= assiSpace + 6) {
                return Region.ASSI_VALUE;
            }
            return Region.SECURITY_KEYS;
        }
        int bodyStart = 0;
        for (String token : text.split(" ")) {
            String key = token.substring(0, token.indexOf(':'));
            if (!key.equals("QRBU") && !key.equals("VRQR") && !key.equals("VRCH")) {
                break;
            }
            if (key.equals("VRCH") && k >= bodyStart + 5 && k < bodyStart + token.length()) {
                return Region.VRCH_VALUE;
            }
            bodyStart += token.length() + 1;
        }
        return k < bodyStart ? Region.HEADER : Region.BODY;
    }

    /** A character of the same kind: another digit, another hex letter, another letter, or a separator. */
    private static char sameKind(char c) {
        if (c >= '0' && c <= '9') {
            return (char) ('0' + (c - '0' + 1) % 10);
        }
        if (c >= 'A' && c <= 'F') {
            return c == 'F' ? 'A' : (char) (c + 1);
        }
        if (c >= 'G' && c <= 'Z') {
            return c == 'Z' ? 'G' : (char) (c + 1);
        }
        return switch (c) {
            case ':' -> '.';
            case '.' -> ':';
            default -> ':';
        };
    }
}
