package org.testigo.web.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testigo.store.ImageSubmission;

/** Image submissions as JSON: what the submitter and the command centre see (never the original bytes). */
final class ImageViews {
    private ImageViews() {
    }

    static String self(long id) {
        return "/api/v1/images/" + id;
    }

    /** The status document of {@code GET /api/v1/images/{id}}. */
    record ImageView(long id, String status, String sha256, String mediaType, long size, String receivedAt, String updatedAt,
                     String format, String reasonCode, String reason, List<String> payloads, String strategy, Long decodeMs,
                     Long evidence, Long logIndex, String table, Long textEvidence, Map<String, String> links) {
        static ImageView of(ImageSubmission s) {
            return of(s, null);
        }

        /** @param logIndex the transparency-log leaf of the evidence the image became, once decoded */
        static ImageView of(ImageSubmission s, Long logIndex) {
            Map<String, String> links = ImageViews.links(s);
            if (logIndex != null) {
                links.put("inclusion_proof", LogApi.inclusionLink(logIndex));
            }
            return new ImageView(s.id(), s.status().label(), s.imageSha256(), s.mediaType(), s.size(), s.receivedAt().toString(),
                    s.updatedAt().toString(), s.format(), s.reasonCode(), s.reason(), s.payloads(), s.strategy(), s.decodeMillis(),
                    s.evidenceId(), logIndex, s.table(), s.textEvidenceId(), links);
        }
    }

    /** One entry of {@code GET /api/v1/transcriptions}. */
    record TranscriptionView(long id, String receivedAt, String reasonCode, String problem, List<String> payloads,
                             Map<String, String> links) {
        static TranscriptionView of(ImageSubmission s) {
            return new TranscriptionView(s.id(), s.receivedAt().toString(), s.reasonCode(), s.reason(), s.payloads(), ImageViews.links(s));
        }
    }

    static Map<String, String> links(ImageSubmission s) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self(s.id()));
        if (s.evidenceId() != null) {
            links.put("evidence", "/api/v1/evidence/" + s.evidenceId());
        }
        if (s.table() != null) {
            links.put("table", "/api/v1/tables/" + s.table());
        }
        if (s.webSha256() != null) {
            links.put("web", self(s.id()) + "/web");
            links.put("thumbnail", self(s.id()) + "/thumbnail");
        }
        return links;
    }
}
