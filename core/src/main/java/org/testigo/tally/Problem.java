package org.testigo.tally;

import java.util.List;

/**
 * Why a payload cannot be read as a tally.
 *
 * @param code stable code (e.g. {@code COUNT_NOT_A_NUMBER})
 * @param field which part of the payload is wrong, in the format's own words (e.g. {@code counts[12]})
 * @param message what is wrong and what was expected, for a person
 * @param parts for multi-code formats, the 1-based QR parts involved (empty otherwise)
 */
public record Problem(ProblemCode code, String field, String message, List<Integer> parts) {
    public Problem {
        parts = List.copyOf(parts);
    }

    public Problem(ProblemCode code, String field, String message) {
        this(code, field, message, List.of());
    }
}
