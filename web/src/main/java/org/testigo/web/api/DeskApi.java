package org.testigo.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testigo.deployment.Deployment;
import org.testigo.desk.Desk;
import org.testigo.desk.Reading;
import org.testigo.election.Ballot;
import org.testigo.election.Election;
import org.testigo.store.DeskStore;
import org.testigo.store.Principal;
import org.testigo.store.Role;
import org.testigo.views.ResultsView;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.JsonBodies;

/**
 * The transcription desk ({@link Desk}): volunteers take the next task and enter what they read; coordinators
 * watch the tasks and the volunteers, and re-queue a volunteer's unconfirmed work.
 */
public final class DeskApi {
    /** Who transcribes: the command centre. */
    static final Set<Role> DESK = EnumSet.of(Role.VOLUNTEER, Role.COORDINATOR, Role.ADMIN);

    private final Deployment deployment;
    private final Authenticator auth;

    public DeskApi(Deployment deployment, Authenticator auth) {
        this.deployment = deployment;
        this.auth = auth;
    }

    public void routes(HttpRules rules) {
        rules.get("/api/v1/desk/next", this::next)
                .any("/api/v1/desk/next", ApiException.methodNotAllowed("GET"))
                .post("/api/v1/desk/tasks/{id}/entries", this::enter)
                .any("/api/v1/desk/tasks/{id}/entries", ApiException.methodNotAllowed("POST"))
                .post("/api/v1/desk/tasks/{id}/release", this::release)
                .any("/api/v1/desk/tasks/{id}/release", ApiException.methodNotAllowed("POST"))
                .get("/api/v1/desk/tasks/{id}", this::task)
                .any("/api/v1/desk/tasks/{id}", ApiException.methodNotAllowed("GET"))
                .get("/api/v1/desk/tasks", this::tasks)
                .any("/api/v1/desk/tasks", ApiException.methodNotAllowed("GET"))
                .get("/api/v1/desk/volunteers", this::volunteers)
                .any("/api/v1/desk/volunteers", ApiException.methodNotAllowed("GET"))
                .post("/api/v1/desk/volunteers/{volunteer}/requeue", this::requeue)
                .any("/api/v1/desk/volunteers/{volunteer}/requeue", ApiException.methodNotAllowed("POST"));
    }

    private Deployment.Running running() {
        return deployment.running().orElseThrow(() -> new ApiException(Status.CONFLICT_409, "NO_ELECTION", null,
                "no election is loaded on this server yet"));
    }

    private void next(ServerRequest req, ServerResponse res) {
        Principal who = auth.require(req, DESK);
        var r = running();
        var leased = r.desk().next(Authenticator.submitterId(who));
        if (leased.isEmpty()) {
            res.header(HeaderNames.RETRY_AFTER, "5");
            res.header(org.testigo.web.http.CachedDocuments.NO_STORE);
            res.status(Status.NO_CONTENT_204);
            res.send();
            return;
        }
        AssignmentsApi.send(res, Status.OK_200, taskView(r.election(), leased.get()));
    }

    /** What the form needs: the photos, the table (fixed for a conflict), and each box in ballot order. */
    private static Map<String, Object> taskView(Election election, Desk.Leased l) {
        DeskStore.Task t = l.task();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", t.id());
        out.put("kind", t.kind());
        out.put("resumed", l.resumed());
        out.put("leased_at", l.leasedAt().toString());
        out.put("lease_expires_at", l.expiresAt().toString());
        out.put("images", l.images().stream().map(id -> Map.of("id", id, "web", "/api/v1/images/" + id + "/web",
                "thumbnail", "/api/v1/images/" + id + "/thumbnail")).toList());
        l.image().ifPresent(s -> {
            out.put("reason_code", s.reasonCode());
            out.put("problem", s.reason());
        });
        Map<String, Object> table = new LinkedHashMap<>();
        if (t.table() != null) {
            int index = election.geography().tableIndex(new org.testigo.election.TableId(t.table())).orElseThrow();
            table.put("value", t.table());
            table.put("fixed", true);
            table.put("path", ResultsView.Place.pathTo(election, election.geography().tableNode(index)));
        } else {
            table.put("value", null);
            table.put("fixed", false);
        }
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("table", table);
        Ballot ballot = election.ballot();
        boolean byCards = !ballot.cards().isEmpty();
        form.put("counts_field", byCards ? "cards" : "candidates");
        List<Map<String, Object>> boxes = new ArrayList<>();
        if (byCards) {
            ballot.cards().forEach(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.id());
                m.put("name", c.name());
                m.put("candidate", c.candidate());
                boxes.add(m);
            });
        } else {
            ballot.candidates().forEach(c -> boxes.add(Map.of("id", c.id(), "name", c.name())));
        }
        form.put("boxes", boxes);
        form.put("candidates", ballot.candidates().stream().map(c -> Map.of("id", c.id(), "name", c.name())).toList());
        form.put("null", true);
        form.put("blank", ballot.blank());
        form.put("unreadable_allowed", true);
        out.put("form", form);
        out.put("links", Map.of("entries", "/api/v1/desk/tasks/" + t.id() + "/entries", "release",
                "/api/v1/desk/tasks/" + t.id() + "/release", "next", "/api/v1/desk/next"));
        return out;
    }

    private static long id(ServerRequest req) {
        String text = req.path().pathParameters().get("id");
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("MALFORMED_TASK_ID", "id", "a task id is a positive integer, got \"" + Queries.clip(text) + "\"");
    }

    private void enter(ServerRequest req, ServerResponse res) {
        Principal who = auth.require(req, DESK);
        long id = id(req);
        JsonNode body = JsonBodies.object(req);
        var r = running();
        Desk.Entered e;
        try {
            e = r.desk().enter(id, Authenticator.submitterId(who), body);
        } catch (Reading.Invalid x) {
            throw new ApiException(x.status() == 400 ? Status.BAD_REQUEST_400 : Status.UNPROCESSABLE_CONTENT_422, x.code(), x.field(),
                    x.getMessage());
        }
        if (e.refusal() != null) {
            throw switch (e.refusal()) {
                case UNKNOWN_TASK -> ApiException.notFound("UNKNOWN_TASK", "id", "no desk task number " + id);
                case TASK_CLOSED -> new ApiException(Status.CONFLICT_409, "TASK_CLOSED", "id", "task " + id + " is "
                        + e.task().status() + " already; take the next one");
                case NOT_LEASED -> new ApiException(Status.CONFLICT_409, "NOT_LEASED", "id", "task " + id
                        + " was not given to you: take tasks from GET /api/v1/desk/next");
                case ALREADY_ENTERED -> new ApiException(Status.CONFLICT_409, "ALREADY_ENTERED", "id", "you entered task " + id + " already");
            };
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", id);
        out.put("status", e.task().status());
        out.put("outcome", e.outcome());
        out.put("evidence", e.task().evidenceId());
        out.put("links", Map.of("next", "/api/v1/desk/next"));
        AssignmentsApi.send(res, Status.CREATED_201, out);
    }

    private void release(ServerRequest req, ServerResponse res) {
        Principal who = auth.require(req, DESK);
        long id = id(req);
        var desk = running().desk();
        if (desk.store().task(id).isEmpty()) {
            throw ApiException.notFound("UNKNOWN_TASK", "id", "no desk task number " + id);
        }
        boolean released = desk.store().release(id, Authenticator.submitterId(who), deployment.clock().instant());
        AssignmentsApi.send(res, Status.OK_200, Map.of("task", id, "released", released, "links", Map.of("next", "/api/v1/desk/next")));
    }

    private void task(ServerRequest req, ServerResponse res) {
        auth.require(req, AssignmentsApi.COORDINATION);
        long id = id(req);
        var desk = running().desk();
        DeskStore.Task t = desk.store().task(id).orElseThrow(() -> ApiException.notFound("UNKNOWN_TASK", "id", "no desk task number " + id));
        Map<String, Object> out = taskSummary(t);
        out.put("entries", desk.store().entries(id).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("volunteer", e.volunteer());
            m.put("entered_at", e.enteredAt().toString());
            m.put("voided", e.voided());
            m.put("reading", readingJson(e.reading()));
            return m;
        }).toList());
        AssignmentsApi.send(res, Status.OK_200, out);
    }

    private static Object readingJson(String canonical) {
        try {
            return org.testigo.views.Json.mapper().readTree(canonical);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> taskSummary(DeskStore.Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", t.id());
        m.put("kind", t.kind());
        m.put("image", t.imageId());
        m.put("table", t.table());
        m.put("status", t.status());
        m.put("needed", t.needed());
        m.put("created_at", t.createdAt().toString());
        m.put("closed_at", t.closedAt() == null ? null : t.closedAt().toString());
        m.put("evidence", t.evidenceId());
        m.put("reading", t.reading() == null ? null : readingJson(t.reading()));
        m.put("links", Map.of("self", "/api/v1/desk/tasks/" + t.id()));
        return m;
    }

    private void tasks(ServerRequest req, ServerResponse res) {
        auth.require(req, AssignmentsApi.COORDINATION);
        String status = Queries.text(req, "status");
        if (status != null && !List.of("open", "agreed", "unreadable", "stuck", "superseded").contains(status)) {
            throw ApiException.badRequest("QUERY_INVALID", "status", "status is one of open, agreed, unreadable, stuck, superseded");
        }
        long after = Queries.number(req, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) Queries.number(req, "limit", 100, 1, 1000);
        var desk = running().desk();
        desk.sync(deployment.clock().instant());
        List<DeskStore.Task> page = desk.store().tasks(status, after, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("counts", desk.counts());
        out.put("items", page.stream().map(DeskApi::taskSummary).toList());
        out.put("next", page.size() < limit ? null : "/api/v1/desk/tasks?" + (status == null ? "" : "status=" + status + "&") + "after="
                + page.get(page.size() - 1).id() + "&limit=" + limit);
        AssignmentsApi.send(res, Status.OK_200, out);
    }

    private void volunteers(ServerRequest req, ServerResponse res) {
        auth.require(req, AssignmentsApi.COORDINATION);
        List<Map<String, Object>> items = running().desk().volunteers().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            var r = v.record();
            m.put("volunteer", r.volunteer());
            m.put("entries", r.entries());
            m.put("pending", r.pending());
            m.put("leased", r.leased());
            m.put("decided", r.decided());
            m.put("disagreed", r.disagreed());
            m.put("disagreement_rate", Math.round(v.disagreementRate() * 10_000) / 10_000.0);
            m.put("flagged", v.flagged());
            m.put("last_entry_at", r.lastEntry() == null ? null : r.lastEntry().toString());
            m.put("links", Map.of("requeue", "/api/v1/desk/volunteers/" + r.volunteer() + "/requeue"));
            return m;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", Map.of("min_decided", Desk.FLAG_MIN_DECIDED, "max_disagreement_rate", Desk.FLAG_RATE_PERCENT / 100.0,
                "statement", "a volunteer is flagged once at least " + Desk.FLAG_MIN_DECIDED + " of their entries are on decided tasks and more than "
                        + Desk.FLAG_RATE_PERCENT + "% of those differ from the reading agreed"));
        out.put("items", items);
        AssignmentsApi.send(res, Status.OK_200, out);
    }

    private void requeue(ServerRequest req, ServerResponse res) {
        auth.require(req, AssignmentsApi.COORDINATION);
        String volunteer = req.path().pathParameters().get("volunteer");
        if (!volunteer.matches("(volunteer|coordinator|admin)-[1-9][0-9]{0,17}")) {
            throw ApiException.badRequest("MALFORMED_VOLUNTEER", "volunteer", "a volunteer is named by their pseudonymous id, e.g."
                    + " volunteer-12 (got \"" + Queries.clip(volunteer) + "\")");
        }
        DeskStore.Requeued r = running().desk().requeue(volunteer);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("volunteer", volunteer);
        out.put("leases_ended", r.leasesEnded());
        out.put("entries_voided", r.entriesVoided());
        AssignmentsApi.send(res, Status.OK_200, out);
    }
}
