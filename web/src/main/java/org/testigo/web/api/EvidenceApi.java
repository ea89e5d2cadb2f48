package org.testigo.web.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.testigo.deployment.Deployment;
import org.testigo.store.StoredEvidence;
import org.testigo.views.EvidenceView;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;

/**
 * {@code GET /api/v1/evidence/{id}}: one piece of evidence as it was received — its content (the QR
 * text), hash, channel, pseudonymous submitter, time and verification. Evidence never changes, so the
 * document is cacheable for a long time. {@code /api/v1/evidence/{id}.json} is the same document under a
 * file-like name (the one a static mirror has, see {@link org.testigo.site.Site#documents()}).
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

    private void evidence(ServerRequest req, ServerResponse res) {
        String param = req.path().pathParameters().get("id");
        // {id}.json is the file-like alias a static mirror also serves: the same document.
        String text = param.endsWith(".json") ? param.substring(0, param.length() - ".json".length()) : param;
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
            // QR text and check-ins (JSON) are published as they came; binary content (images) never is.
            return Json.bytes(EvidenceView.of(e, blob));
        });
    }
}
