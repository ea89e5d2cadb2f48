package org.testigo.web.api;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testigo.citizen.ActaCheck;
import org.testigo.citizen.CitizenReport;
import org.testigo.store.Channel;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.CachedDocuments;

/**
 * {@code GET /api/v1/reviews?channel=citizen}: the evidence that waits for a person's review — for now
 * the citizens' actas ("verify my acta"), which consolidation does not count until reviewed. Each is
 * compared with what is published now. Command centre only (volunteer, coordinator, admin), like the
 * transcription list; the photos' derivatives are at {@code /api/v1/images/{id}/web}.
 */
public final class ReviewsApi {
    private final ActaCheck check;
    private final Authenticator auth;

    public ReviewsApi(ActaCheck check, Authenticator auth) {
        this.check = check;
        this.auth = auth;
    }

    public void routes(HttpRules rules) {
        rules.get("/api/v1/reviews", this::reviews)
                .any("/api/v1/reviews", ApiException.methodNotAllowed("GET"));
    }

    private void reviews(ServerRequest req, ServerResponse res) {
        auth.require(req, ImagesApi.COMMAND_CENTRE);
        var query = req.prologue().query();
        String channel = query.contains("channel") ? query.get("channel") : Channel.CITIZEN.name();
        if (!channel.equals(Channel.CITIZEN.name())) {
            throw ApiException.badRequest("CHANNEL_NOT_REVIEWED", "channel", "only channel citizen awaits review, got \""
                    + (channel.length() > 40 ? channel.substring(0, 40) + "…" : channel) + "\"");
        }
        long after = Queries.number(req, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.number(req, "limit", ImagesApi.DEFAULT_PAGE, 1, ImagesApi.MAX_PAGE);
        List<CitizenReport> page = check.reports(after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("items", page);
        body.put("next", page.size() < limit ? null
                : "/api/v1/reviews?channel=" + channel + "&after=" + page.get(page.size() - 1).evidenceId() + "&limit=" + limit);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(CachedDocuments.NO_STORE);
        res.send(Json.bytes(body));
    }
}
