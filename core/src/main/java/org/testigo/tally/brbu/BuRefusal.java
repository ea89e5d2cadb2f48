package org.testigo.tally.brbu;

import java.util.List;
import org.testigo.tally.Problem;

/**
 * Carries the problems of a refused input from the step that found them to {@link BrBuReader}, which
 * turns it into a {@link BrBuReading.Refused}. Never leaves the package: bad input is data.
 */
final class BuRefusal extends Exception {
    private final List<Problem> problems;

    BuRefusal(List<Problem> problems) {
        super(problems.get(0).message(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    BuRefusal(BrBuProblem code, String field, String message, List<Integer> parts) {
        this(List.of(new Problem(code, field, message, parts)));
    }

    List<Problem> problems() {
        return problems;
    }
}
