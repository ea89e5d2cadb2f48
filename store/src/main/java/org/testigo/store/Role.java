package org.testigo.store;

import java.util.Locale;

/** What a token lets its holder do; stored by {@link #id()}. */
public enum Role {
    /** Sends actas from a table. */
    WITNESS,
    /** Decodes and transcribes in the command centre. */
    VOLUNTEER,
    /** Watches coverage and resolves conflicts. */
    COORDINATOR,
    /** Runs the installation: loads the election, hands out tokens. */
    ADMIN;

    /** The stored, lowercase name, e.g. {@code witness}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code id} (any case). */
    public static Role parse(String id) {
        for (Role r : values()) {
            if (r.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of witness, volunteer, coordinator, admin (got " + id + ")");
    }
}
