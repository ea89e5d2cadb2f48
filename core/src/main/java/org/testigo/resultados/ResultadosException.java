package org.testigo.resultados;

import java.nio.file.Path;
import java.util.List;
import org.testigo.election.pkg.ProblemList;

/**
 * A results CSV that cannot be imported, with every problem found (up to
 * {@link ResultadosCsv#MAX_PROBLEMS}; {@link #truncated()} says when reading stopped early).
 */
public final class ResultadosException extends Exception {
    private final List<ResultadosProblem> problems;
    private final boolean truncated;

    /** @throws IllegalArgumentException when {@code problems} is empty */
    public ResultadosException(Path file, List<ResultadosProblem> problems, boolean truncated) {
        super(ProblemList.summary("cannot import " + file.getFileName() + ": ", problems, truncated));
        this.problems = List.copyOf(problems);
        this.truncated = truncated;
    }

    ResultadosException(Path file, ProblemList<ResultadosProblem> problems) {
        this(file, problems.list(), problems.truncated());
    }

    public List<ResultadosProblem> problems() {
        return problems;
    }

    /** True when there were more problems than were kept. */
    public boolean truncated() {
        return truncated;
    }
}
