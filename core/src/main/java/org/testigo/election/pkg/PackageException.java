package org.testigo.election.pkg;

import java.util.List;

/**
 * An election package that cannot be loaded, with every problem found (up to
 * {@link ElectionPackage#MAX_PROBLEMS}; {@link #truncated()} says when reading stopped early).
 */
public final class PackageException extends Exception {
    private final List<PackageProblem> problems;
    private final boolean truncated;

    public PackageException(List<PackageProblem> problems, boolean truncated) {
        super(summary(problems, truncated));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a package exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
        this.truncated = truncated;
    }

    public List<PackageProblem> problems() {
        return problems;
    }

    /** True when there were more problems than were kept. */
    public boolean truncated() {
        return truncated;
    }

    private static String summary(List<PackageProblem> problems, boolean truncated) {
        StringBuilder s = new StringBuilder("the election package has ")
                .append(truncated ? "at least " : "").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
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
