package org.testigo.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.testigo.deployment.Deployment;
import org.testigo.intake.Intake;
import org.testigo.intake.Outcome;
import org.testigo.intake.Receipt;
import org.testigo.intake.Refusal;
import org.testigo.intake.Submission;
import org.testigo.ledger.MerkleHashing;
import org.testigo.store.Channel;
import org.testigo.store.Principal;
import org.testigo.store.Role;
import org.testigo.tally.Problem;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.JsonBodies;
import org.testigo.web.http.MultipartForm;
import org.testigo.web.http.RateLimits;

/**
 * {@code POST /api/v1/submissions}: a witness sends the text of an acta's QR code(s) as JSON, or a photo
 * of the acta as {@code multipart/form-data} ({@link ImageUploads}).
 */
public final class SubmissionsApi {
    private final Deployment deployment;
    private final Authenticator auth;

    private final ImageUploads images;
    private final RateLimits limits;

    public SubmissionsApi(Deployment deployment, Authenticator auth, RateLimits limits) {
        this.deployment = deployment;
        this.auth = auth;
        this.images = new ImageUploads(deployment);
        this.limits = limits;
    }

    public void routes(HttpRules rules) {
        // QR texts and photos alike: one budget per token ("submissions").
        rules.post("/api/v1/submissions", limits.guard("submissions"), this::submit)
                .any("/api/v1/submissions", ApiException.methodNotAllowed("POST"));
    }

    private void submit(ServerRequest req, ServerResponse res) throws InterruptedException {
        Principal who = auth.require(req, EnumSet.allOf(Role.class));
        var type = req.headers().contentType();
        if (type.isPresent() && MultipartForm.isFormData(type.get())) {
            images.submit(req, res, who, type.get());
            return;
        }
        JsonNode body = JsonBodies.object(req);
        String format = body.has("format") && !body.get("format").isNull() ? JsonBodies.text(body, "format", 64) : null;
        List<String> payloads = payloads(body);
        var running = deployment.running().orElseThrow(() -> new ApiException(Status.CONFLICT_409, "NO_ELECTION", null,
                "no election is loaded on this server yet"));
        AssignmentRule.requireFor(running, who, format, payloads);
        Outcome outcome;
        try {
            outcome = running.intake().submit(new Submission(format, payloads, Channel.QR,
                    Authenticator.submitterId(who))).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the evidence store failed to append a submission", e.getCause());
        }
        switch (outcome) {
            case Outcome.Refused(Refusal r) -> throw refusal(r);
            case Outcome.Accepted(Receipt receipt) -> {
                res.status(receipt.duplicate() ? Status.OK_200 : Status.CREATED_201);
                res.header(HeaderValues.CONTENT_TYPE_JSON);
                res.header(CachedDocuments.NO_STORE);
                res.send(Json.bytes(ReceiptView.of(receipt)));
            }
        }
    }

    private static List<String> payloads(JsonNode body) {
        JsonNode p = body.get("payload");
        if (p == null || p.isNull()) {
            throw ApiException.badRequest("FIELD_MISSING", "payload",
                    "field \"payload\" is required: the QR text, or an array of QR texts");
        }
        if (p.isTextual()) {
            return List.of(p.textValue());
        }
        if (!p.isArray()) {
            throw ApiException.badRequest("FIELD_WRONG_TYPE", "payload", "field \"payload\" must be a string or an array"
                    + " of strings, got " + p.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (p.size() > Intake.MAX_PAYLOADS) {
            throw new ApiException(Status.UNPROCESSABLE_CONTENT_422, Refusal.Reason.TOO_MANY_PAYLOADS.name(), "payload",
                    "payload has " + p.size() + " QR texts; at most " + Intake.MAX_PAYLOADS + " are accepted");
        }
        List<String> out = new ArrayList<>(p.size());
        for (int i = 0; i < p.size(); i++) {
            if (!p.get(i).isTextual()) {
                throw ApiException.badRequest("FIELD_WRONG_TYPE", "payload[" + i + "]", "payload[" + i
                        + "] must be a string, got " + p.get(i).getNodeType().name().toLowerCase(Locale.ROOT));
            }
            out.add(p.get(i).textValue());
        }
        return out;
    }

    static ApiException refusal(Refusal r) {
        List<Map<String, Object>> details = new ArrayList<>();
        for (Problem p : r.problems()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("code", p.code().name());
            d.put("field", p.field());
            d.put("message", p.message());
            if (!p.parts().isEmpty()) {
                d.put("parts", p.parts());
            }
            details.add(d);
        }
        return new ApiException(Status.UNPROCESSABLE_CONTENT_422, r.reason().name(), r.field(), r.message(), details);
    }

    /**
     * The receipt as JSON. Besides what was stored, it carries the evidence's leaf in the transparency log:
     * its index, the entry's exact text (which names the evidence and its SHA-256) and the leaf hash
     * (SHA-256 of 0x00 and the entry), so a witness can later check, offline, that a signed checkpoint
     * covers this very acta ({@code testigo receipt verify}).
     */
    record ReceiptView(long evidence, long evidenceId, String sha256, String table, String actaId, String status, String receivedAt,
                       boolean duplicate, String signature, String signatureReason, List<String> failedChecks, long logIndex,
                       String logEntry, String logLeafHash, Map<String, String> links) {
        static ReceiptView of(Receipt r) {
            Map<String, String> links = new LinkedHashMap<>();
            links.put("evidence", "/api/v1/evidence/" + r.evidenceId());
            links.put("inclusion_proof", LogApi.inclusionLink(r.logIndex()));
            return new ReceiptView(r.evidenceId(), r.evidenceId(), r.sha256(), r.table().value(), r.actaId(), r.tableStatus().label(),
                    r.receivedAt().toString(), r.duplicate(), r.signature().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    r.signatureReason(), r.failedChecks().stream().map(c -> c.name() + ": " + c.detail()).toList(), r.logIndex(),
                    new String(r.logEntry(), StandardCharsets.UTF_8), LogApi.base64(MerkleHashing.leafHash(r.logEntry())), links);
        }
    }
}
