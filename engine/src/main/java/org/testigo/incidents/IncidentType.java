package org.testigo.incidents;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of trouble a witness reports, a fixed list (the 2024 command centre's own categories). The
 * order is part of the stored format: a type's {@link #code()} is kept in the evidence's tally counters,
 * so new types are only ever appended.
 */
public enum IncidentType {
    /** The table's staff would not hand over a copy of the acta. */
    ACTA_REFUSED,
    /** The witness was forced out of the polling place. */
    WITNESS_EXPELLED,
    /** The witness was not allowed to sign the acta. */
    COULD_NOT_SIGN,
    /** The voting machine or printer failed. */
    MACHINE_FAILURE,
    /** Violence or intimidation at the polling place. */
    VIOLENCE,
    /** Anything else; the free text says what. */
    OTHER;

    /** The id in the API and the evidence, e.g. {@code acta-refused}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The number stored in the evidence's counters. */
    public long code() {
        return ordinal();
    }

    public static Optional<IncidentType> byId(String id) {
        for (IncidentType t : values()) {
            if (t.id().equals(id)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static Optional<IncidentType> byCode(long code) {
        return code >= 0 && code < values().length ? Optional.of(values()[(int) code]) : Optional.empty();
    }
}
