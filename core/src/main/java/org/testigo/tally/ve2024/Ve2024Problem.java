package org.testigo.tally.ve2024;

import org.testigo.tally.ProblemCode;

/**
 * Every way a Venezuela 2024 acta QR text can fail to be read, one code each, so that a witness's
 * app can say exactly what to fix (rescan, or the QR is not an acta). The text is
 * {@code CCCCCCCCC.MM.K.SSSS!v0,…,v37!NULLS!F4}.
 */
public enum Ve2024Problem implements ProblemCode {
    /** No payload at all was given. */
    NO_PAYLOAD,
    /** More than one QR text: a Venezuelan acta has exactly one QR code. */
    TOO_MANY_PAYLOADS,
    /** The QR text is empty or only whitespace. */
    EMPTY_PAYLOAD,
    /** Longer than {@link Ve2024Payload#MAX_LENGTH}; no acta of this ballot can be. */
    TOO_LONG,
    /** Whitespace between the first and last character (a broken copy, a line break). */
    INNER_WHITESPACE,
    /** A character other than digits and {@code . , ! -}. */
    BAD_CHARACTER,
    /** Not exactly 4 fields separated by {@code !}. */
    WRONG_FIELD_COUNT,
    /** The acta id (field 1) does not have 4 dot-separated parts. */
    ACTA_ID_PARTS,
    /** The centre code is not exactly 9 digits. */
    CENTRE_CODE,
    /** The table number is not exactly 2 digits. */
    TABLE_NUMBER,
    /** The table number is 00; tables are numbered from 01. */
    TABLE_NUMBER_ZERO,
    /** The 3rd or 4th part of the acta id is not 1 to 9 digits. */
    ACTA_ID_SUFFIX,
    /** Field 2 has a number of counts other than the ballot's number of cards. */
    COUNTS_WRONG_NUMBER,
    /** A number (a count, the null votes or field 4) is empty. */
    NUMBER_EMPTY,
    /** A number starts with a minus sign. */
    NUMBER_NEGATIVE,
    /** A number has a character other than digits. */
    NUMBER_NOT_DIGITS,
    /** A number has a leading zero (e.g. {@code 007}): the machine never prints one. */
    NUMBER_NOT_CANONICAL,
    /** A number has more than 9 digits. */
    NUMBER_TOO_LARGE,
    /** The votes on the acta add up beyond what any count can hold. */
    TOTAL_TOO_LARGE
}
