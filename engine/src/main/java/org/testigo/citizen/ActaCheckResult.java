package org.testigo.citizen;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import org.testigo.views.TableView;

/**
 * The answer to "verify my acta", made to be rendered as a page and as JSON (through
 * {@link org.testigo.views.Json}: snake_case names, nulls kept so the shape never changes).
 *
 * @param outcome what the check found
 * @param message one sentence for the citizen, in English; a page translates from {@code outcome}, the
 *     differences and the problems rather than from this text
 * @param source how the acta came: {@code qr} (pasted text) or {@code image} (a photo)
 * @param election the election checked against
 * @param table the table the acta names; null when it could not be read or is not a tally
 * @param actaId the acta's own identifier as printed; null with {@code table}
 * @param tableStatus the table's public status now ({@code missing}, {@code provisional}, {@code confirmed},
 *     {@code conflicted}); null with {@code table}. A citizen's acta never changes it.
 * @param published the table's published tally; present for {@link Outcome#MATCH} and {@link Outcome#MISMATCH}
 * @param acta what the acta says; present unless the outcome is {@link Outcome#UNREADABLE} or {@link Outcome#INVALID}
 * @param differences field by field, what the acta says against what is published; empty unless
 *     {@link Outcome#MISMATCH}
 * @param problems why the text is not a valid tally ({@link Outcome#INVALID}) or why the photo gave none
 *     ({@link Outcome#UNREADABLE}); empty otherwise
 * @param payloads the QR text(s) checked: as pasted (less surrounding whitespace), or as read from the photo
 * @param evidenceId the evidence the acta was recorded as (mismatch, not yet published); null otherwise
 * @param duplicate true when that evidence had been recorded before (the same acta sent again)
 * @param imageId the sealed image submission holding the photo, when a photo was recorded
 */
public record ActaCheckResult(
        Outcome outcome,
        String message,
        Source source,
        String election,
        String table,
        String actaId,
        String tableStatus,
        TableView.TallyView published,
        TableView.TallyView acta,
        List<Difference> differences,
        List<Issue> problems,
        List<String> payloads,
        Long evidenceId,
        boolean duplicate,
        Long imageId) {

    public ActaCheckResult {
        differences = List.copyOf(differences);
        problems = List.copyOf(problems);
        payloads = List.copyOf(payloads);
        if ((outcome == Outcome.MISMATCH) == differences.isEmpty()) {
            throw new IllegalArgumentException("a mismatch, and only a mismatch, lists differences");
        }
        if ((outcome == Outcome.INVALID || outcome == Outcome.UNREADABLE) == problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid or unreadable acta, and only those, names its problems");
        }
    }

    /** True when the acta was kept as evidence for review. */
    public boolean recorded() {
        return evidenceId != null;
    }

    public enum Outcome {
        /** The acta says exactly what is published for its table. */
        MATCH,
        /** The acta differs from what is published; recorded as evidence for review. */
        MISMATCH,
        /** Nothing is published for the table yet (no evidence, or copies in conflict); recorded as evidence. */
        NOT_YET_PUBLISHED,
        /** A photo without a readable, valid acta QR code: a better photo may do. */
        UNREADABLE,
        /** QR text that is not a valid tally of the election (the format's own problem, or a table not in it). */
        INVALID;

        /** The API's spelling, e.g. {@code not-yet-published}. */
        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum Source {
        QR,
        IMAGE;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One field where the acta and the published tally disagree.
     *
     * @param field what kind of number: {@code candidate}, {@code card}, {@code null}, {@code blank} or
     *     {@code counter} (a further number the format carries)
     * @param id the candidate's or card's id, or the counter's name; {@code null} / {@code blank} for those
     * @param name for people: the candidate's or card's name, "null votes", "blank votes" or the counter's name
     * @param published the published value
     * @param acta the acta's value
     */
    public record Difference(String field, String id, String name, long published, long acta) {
    }

    /**
     * A problem with what was sent.
     *
     * @param code a stable code: the format's problem code (e.g. {@code COUNTS_WRONG_NUMBER}), or one of
     *     {@code NO_PAYLOAD}, {@code TOO_MANY_PAYLOADS}, {@code PAYLOAD_TOO_LARGE}, {@code SIGNATURE_INVALID},
     *     {@code UNKNOWN_TABLE}, {@code NO_QR_CODE}, {@code NOT_A_TALLY} or an image refusal
     *     ({@code TRUNCATED}, {@code CORRUPT}, …)
     * @param field the part of the payload at fault, in the format's words (e.g. {@code counts[3] (…)})
     * @param message what is wrong and what was expected, for a person
     */
    public record Issue(String code, String field, String message) {
    }
}
