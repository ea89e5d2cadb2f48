package org.testigo.ledger;

/**
 * What a monitor concluded from one look at a log: a stable code, a message for people, and the
 * checkpoint it read (null when it could read none). Only a good verdict's checkpoint becomes the one
 * the next look is compared with.
 *
 * @param note       the signed checkpoint as read, when it could be parsed
 * @param checkpoint its body, when it could be parsed
 * @param previous   the last good checkpoint it was compared with, if any
 */
public record LogVerdict(Code code, String message, SignedNote note, Checkpoint checkpoint, SignedNote previous) {

    /** How loud a verdict is: an alarm means the log (or the mirror) misbehaved; a warning means we could not tell. */
    public enum Severity {
        OK, WARNING, ALARM
    }

    public enum Code {
        /** The first checkpoint this monitor has seen: signed, and its tiles hash to its root. */
        FIRST_SEEN(Severity.OK),
        /** The same checkpoint as last time. */
        UNCHANGED(Severity.OK),
        /** A larger checkpoint, proved (from the tiles) to extend the last one. */
        EXTENDED(Severity.OK),
        /** A signed checkpoint smaller than one the log signed before. */
        ROLLBACK(Severity.ALARM),
        /** A signed checkpoint whose tree does not contain the last one: history was rewritten. */
        FORK(Severity.ALARM),
        /** The checkpoint carries no valid signature by the log's key. */
        SIGNATURE_INVALID(Severity.ALARM),
        /** The checkpoint is not a well-formed signed checkpoint of this log. */
        CHECKPOINT_MALFORMED(Severity.ALARM),
        /** A tile the checkpoint's size implies is absent. */
        TILE_MISSING(Severity.ALARM),
        /** A tile is not the length its name says. */
        TILE_MALFORMED(Severity.ALARM),
        /** The tiles do not hash to the signed root: the published tiles are not the tree that was signed. */
        TILES_CONTRADICT_CHECKPOINT(Severity.ALARM),
        /** The source could not be read (network, server error, no checkpoint yet): nothing was concluded. */
        SOURCE_UNREACHABLE(Severity.WARNING);

        private final Severity severity;

        Code(Severity severity) {
            this.severity = severity;
        }

        public Severity severity() {
            return severity;
        }
    }

    public boolean isAlarm() {
        return code.severity() == Severity.ALARM;
    }

    public boolean isGood() {
        return code.severity() == Severity.OK;
    }

    /** The checkpoint to compare the next look with: this one when good, otherwise the previous. */
    public SignedNote lastGood() {
        return isGood() ? note : previous;
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
