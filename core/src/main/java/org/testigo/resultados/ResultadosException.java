package org.testigo.resultados;

import java.nio.file.Path;
import java.util.List;

/**
 * A results CSV that cannot be imported, with every problem found (up to
 * {@link ResultadosCsv#MAX_PROBLEMS}; {@link #truncated()} says when reading stopped early).
 */
public final class ResultadosException extends Exception {
    private final List<ResultadosProblem> problems;
    private final boolean truncated;

    public ResultadosException(Path file, List<ResultadosProblem> problems, boolean truncated) {
        super(summary(file, problems, truncated));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an import exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
        this.truncated = truncated;
    }

    public List<ResultadosProblem> problems() {
        return problems;
    }

    public boolean truncated() {
        return truncated;
    }

    private static String summary(Path file, List<ResultadosProblem> problems, boolean truncated) {
        StringBuilder s = new StringBuilder("cannot import ").append(file.getFileName()).append(": ")
                .append(truncated ? "at least " : "").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        int shown = Math.min(problems.size(), 20);
        for (int i = 0; i < shown; i++) {
            s.append("\n  ").append(problems.get(i));
        }
        if (shown < problems.size()) {
            s.append("\n  …");
        }
        return s.toString();
    }
}
