package org.testigo.web.api;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testigo.deployment.Deployment;
import org.testigo.election.Geography;
import org.testigo.incidents.IncidentType;
import org.testigo.store.Principal;
import org.testigo.store.Role;
import org.testigo.views.Json;
import org.testigo.views.ResultsView;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.CachedDocuments;

/**
 * {@code GET /api/v1/me}: who the token speaks for and what they may do. A witness sees their assigned
 * tables with each one's status, so the app can show them and pick the table for a report.
 */
public final class MeApi {
    private final Deployment deployment;
    private final Authenticator auth;

    public MeApi(Deployment deployment, Authenticator auth) {
        this.deployment = deployment;
        this.auth = auth;
    }

    public void routes(HttpRules rules) {
        rules.get("/api/v1/me", this::me)
                .any("/api/v1/me", ApiException.methodNotAllowed("GET"));
    }

    private void me(ServerRequest req, ServerResponse res) {
        Principal who = auth.require(req, EnumSet.allOf(Role.class));
        var running = deployment.running().orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "NO_ELECTION", null,
                "no election is loaded on this server yet"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", who.role().id());
        out.put("submitter", Authenticator.submitterId(who));
        out.put("name", who.name());
        out.put("election", running.election().id());
        boolean free = running.assignments().freeSubmission();
        out.put("free_submission", free);
        out.put("may_submit_any_table", who.role() != Role.WITNESS || free);
        Geography geo = running.election().geography();
        List<Integer> tables = who.role() == Role.WITNESS ? running.assignments().tablesOf(who.tokenId()) : List.of();
        out.put("tables", tables.stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            String id = geo.table(t).id().value();
            m.put("table", id);
            m.put("path", ResultsView.Place.pathTo(running.election(), geo.tableNode(t)));
            m.put("status", running.state().consolidation(t).status().label());
            m.put("incidents", running.state().incidents(t).size());
            m.put("links", Map.of("table", "/api/v1/tables/" + id));
            return m;
        }).toList());
        out.put("turnout_times", deployment.turnoutTimes().stream().map(java.time.LocalTime::toString).toList());
        out.put("incident_types", Arrays.stream(IncidentType.values()).map(IncidentType::id).toList());
        Map<String, String> links = new LinkedHashMap<>();
        links.put("submissions", "/api/v1/submissions");
        links.put("checkins", "/api/v1/checkins");
        links.put("incidents", "/api/v1/incidents");
        if (who.role() != Role.WITNESS) {
            links.put("desk_next", "/api/v1/desk/next");
            links.put("coverage", "/api/v1/coverage");
        }
        out.put("links", links);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(CachedDocuments.NO_STORE);
        res.send(Json.bytes(out));
    }
}
