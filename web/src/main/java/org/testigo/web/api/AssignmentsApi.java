package org.testigo.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testigo.assignments.Assignments;
import org.testigo.deployment.Deployment;
import org.testigo.election.TableId;
import org.testigo.store.AssignmentStore;
import org.testigo.store.Principal;
import org.testigo.store.Role;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.JsonBodies;

/**
 * Assignments (which witness watches which table) and the free-submission setting, for coordinators and
 * admins: {@code GET/POST/DELETE /api/v1/assignments}, {@code GET/PUT /api/v1/settings}.
 */
public final class AssignmentsApi {
    static final Set<Role> COORDINATION = EnumSet.of(Role.COORDINATOR, Role.ADMIN);
    /** A CSV of a country's tables and witnesses: some hundred thousand lines at most. */
    static final long MAX_CSV_BYTES = 16 << 20;

    private final Deployment deployment;
    private final Authenticator auth;

    public AssignmentsApi(Deployment deployment, Authenticator auth) {
        this.deployment = deployment;
        this.auth = auth;
    }

    public void routes(HttpRules rules) {
        rules.get("/api/v1/assignments", this::list)
                .post("/api/v1/assignments", this::create)
                .delete("/api/v1/assignments", this::remove)
                .any("/api/v1/assignments", ApiException.methodNotAllowed("GET, POST, DELETE"))
                .get("/api/v1/settings", this::settings)
                .put("/api/v1/settings", this::changeSettings)
                .any("/api/v1/settings", ApiException.methodNotAllowed("GET, PUT"));
    }

    private Deployment.Running running() {
        return deployment.running().orElseThrow(() -> new ApiException(Status.CONFLICT_409, "NO_ELECTION", null,
                "no election is loaded on this server yet"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        auth.require(req, COORDINATION);
        String table = Queries.text(req, "table");
        String witnessText = Queries.text(req, "witness");
        Long witness = witnessText == null ? null : witness(witnessText, "witness");
        List<Map<String, Object>> items = running().assignments().all().stream()
                .filter(a -> table == null || a.table().equals(table))
                .filter(a -> witness == null || a.witness() == witness)
                .map(AssignmentsApi::view).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", items.size());
        out.put("items", items);
        send(res, Status.OK_200, out);
    }

    private static Map<String, Object> view(AssignmentStore.Assignment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", a.table());
        m.put("witness", "witness-" + a.witness());
        m.put("assigned_at", a.assignedAt() == null ? null : a.assignedAt().toString());
        return m;
    }

    private void create(ServerRequest req, ServerResponse res) throws IOException {
        auth.require(req, COORDINATION);
        var type = req.headers().contentType();
        if (type.isPresent() && type.get().mediaType().type().equalsIgnoreCase("text")
                && type.get().mediaType().subtype().equalsIgnoreCase("csv")) {
            importCsv(req, res);
            return;
        }
        JsonNode body = JsonBodies.object(req);
        TableId table = table(JsonBodies.text(body, "table", 64));
        long witness = witness(JsonBodies.text(body, "witness", 40), "witness");
        AssignmentStore.Added added;
        try {
            added = running().assignments().add(table, witness);
        } catch (IllegalArgumentException e) {
            throw new ApiException(Status.UNPROCESSABLE_CONTENT_422, "UNKNOWN_TABLE", "table", e.getMessage());
        }
        if (added == AssignmentStore.Added.NOT_A_WITNESS) {
            throw new ApiException(Status.UNPROCESSABLE_CONTENT_422, "NOT_A_WITNESS", "witness", "witness-" + witness
                    + " is not an active witness token (create one with POST /api/v1/tokens, role witness)");
        }
        Map<String, Object> out = view(new AssignmentStore.Assignment(table.value(), witness, null));
        out.remove("assigned_at");
        out.put("created", added == AssignmentStore.Added.NEW);
        send(res, added == AssignmentStore.Added.NEW ? Status.CREATED_201 : Status.OK_200, out);
    }

    private void importCsv(ServerRequest req, ServerResponse res) throws IOException {
        byte[] bytes = JsonBodies.read(req, MAX_CSV_BYTES);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("BODY_NOT_UTF8", "body", "the CSV must be UTF-8");
        }
        int added;
        try {
            added = running().assignments().importCsv(new StringReader(text));
        } catch (Assignments.ImportRefused e) {
            List<Map<String, Object>> details = e.problems().stream().limit(100).map(p -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("line", p.line());
                d.put("field", p.field());
                d.put("message", p.message());
                return d;
            }).toList();
            throw new ApiException(Status.UNPROCESSABLE_CONTENT_422, "IMPORT_REFUSED", e.problems().get(0).field(), e.getMessage()
                    + "; nothing was imported", details);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imported", added);
        out.put("assignments", running().assignments().all().size());
        send(res, Status.OK_200, out);
    }

    private void remove(ServerRequest req, ServerResponse res) {
        auth.require(req, COORDINATION);
        String tableText = Queries.text(req, "table");
        String witnessText = Queries.text(req, "witness");
        if (tableText == null || witnessText == null) {
            throw ApiException.badRequest("QUERY_MISSING", tableText == null ? "table" : "witness",
                    "DELETE /api/v1/assignments?table=…&witness=… names the assignment to remove");
        }
        TableId table = table(tableText);
        long witness = witness(witnessText, "witness");
        if (!running().assignments().remove(table, witness)) {
            throw ApiException.notFound("UNKNOWN_ASSIGNMENT", "table", "table " + table + " is not assigned to witness-" + witness);
        }
        send(res, Status.OK_200, Map.of("table", table.value(), "witness", "witness-" + witness, "removed", true));
    }

    private void settings(ServerRequest req, ServerResponse res) {
        auth.require(req, COORDINATION);
        send(res, Status.OK_200, settingsView());
    }

    private Map<String, Object> settingsView() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("free_submission", running().assignments().freeSubmission());
        out.put("free_submission_setting", running().assignments().freeSubmissionSetting());
        return out;
    }

    private void changeSettings(ServerRequest req, ServerResponse res) {
        Principal who = auth.require(req, COORDINATION);
        JsonNode body = JsonBodies.object(req);
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("free_submission")) {
                throw ApiException.badRequest("UNKNOWN_FIELD", name, "the settings are [free_submission]; no \"" + name + "\"");
            }
        }
        if (!body.has("free_submission")) {
            throw ApiException.badRequest("FIELD_MISSING", "free_submission",
                    "field \"free_submission\" is required: true, false, or null (automatic)");
        }
        JsonNode free = body.get("free_submission");
        if (!free.isNull() && !free.isBoolean()) {
            throw ApiException.badRequest("FIELD_WRONG_TYPE", "free_submission", "field \"free_submission\" must be true, false or null");
        }
        running().assignments().setFreeSubmission(free.isNull() ? null : free.booleanValue(), Authenticator.submitterId(who));
        send(res, Status.OK_200, settingsView());
    }

    private TableId table(String text) {
        if (!TableId.isValid(text)) {
            throw ApiException.badRequest("MALFORMED_TABLE_ID", "table", "a table id is 1-64 letters, digits and . _ : - (e.g. 010113042.01)");
        }
        TableId t = new TableId(text);
        if (running().election().geography().tableIndex(t).isEmpty()) {
            throw new ApiException(Status.UNPROCESSABLE_CONTENT_422, "UNKNOWN_TABLE", "table", "no table " + text + " in election "
                    + running().election().id());
        }
        return t;
    }

    private static long witness(String text, String field) {
        return Assignments.witnessToken(text).orElseThrow(() -> ApiException.badRequest("FIELD_INVALID", field,
                "a witness is named by their pseudonymous id, e.g. \"witness-17\" (got \"" + Queries.clip(text) + "\")"));
    }

    static void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(CachedDocuments.NO_STORE);
        res.send(Json.bytes(body));
    }
}
