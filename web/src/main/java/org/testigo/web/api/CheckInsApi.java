package org.testigo.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.testigo.deployment.Deployment;
import org.testigo.election.TableId;
import org.testigo.ledger.MerkleHashing;
import org.testigo.quickcount.CheckIn;
import org.testigo.quickcount.CheckInOutcome;
import org.testigo.quickcount.CheckInReceipt;
import org.testigo.quickcount.CheckInRefusal;
import org.testigo.store.Principal;
import org.testigo.store.Role;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.JsonBodies;

/**
 * {@code POST /api/v1/checkins}: a witness of a sampled table phones in its turnout at one of the day's
 * times, or its result, for the quick count (a witness assigned to a table may report for it sampled or not:
 * kept as evidence, outside the estimate); {@code GET /api/v1/quickcount}: the live estimate.
 */
public final class CheckInsApi {
    private static final Set<String> TURNOUT_FIELDS = Set.of("table", "kind", "at", "voters");
    private static final Set<String> RESULT_FIELDS = Set.of("table", "kind", "votes", "null", "blank");

    private final Deployment deployment;
    private final Authenticator auth;

    public CheckInsApi(Deployment deployment, Authenticator auth) {
        this.deployment = deployment;
        this.auth = auth;
    }

    public void routes(HttpRules rules) {
        rules.post("/api/v1/checkins", this::checkIn)
                .any("/api/v1/checkins", ApiException.methodNotAllowed("POST"))
                .get("/api/v1/quickcount", this::quickCount)
                .any("/api/v1/quickcount", ApiException.methodNotAllowed("GET"));
    }

    private void checkIn(ServerRequest req, ServerResponse res) throws InterruptedException {
        Principal who = auth.require(req, EnumSet.allOf(Role.class));
        JsonNode body = JsonBodies.object(req);
        CheckIn checkIn = parse(body);
        if (deployment.running().isEmpty()) {
            throw new ApiException(Status.CONFLICT_409, "NO_ELECTION", null, "no election is loaded on this server yet");
        }
        var running = deployment.running().get();
        AssignmentRule.require(running, who, checkIn.table());
        // The witness app reports turnout for every assigned table, sampled or not (CheckInIntake says why).
        boolean assigned = who.role() == Role.WITNESS && running.election().geography().tableIndex(checkIn.table())
                .map(i -> running.assignments().tablesOf(who.tokenId()).contains(i)).orElse(false);
        CheckInOutcome outcome;
        try {
            outcome = deployment.checkIns().record(checkIn, Authenticator.submitterId(who), assigned).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the evidence store failed to append a check-in", e.getCause());
        }
        switch (outcome) {
            case CheckInOutcome.Refused(CheckInRefusal r) -> throw new ApiException(
                    r.code().equals("NO_SAMPLE") ? Status.CONFLICT_409 : Status.UNPROCESSABLE_CONTENT_422, r.code(), r.field(), r.message());
            case CheckInOutcome.Accepted(CheckInReceipt receipt) -> {
                res.status(receipt.duplicate() ? Status.OK_200 : Status.CREATED_201);
                res.header(HeaderValues.CONTENT_TYPE_JSON);
                res.header(CachedDocuments.NO_STORE);
                res.send(Json.bytes(ReceiptView.of(receipt)));
            }
        }
    }

    private void quickCount(ServerRequest req, ServerResponse res) {
        var running = deployment.running().orElseThrow(() -> ApiException.notFound("NO_ELECTION", null,
                "no election is loaded on this server yet"));
        var quick = deployment.quickCount().orElseThrow(() -> ApiException.notFound("NO_SAMPLE", null,
                "no quick-count sample has been drawn on this deployment yet"));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(CachedDocuments.NO_STORE); // live: every check-in changes it
        res.send(Json.bytes(quick.view(running.state())));
    }

    /** The body as a check-in; 400 naming the field for every shape the API does not take. */
    static CheckIn parse(JsonNode body) {
        String kind = JsonBodies.text(body, "kind", 16);
        Set<String> allowed = switch (kind) {
            case "turnout" -> TURNOUT_FIELDS;
            case "result" -> RESULT_FIELDS;
            default -> throw ApiException.badRequest("FIELD_INVALID", "kind", "field \"kind\" is \"turnout\" or \"result\", not \"" + kind + "\"");
        };
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("UNKNOWN_FIELD", name, "a " + kind + " check-in has no field \"" + name + "\"; its fields are "
                        + allowed.stream().sorted().toList());
            }
        }
        String tableText = JsonBodies.text(body, "table", 64);
        if (!TableId.isValid(tableText)) {
            throw ApiException.badRequest("MALFORMED_TABLE_ID", "table", "a table id is 1-64 letters, digits and . _ : - (e.g. 010113042.01)");
        }
        TableId table = new TableId(tableText);
        if (kind.equals("turnout")) {
            String at = JsonBodies.text(body, "at", 5);
            if (!at.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
                throw ApiException.badRequest("FIELD_INVALID", "at", "field \"at\" is a time of day as HH:MM, e.g. \"10:00\" (got \"" + at + "\")");
            }
            return new CheckIn.Turnout(table, LocalTime.parse(at), count(body, "voters", true));
        }
        JsonNode votes = body.get("votes");
        if (votes == null || votes.isNull()) {
            throw ApiException.badRequest("FIELD_MISSING", "votes", "field \"votes\" is required: an object of votes by candidate id, e.g. {\"EG\": 232}");
        }
        if (!votes.isObject()) {
            throw ApiException.badRequest("FIELD_WRONG_TYPE", "votes", "field \"votes\" must be an object of votes by candidate id, got "
                    + votes.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        Map<String, Long> byCandidate = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = votes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byCandidate.put(e.getKey(), count(e.getValue(), "votes." + e.getKey()));
        }
        return new CheckIn.Result(table, byCandidate, count(body, "null", false), count(body, "blank", false));
    }

    private static long count(JsonNode body, String field, boolean required) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw ApiException.badRequest("FIELD_MISSING", field, "field \"" + field + "\" is required");
            }
            return 0;
        }
        return count(n, field);
    }

    private static long count(JsonNode n, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiException.badRequest("FIELD_WRONG_TYPE", field, "field \"" + field + "\" must be a whole number, got "
                    + (n.isNumber() ? n.asText() : n.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        if (n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
            throw ApiException.badRequest("FIELD_OUT_OF_RANGE", field, "field \"" + field + "\" must be between 0 and " + Integer.MAX_VALUE
                    + " (got " + n.longValue() + ")");
        }
        return n.longValue();
    }

    /** The receipt as JSON, with the check-in's leaf in the transparency log (as for acta submissions). */
    record ReceiptView(long evidence, String sha256, String table, String kind, String receivedAt, boolean duplicate, long logIndex,
                       String logEntry, String logLeafHash, Map<String, String> links) {
        static ReceiptView of(CheckInReceipt r) {
            Map<String, String> links = new LinkedHashMap<>();
            links.put("evidence", "/api/v1/evidence/" + r.evidenceId());
            links.put("inclusion_proof", LogApi.inclusionLink(r.logIndex()));
            links.put("quickcount", "/api/v1/quickcount");
            return new ReceiptView(r.evidenceId(), r.sha256(), r.table().value(), r.kind(), r.receivedAt().toString(), r.duplicate(),
                    r.logIndex(), new String(r.logEntry(), StandardCharsets.UTF_8), LogApi.base64(MerkleHashing.leafHash(r.logEntry())), links);
        }
    }
}
