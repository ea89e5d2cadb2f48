package org.testigo.election.pkg;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one package read. Past the cap it throws {@link Full}, which unwinds the
 * read: a package with a thousand bad rows needs fixing at its root, not a thousand messages.
 */
final class Problems {
    private final int cap;
    private final List<PackageProblem> list = new ArrayList<>();
    private boolean truncated;

    Problems(int cap) {
        this.cap = cap;
    }

    /** Thrown once the cap is reached; caught by {@link ElectionPackage#read}. */
    static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    void add(String file, int line, String field, PackageProblem.Code code, String message) {
        if (list.size() == cap) {
            truncated = true;
            throw new Full();
        }
        list.add(new PackageProblem(file, line, field, code, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    PackageException exception() {
        return new PackageException(list, truncated);
    }
}
