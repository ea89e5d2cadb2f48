package org.testigo.views;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.testigo.analysis.quickcount.QuickCountReport;
import org.testigo.analysis.sample.Sample;
import org.testigo.election.Election;
import org.testigo.store.SampleStore.StoredSample;

/**
 * The quick count as published ({@code GET /api/v1/quickcount}, {@code testigo quickcount --json}, and
 * the site's page): the sample's commitment (its seed and list once revealed), the estimate, and each
 * sampled table's phoned-in result beside its accepted acta.
 *
 * @param awaitingActa tables whose result was phoned in but which have no accepted acta yet
 */
public record QuickCountView(
        String election,
        SampleFacts sample,
        QuickCountReport estimate,
        long agreements,
        long disagreements,
        long awaitingActa,
        List<Comparison> comparisons) {

    /**
     * @param seed and {@code document} (the committed sample document, whose SHA-256 is the commitment)
     *     are null until the sample is revealed
     */
    public record SampleFacts(String commitment, String strata, int size, List<String> turnoutTimes, String drawnAt, String revealedAt,
            String seed, String document) {
    }

    /** One sampled table: what the witness phoned in and what the accepted acta says. */
    public record Comparison(String table, boolean agrees, long checkinEvidence, Map<String, Long> phoned, long phonedNull,
            Map<String, Long> acta, long actaNull) {
    }

    public static QuickCountView of(Election election, Sample sample, StoredSample stored, List<LocalTime> times, QuickCountReport estimate,
            List<Comparison> comparisons, int awaitingActa) {
        boolean revealed = stored.revealedAt() != null;
        SampleFacts facts = new SampleFacts(stored.commitment(), sample.strata(), sample.size(), times.stream().map(LocalTime::toString).toList(),
                stored.drawnAt().toString(), revealed ? stored.revealedAt().toString() : null, revealed ? sample.seed() : null,
                revealed ? new String(sample.document(), java.nio.charset.StandardCharsets.UTF_8) : null);
        long agree = comparisons.stream().filter(Comparison::agrees).count();
        return new QuickCountView(election.id(), facts, estimate, agree, comparisons.size() - agree, awaitingActa, comparisons);
    }
}
