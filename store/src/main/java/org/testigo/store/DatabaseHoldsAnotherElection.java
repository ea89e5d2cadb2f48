package org.testigo.store;

/**
 * The database already holds the evidence store of another election. Evidence of two elections is
 * never mixed: use another database (or another data directory) for the new one.
 */
public final class DatabaseHoldsAnotherElection extends StoreException {
    private final String heldId;
    private final String offeredId;

    public DatabaseHoldsAnotherElection(String heldId, String heldName, String offeredId) {
        super(Reason.ANOTHER_ELECTION, "this database holds election '" + heldId + "' (" + heldName
                + "), not '" + offeredId + "': use another database or data directory for '" + offeredId + "'");
        this.heldId = heldId;
        this.offeredId = offeredId;
    }

    /** The id of the election the database holds. */
    public String heldId() {
        return heldId;
    }

    /** The id of the election that was to be saved. */
    public String offeredId() {
        return offeredId;
    }
}
