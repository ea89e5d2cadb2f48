package org.testigo.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.testigo.deployment.Deployment;
import org.testigo.election.Geography;
import org.testigo.election.TableId;
import org.testigo.incidents.IncidentIntake;
import org.testigo.incidents.IncidentType;
import org.testigo.ledger.MerkleHashing;
import org.testigo.state.TableIncident;
import org.testigo.store.Principal;
import org.testigo.store.Role;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.JsonBodies;

/**
 * Incidents: {@code POST /api/v1/incidents} (a witness reports trouble at their table: evidence, logged,
 * never an acta) and {@code GET /api/v1/incidents} (the command centre reads them, free text included).
 */
public final class IncidentsApi {
    private static final Set<String> FIELDS = Set.of("table", "type", "at", "text");

    private final Deployment deployment;
    private final Authenticator auth;

    public IncidentsApi(Deployment deployment, Authenticator auth) {
        this.deployment = deployment;
        this.auth = auth;
    }

    public void routes(HttpRules rules) {
        rules.post("/api/v1/incidents", this::report)
                .get("/api/v1/incidents", this::list)
                .any("/api/v1/incidents", ApiException.methodNotAllowed("GET, POST"));
    }

    private Deployment.Running running() {
        return deployment.running().orElseThrow(() -> new ApiException(Status.CONFLICT_409, "NO_ELECTION", null,
                "no election is loaded on this server yet"));
    }

    private void report(ServerRequest req, ServerResponse res) throws InterruptedException {
        Principal who = auth.require(req, EnumSet.allOf(Role.class));
        JsonNode body = JsonBodies.object(req);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("UNKNOWN_FIELD", name, "an incident has no field \"" + name + "\"; its fields are "
                        + FIELDS.stream().sorted().toList());
            }
        }
        String tableText = JsonBodies.text(body, "table", 64);
        if (!TableId.isValid(tableText)) {
            throw ApiException.badRequest("MALFORMED_TABLE_ID", "table", "a table id is 1-64 letters, digits and . _ : - (e.g. 010113042.01)");
        }
        String typeText = JsonBodies.text(body, "type", 40);
        IncidentType type = IncidentType.byId(typeText).orElseThrow(() -> ApiException.badRequest("FIELD_INVALID", "type",
                "type is one of " + Arrays.stream(IncidentType.values()).map(IncidentType::id).toList() + ", not \"" + Queries.clip(typeText) + "\""));
        Instant at = deployment.clock().instant();
        if (body.has("at") && !body.get("at").isNull()) {
            String atText = JsonBodies.text(body, "at", 40);
            try {
                at = Instant.parse(atText);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("FIELD_INVALID", "at", "\"at\" is an ISO-8601 UTC instant, e.g. 2026-07-28T18:05:00Z (got \""
                        + Queries.clip(atText) + "\")");
            }
        }
        String text = body.has("text") && !body.get("text").isNull() ? JsonBodies.text(body, "text", IncidentIntake.MAX_TEXT) : null;
        if (text != null && text.chars().anyMatch(c -> c == 0)) {
            throw ApiException.badRequest("FIELD_INVALID", "text", "\"text\" must not contain U+0000");
        }
        var r = running();
        TableId table = new TableId(tableText);
        AssignmentRule.require(r, who, table);
        IncidentIntake.Outcome outcome;
        try {
            outcome = r.incidents().record(new IncidentIntake.Report(table, type, at, text), Authenticator.submitterId(who)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the evidence store failed to append an incident", e.getCause());
        }
        switch (outcome) {
            case IncidentIntake.Outcome.Refused f -> throw new ApiException(Status.UNPROCESSABLE_CONTENT_422, f.code(), f.field(), f.message());
            case IncidentIntake.Outcome.Accepted a -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("evidence", a.evidence().id());
                out.put("sha256", a.evidence().sha256Hex());
                out.put("table", table.value());
                out.put("type", type.id());
                out.put("at", Instant.ofEpochMilli(a.evidence().tally().counters().get(IncidentIntake.AT_MILLIS)).toString());
                out.put("note_sha256", a.noteSha256());
                out.put("received_at", a.evidence().receivedAt().toString());
                out.put("duplicate", a.duplicate());
                out.put("log_index", a.logIndex());
                out.put("log_entry", new String(a.logEntry(), StandardCharsets.UTF_8));
                out.put("log_leaf_hash", LogApi.base64(MerkleHashing.leafHash(a.logEntry())));
                out.put("links", Map.of("evidence", "/api/v1/evidence/" + a.evidence().id(), "inclusion_proof",
                        LogApi.inclusionLink(a.logIndex()), "table", "/api/v1/tables/" + table.value()));
                AssignmentsApi.send(res, a.duplicate() ? Status.OK_200 : Status.CREATED_201, out);
            }
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        auth.require(req, ImagesApi.COMMAND_CENTRE);
        var r = running();
        Geography geo = r.election().geography();
        String tableText = Queries.text(req, "table");
        long after = Queries.number(req, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.number(req, "limit", 100, 1, 1000);
        List<Object[]> found = new ArrayList<>();
        if (tableText != null) {
            int t = (TableId.isValid(tableText) ? geo.tableIndex(new TableId(tableText)) : java.util.Optional.<Integer>empty())
                    .orElseThrow(() -> ApiException.notFound("UNKNOWN_TABLE", "table", "no table " + Queries.clip(tableText) + " in election "
                            + r.election().id()));
            r.state().incidents(t).forEach(i -> found.add(new Object[] {t, i}));
        } else {
            for (int t = 0; t < geo.tableCount(); t++) {
                if (r.state().hasIncidents(t)) {
                    int table = t;
                    r.state().incidents(t).forEach(i -> found.add(new Object[] {table, i}));
                }
            }
        }
        List<Map<String, Object>> items = found.stream()
                .filter(o -> ((TableIncident) o[1]).evidenceId() > after)
                .sorted(Comparator.comparingLong(o -> ((TableIncident) o[1]).evidenceId()))
                .limit(limit)
                .map(o -> {
                    int t = (Integer) o[0];
                    TableIncident i = (TableIncident) o[1];
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("evidence", i.evidenceId());
                    m.put("table", geo.table(t).id().value());
                    m.put("node", geo.table(t).node());
                    m.put("type", i.type());
                    m.put("at", i.at().toString());
                    m.put("received_at", i.receivedAt().toString());
                    m.put("submitter", i.submitter());
                    m.put("text", r.incidents().text(i.evidenceId()).orElse(null));
                    return m;
                }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("next", items.size() < limit ? null : "/api/v1/incidents?" + (tableText == null ? "" : "table=" + tableText + "&")
                + "after=" + items.get(items.size() - 1).get("evidence") + "&limit=" + limit);
        AssignmentsApi.send(res, Status.OK_200, out);
    }
}
