package org.testigo.store;

/**
 * The store cannot do what was asked, for a reason a person can act on (a wrong URL or password, a data
 * directory that cannot be written, a server that is down). The message says what happened and what
 * to do; callers print it as it is, without a stack trace. {@link #reason()} is stable for programs.
 */
public class StoreException extends RuntimeException {

    /** Stable, machine-readable reasons. */
    public enum Reason {
        /** The database URL cannot be understood. */
        BAD_URL,
        /** The embedded data directory cannot be created, written or used. */
        DATA_DIR_UNUSABLE,
        /** The embedded PostgreSQL could not be started or reached. */
        EMBEDDED_FAILED,
        /** Nothing answers at the server's address. */
        UNREACHABLE,
        /** The server refused the user or the password. */
        AUTHENTICATION_FAILED,
        /** The server has no database of that name. */
        NO_SUCH_DATABASE,
        /** The database's schema cannot be brought to what this version expects. */
        SCHEMA_MISMATCH,
        /** The database already holds another election. */
        ANOTHER_ELECTION,
        /** A query failed while the store was in use (the server went away, a disk filled up…). */
        UNAVAILABLE,
        /** The store was closed. */
        CLOSED
    }

    private final Reason reason;

    public StoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
