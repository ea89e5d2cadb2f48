package org.testigo.tally.brbu;

import org.testigo.tally.ProblemCode;

/**
 * Why QR texts cannot be read as a Brazilian boletim de urna, named for what the witness sees. Each
 * {@link org.testigo.tally.Problem} carrying one of these names the field and the 1-based QR code
 * numbers ({@code QRBU:i:n}) involved.
 */
public enum BrBuProblem implements ProblemCode {
    /** No QR text was given. */
    NO_QR,
    /** The text is not a BU QR code at all (it does not start with {@code QRBU:} or {@code QRCE:}). */
    NOT_A_BU,
    /** A BU QR text breaks the lexical grammar: charset, length, header, a record, HASH or ASSI. */
    QR_MALFORMED,
    /** The header names a VRQR this reader does not know. */
    VERSION_UNSUPPORTED,
    /** The codes disagree on VRQR or VRCH, so they are not one BU. */
    VERSIONS_DIFFER,
    /** The codes disagree on n in {@code QRBU:i:n}, so they are not one BU. */
    PART_TOTALS_DIFFER,
    /** Some of the codes 1..n were not given. */
    PART_MISSING,
    /** Two different texts claim the same index i. */
    PART_REPEATED_DIFFERENT,
    /** A code's HASH is not the SHA-512 of the content so far: misread, altered or from another BU. */
    CHAIN_BROKEN,
    /** The last code has no ASSI. */
    SIGNATURE_MISSING,
    /** A code other than the last carries an ASSI. */
    SIGNATURE_MISPLACED,
    /** The reassembled content breaks the BU grammar (a missing, repeated or ill-formed field). */
    FORMAT,
    /** The BU has several cargos and the election did not say which one it counts. */
    CARGO_OPTION_NEEDED,
    /** The cargo the election counts is not in this BU. */
    CARGO_NOT_FOUND,
    /** The BU gives votes to a candidate number that is not on the election's ballot. */
    UNKNOWN_CANDIDATE,
    /** The BU counts blank votes but the election's ballot has no blank option. */
    BLANK_NOT_ON_BALLOT
}
