package org.testigo.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assertions;

/**
 * Finds the real reference data in {@code ../shared/data} (never copied into the repository).
 * When it is absent, tests that need it are skipped with a message, except under {@code CI=true},
 * where absence is a failure.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The {@code shared/data} folder, or the test is skipped (failed on CI). */
    public static Path dir() {
        Path dir = locate();
        if (dir == null) {
            String message = "../shared/data not found (set TESTIGO_SHARED to the shared folder): "
                    + "tests on the real 2024 data are skipped";
            Prerequisite.missing(message, "where the data must be present");
        }
        return dir;
    }

    /** A file of {@code shared/data}, e.g. {@code file("qr_payload_examples.csv")}. */
    public static Path file(String relative) {
        Path f = dir().resolve(relative);
        if (!Files.isRegularFile(f)) {
            Assertions.fail("expected reference file is missing: " + f);
        }
        return f;
    }

    private static Path locate() {
        String env = System.getenv("TESTIGO_SHARED");
        if (env != null && Files.isDirectory(Paths.get(env, "data"))) {
            return Paths.get(env, "data").toAbsolutePath().normalize();
        }
        // Walk up from the working directory: tests run in a module folder, the repository root's
        // sibling is ../shared.
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate.normalize();
            }
        }
        return null;
    }
}
