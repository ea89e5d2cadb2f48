package org.testigo.web.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.testigo.deployment.Deployment;
import org.testigo.store.StoredEvidence;
import org.testigo.tally.Check;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;

/**
 * {@code GET /api/v1/evidence/{id}}: one piece of evidence as it was received — its content (the QR
 * text), hash, channel, pseudonymous submitter, time and verification. Evidence never changes, so the
 * document is cacheable for a long time.
 */
public final class EvidenceApi {
    private final Deployment deployment;
    private final CachedDocuments cache;

    public EvidenceApi(Deployment deployment) {
        this.deployment = deployment;
        this.cache = new CachedDocuments(() -> 0L, 86_400);
    }

    public void routes(HttpRules rules) {
        rules.get("/api/v1/evidence/{id}", this::evidence);
    }

    record CheckView(String name, boolean passed, String detail) {
    }

    record EvidenceView(long id, String sha256, String channel, String submitter, String format, String table,
                        String actaId, String receivedAt, String mediaType, String content, String signature,
                        String signatureReason, List<CheckView> checks) {
    }

    private void evidence(ServerRequest req, ServerResponse res) {
        String text = req.path().pathParameters().get("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("MALFORMED_EVIDENCE_ID", "id", "an evidence id is a positive integer, got \""
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"");
        }
        cache.serve(req, res, "evidence/" + id, () -> {
            // Looked up only when not cached: evidence never changes once written.
            StoredEvidence e = deployment.evidence().byId(id)
                    .orElseThrow(() -> ApiException.notFound("UNKNOWN_EVIDENCE", "id", "no evidence number " + id));
            var blob = deployment.evidence().blob(e.sha256Hex()).orElseThrow();
            return Json.bytes(new EvidenceView(e.id(), e.sha256Hex(), e.channel().name(), e.submitter(), e.format(),
                    e.tally().table().value(), e.tally().actaId(), e.receivedAt().toString(), blob.mediaType(),
                    // QR text and check-ins (JSON) are published as they came; binary content (images) never is.
                    blob.mediaType().startsWith("text/") || blob.mediaType().equals("application/json") ? new String(blob.bytes(), StandardCharsets.UTF_8) : null,
                    e.verification().signature().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    e.verification().reason(),
                    e.verification().checks().stream().map((Check c) -> new CheckView(c.name(), c.passed(), c.detail())).toList()));
        });
    }
}
