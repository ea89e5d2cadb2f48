package org.testigo.election.pkg;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one read, up to a cap. Past the cap {@link #add} throws {@link Full}, which
 * unwinds the read: a file with a thousand bad rows needs fixing at its root, not a thousand messages.
 * The reader catches {@code Full} where it started and reports what was gathered, with
 * {@link #truncated()} saying that reading stopped early.
 *
 * <p>Used by the election package reader ({@link PackageProblem}) and the results import
 * ({@code org.testigo.resultados.ResultadosProblem}); each turns the list into its own exception.
 *
 * @param <P> the kind of problem collected
 */
public final class ProblemList<P> {
    private final int cap;
    private final List<P> list = new ArrayList<>();
    private boolean truncated;

    public ProblemList(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("the cap must be at least 1, got " + cap);
        }
        this.cap = cap;
    }

    /** Thrown once the cap is reached; caught where the read started. Carries no stack: it is control flow. */
    public static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    /**
     * Adds a problem.
     *
     * @throws Full when the list already holds the cap; the list is then marked truncated
     */
    public void add(P problem) {
        if (list.size() == cap) {
            truncated = true;
            throw new Full();
        }
        list.add(problem);
    }

    /** Adds a problem that ends the read anyway; past the cap it only marks the list truncated. */
    public void addLast(P problem) {
        if (list.size() == cap) {
            truncated = true;
        } else {
            list.add(problem);
        }
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** True when a problem was dropped because the cap was reached. */
    public boolean truncated() {
        return truncated;
    }

    /** The problems kept, in the order found. */
    public List<P> list() {
        return List.copyOf(list);
    }

    /**
     * The message of an exception that carries problems: {@code lead}, the count ("at least" when
     * truncated), then the first twenty problems one per line, e.g.
     * {@code the election package has 2 problems\n  tables.csv line 3, field node: …}.
     *
     * @throws IllegalArgumentException when there is no problem: such an exception would be a bug
     */
    public static String summary(String lead, List<?> problems, boolean truncated) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an exception for problems needs at least one problem");
        }
        StringBuilder s = new StringBuilder(lead)
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
