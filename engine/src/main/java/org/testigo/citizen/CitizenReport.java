package org.testigo.citizen;

import java.util.List;
import org.testigo.citizen.ActaCheckResult.Difference;
import org.testigo.citizen.ActaCheckResult.Outcome;
import org.testigo.views.TableView;

/**
 * A citizen's acta awaiting review, as the command centre lists it: the evidence, and how it compares
 * with what is published now.
 *
 * @param evidenceId the evidence (channel {@code citizen})
 * @param sha256 of its content, the QR text
 * @param receivedAt ISO-8601
 * @param tableStatus the table's public status now
 * @param outcomeNow the comparison with what is published now: {@code mismatch}, {@code match} (the
 *     published result changed since) or {@code not-yet-published}
 * @param acta what the acta says
 * @param published what is published now, or null
 * @param differences field by field, when {@code outcomeNow} is mismatch
 * @param images the sealed photos attached (image submission ids; their derivatives are at
 *     {@code /api/v1/images/{id}/web} for the command centre)
 */
public record CitizenReport(long evidenceId, String sha256, String table, String actaId, String receivedAt, String tableStatus,
        Outcome outcomeNow, TableView.TallyView acta, TableView.TallyView published, List<Difference> differences, List<Long> images) {

    public CitizenReport {
        differences = List.copyOf(differences);
        images = List.copyOf(images);
    }
}
