package org.testigo.tally.brbu;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testigo.testing.SharedData;

/**
 * The real BU QR vectors in {@code shared/data/formats} (see its SOURCES.md), each file
 * {@code {name: [QR text 1, QR text 2, …]}} in QRBU order.
 */
final class BrBuVectors {
    static final String V14_2016_MANUAL = "br_bu_qr_vrqr1.4_2016_manual_examples.json";
    static final String V15_2018_AC = "br_bu_qr_vrqr1.5_2018_simulado_ac.json";
    static final String V15_2022_CONCHAL = "br_bu_qr_vrqr1.5_2022_oficial_sp_conchal.json";
    static final String V15_2024_MANUAL = "br_bu_qr_vrqr1.5_2024_manual_examples.json";
    static final String V15_2024_TSE = "br_bu_qr_vrqr1.5_2024_tse_exemplos_simulado.json";
    static final String V60_2026 = "br_bu_qr_vrqr6.0_2026_manual_small.json";
    static final List<String> FILES = List.of(V14_2016_MANUAL, V15_2018_AC, V15_2022_CONCHAL, V15_2024_MANUAL, V15_2024_TSE, V60_2026);

    /** The one TSE 2024 example signed with a key we have (S/AC/20240507, SOURCES.md). */
    static final String TSE_2024_AC = "s09586ac0139200010032-imgbu";

    private BrBuVectors() {
    }

    static Map<String, List<String>> load(String file) {
        try {
            return new ObjectMapper().readValue(SharedData.file("formats/" + file).toFile(),
                    new TypeReference<LinkedHashMap<String, List<String>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The QR texts of one named set. */
    static List<String> set(String file, String name) {
        List<String> texts = load(file).get(name);
        if (texts == null) {
            throw new AssertionError(file + " has no set named " + name);
        }
        return texts;
    }

    /** The single set of a file that holds one, or the one whose name starts with the prefix. */
    static List<String> setStartingWith(String file, String prefix) {
        return load(file).entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .reduce((a, b) -> {
                    throw new AssertionError("several sets of " + file + " start with " + prefix);
                }).orElseThrow(() -> new AssertionError(file + " has no set starting with " + prefix));
    }

    /**
     * The sets SOURCES.md says verify with a key we have: all 6 of the 1.4 manual, both of the 2024
     * manual, all 6 of 2018 AC, and the AC entry of the TSE 2024 examples.
     */
    static Map<String, List<String>> signedWithKnownKeys() {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (String file : List.of(V14_2016_MANUAL, V15_2024_MANUAL, V15_2018_AC)) {
            load(file).forEach((name, texts) -> sets.put(file + " " + name, texts));
        }
        sets.put(V15_2024_TSE + " " + TSE_2024_AC, set(V15_2024_TSE, TSE_2024_AC));
        return sets;
    }
}
