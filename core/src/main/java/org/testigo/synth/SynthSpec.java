package org.testigo.synth;

/**
 * What synthetic election to generate: {@code tables} polling tables from {@code seed}, shaped by
 * {@code parameters}. The same spec always gives the same election, table for table.
 */
public record SynthSpec(int tables, long seed, SynthParameters parameters) {
    /** Venezuela's 2024 election had 30,026 tables. */
    public static final int VENEZUELA_2024_TABLES = 30_026;

    public SynthSpec {
        if (tables < 1) {
            throw new IllegalArgumentException("a synthetic election needs at least 1 table, got " + tables);
        }
        if (parameters == null) {
            throw new IllegalArgumentException("synthetic election parameters are required (see SynthParameters.defaults())");
        }
    }

    /** {@code tables} tables from {@code seed} with the checked-in default parameters. */
    public static SynthSpec of(int tables, long seed) {
        return new SynthSpec(tables, seed, SynthParameters.defaults());
    }

    /**
     * {@code synth-<seed>-<tables>}, e.g. {@code synth-42-30026}. An election id has at most 32
     * characters, so a seed too long for that is written in base 36 after an {@code x}.
     */
    public String electionId() {
        String id = "synth-" + Long.toUnsignedString(seed) + "-" + tables;
        return id.length() <= 32 ? id : "synth-x" + Long.toUnsignedString(seed, 36) + "-" + tables;
    }
}
