package org.testigo.tally;

/** One consistency check run on a tally, e.g. "NOMI equals the sum of candidate votes". */
public record Check(String name, boolean passed, String detail) {
    public static Check pass(String name, String detail) {
        return new Check(name, true, detail);
    }

    public static Check fail(String name, String detail) {
        return new Check(name, false, detail);
    }
}
