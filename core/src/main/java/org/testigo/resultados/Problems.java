package org.testigo.resultados;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one import; past the cap it throws {@link Full}, which ends the read. */
final class Problems {
    private final int cap;
    private final List<ResultadosProblem> list = new ArrayList<>();
    private boolean truncated;

    Problems(int cap) {
        this.cap = cap;
    }

    static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    void add(int line, String field, ResultadosProblem.Code code, String message) {
        if (list.size() == cap) {
            truncated = true;
            throw new Full();
        }
        list.add(new ResultadosProblem(line, field, code, message));
    }

    /** Adds a problem that ends the read anyway; past the cap it only marks the list truncated. */
    void addLast(int line, String field, ResultadosProblem.Code code, String message) {
        if (list.size() == cap) {
            truncated = true;
        } else {
            list.add(new ResultadosProblem(line, field, code, message));
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    ResultadosException exception(Path file) {
        return new ResultadosException(file, list, truncated);
    }
}
