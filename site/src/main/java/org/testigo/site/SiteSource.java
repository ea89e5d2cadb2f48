package org.testigo.site;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.testigo.election.Geometry;
import org.testigo.election.TableId;
import org.testigo.state.ElectionState;
import org.testigo.views.EvidenceView;
import org.testigo.views.QuickCountView;

/**
 * Everything the site is rendered from. The site is a pure function of it: the same source gives the
 * same bytes. {@link DeploymentSource} reads a running deployment.
 */
public interface SiteSource {
    /** The consolidated state: the election, every table's consolidation, the totals. */
    ElectionState state();

    /** The shapes of the places, for the map, when the election has them. */
    Optional<Geometry> geometry();

    /** Every piece of evidence for a table, oldest first, as the public may see it. */
    List<Evidence> evidence(TableId table);

    /** A published image derivative (web copy or thumbnail) by its SHA-256, never an original. */
    Optional<byte[]> image(String sha256Hex);

    /** The open-data bundle, when one was published. */
    Optional<Downloads> downloads();

    /** Changes when another bundle is published where {@link #downloads()} reads it; "" when it never changes. */
    default String downloadsStamp() {
        return "";
    }

    /**
     * One piece of evidence as {@code GET /api/v1/evidence/{id}} publishes it, for its file-like alias
     * {@code api/v1/evidence/<id>.json}; empty when there is no such evidence (or the source has none).
     */
    default Optional<EvidenceView> evidenceDocument(long id) {
        return Optional.empty();
    }

    /** The quick count, once a sample is committed: its estimate, commitment and phoned-vs-acta comparisons. */
    default Optional<QuickCountView> quickCount() {
        return Optional.empty();
    }

    /** Changes whenever {@link #quickCount()} may have changed apart from the state (a check-in, the reveal); cheap. */
    default long quickCountVersion() {
        return 0;
    }

    /**
     * A piece of evidence as the site shows it.
     *
     * @param submitter the pseudonym (role and token number), never a name or phone
     * @param webImage the SHA-256 of the acta photo's web-size derivative, when the evidence is an image that has one
     * @param thumbnail the SHA-256 of its thumbnail
     */
    record Evidence(long id, String sha256, String channel, String submitter, Instant receivedAt, String signature,
                    String webImage, String thumbnail) {
    }
}
