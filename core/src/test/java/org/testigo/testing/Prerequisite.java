package org.testigo.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs from outside the repository is absent (the shared data,
 * Chromium): skip with a message on a developer's machine, fail under {@code CI=true}, where it must be there.
 */
final class Prerequisite {
    private Prerequisite() {
    }

    /** Skips the running test with {@code message}, or fails it on CI with {@code onCi} added. */
    static void missing(String message, String onCi) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " — but CI=true, " + onCi);
        }
        Assumptions.abort(message);
    }
}
