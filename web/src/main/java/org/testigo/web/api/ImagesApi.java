package org.testigo.web.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testigo.deployment.Deployment;
import org.testigo.store.ImageStore;
import org.testigo.store.ImageSubmission;
import org.testigo.store.LogStore;
import org.testigo.store.Principal;
import org.testigo.store.Role;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.CachedDocuments;

/**
 * Image submissions after the upload: {@code GET /api/v1/images/{id}} (its status), its derivatives
 * {@code …/web} and {@code …/thumbnail}, and {@code GET /api/v1/transcriptions}, the images a person
 * must read. None of it is public yet: a witness sees the status of their own images; the command
 * centre (volunteer, coordinator, admin) sees every status, the list and the derivatives. Originals
 * are never served.
 */
public final class ImagesApi {
    /** Who works in the command centre. */
    static final Set<Role> COMMAND_CENTRE = EnumSet.of(Role.VOLUNTEER, Role.COORDINATOR, Role.ADMIN);
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1_000;

    private final Deployment deployment;
    private final Authenticator auth;
    private final LogStore logs;

    public ImagesApi(Deployment deployment, Authenticator auth) {
        this.deployment = deployment;
        this.auth = auth;
        this.logs = new LogStore(deployment.database());
    }

    public void routes(HttpRules rules) {
        rules.get("/api/v1/images/{id}", this::status)
                .get("/api/v1/images/{id}/web", (req, res) -> derivative(req, res, true))
                .get("/api/v1/images/{id}/thumbnail", (req, res) -> derivative(req, res, false))
                .get("/api/v1/transcriptions", this::transcriptions)
                .any("/api/v1/transcriptions", ApiException.methodNotAllowed("GET"));
    }

    private void status(ServerRequest req, ServerResponse res) {
        Principal who = auth.require(req, EnumSet.allOf(Role.class));
        ImageSubmission s = find(req);
        if (!COMMAND_CENTRE.contains(who.role()) && !s.submitter().equals(Authenticator.submitterId(who))) {
            // Another witness's image: as if it did not exist.
            throw unknown(s.id());
        }
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(CachedDocuments.NO_STORE);
        Long logIndex = s.evidenceId() == null ? null : logs.positionOf(s.evidenceId()).orElse(null);
        res.send(Json.bytes(ImageViews.ImageView.of(s, logIndex)));
    }

    private void derivative(ServerRequest req, ServerResponse res, boolean web) {
        auth.require(req, COMMAND_CENTRE);
        ImageSubmission s = find(req);
        String sha = web ? s.webSha256() : s.thumbnailSha256();
        byte[] bytes = deployment.images().derivative(s, sha).orElseThrow(() -> ApiException.notFound("NO_DERIVATIVE", "id",
                "image " + s.id() + " has no " + (web ? "web copy" : "thumbnail") + " (status " + s.status().label()
                        + (s.reasonCode() == null ? "" : ", " + s.reasonCode()) + ")"));
        res.header(HeaderNames.CONTENT_TYPE, ImageStore.DERIVATIVE_MEDIA_TYPE);
        // Named by their content and never changed, but not public: private caches only.
        res.header(HeaderNames.CACHE_CONTROL, "private, max-age=86400, immutable");
        res.header(HeaderNames.ETAG, "\"" + sha + "\"");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.send(bytes);
    }

    private void transcriptions(ServerRequest req, ServerResponse res) {
        auth.require(req, COMMAND_CENTRE);
        long after = Queries.number(req, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.number(req, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        List<ImageSubmission> page = deployment.images().needingTranscription(after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.stream().map(ImageViews.TranscriptionView::of).toList());
        body.put("next", page.size() < limit ? null
                : "/api/v1/transcriptions?after=" + page.get(page.size() - 1).id() + "&limit=" + limit);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(CachedDocuments.NO_STORE);
        res.send(Json.bytes(body));
    }

    private ImageSubmission find(ServerRequest req) {
        String text = req.path().pathParameters().get("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id <= 0) {
            throw ApiException.badRequest("MALFORMED_IMAGE_ID", "id", "an image id is a positive integer, got \""
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"");
        }
        long wanted = id;
        return deployment.images().byId(id).orElseThrow(() -> unknown(wanted));
    }

    private static ApiException unknown(long id) {
        return ApiException.notFound("UNKNOWN_IMAGE", "id", "no image submission number " + id + " that this token may see");
    }
}
