package org.testigo.cli;

/** A problem with what the user asked for (a missing file, a bad package): shown as one message. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message, null, false, false);
    }

    UserError(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
