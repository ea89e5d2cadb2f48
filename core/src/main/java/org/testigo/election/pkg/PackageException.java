package org.testigo.election.pkg;

import java.util.List;

/**
 * An election package that cannot be loaded, with every problem found (up to
 * {@link ElectionPackage#MAX_PROBLEMS}; {@link #truncated()} says when reading stopped early).
 */
public final class PackageException extends Exception {
    private final List<PackageProblem> problems;
    private final boolean truncated;

    /** @throws IllegalArgumentException when {@code problems} is empty */
    public PackageException(List<PackageProblem> problems, boolean truncated) {
        super(ProblemList.summary("the election package has ", problems, truncated));
        this.problems = List.copyOf(problems);
        this.truncated = truncated;
    }

    PackageException(ProblemList<PackageProblem> problems) {
        this(problems.list(), problems.truncated());
    }

    public List<PackageProblem> problems() {
        return problems;
    }

    /** True when there were more problems than were kept. */
    public boolean truncated() {
        return truncated;
    }
}
