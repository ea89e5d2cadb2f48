package org.testigo.consolidation;

/** Where a table stands. Only provisional and confirmed tables contribute votes to totals. */
public enum TableStatus {
    /** No evidence yet. */
    MISSING,
    /** One version, backed by fewer independent copies than the rule asks for. */
    PROVISIONAL,
    /** One version with a valid signature, an import, or enough independent agreeing copies. */
    CONFIRMED,
    /** Copies disagree and no rule settles it: counted as outstanding until someone reviews it. */
    CONFLICTED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
