package org.testigo.analysis.audit;

/**
 * Something a bulletin's own numbers show.
 *
 * @param code {@code ROUND_PERCENTAGE}, {@code ALL_ROUND}, {@code SUM_MISMATCH}, {@code EXCEEDS_ELECTORATE}
 *             or {@code COLLECTED_EXCEEDS_OFFICIAL} (see {@link BulletinChecks})
 * @param item the figure concerned ("" for the bulletin as a whole)
 * @param chance how likely an honest count is to show this, or null for plain impossibilities
 */
public record BulletinFinding(String bulletin, String item, String code, String detail, Double chance, Caveat caveat) {
}
