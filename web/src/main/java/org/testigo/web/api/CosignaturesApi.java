package org.testigo.web.api;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testigo.deployment.Deployment;
import org.testigo.ledger.Checkpoint;
import org.testigo.store.WitnessStore;
import org.testigo.transparency.Cosignatures;
import org.testigo.transparency.TransparencyLog;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.JsonBodies;

/**
 * Witnesses' cosignatures of the log's checkpoints (C2SP tlog-cosignature/v1).
 * {@code POST /api/v1/log/cosignatures}: a trusted witness sends a checkpoint note carrying its
 * cosignature (text/plain, the note as the witness holds it); no token, the signature is the credential.
 * {@code GET /api/v1/log/cosignatures?size=N}: who cosigned the checkpoint of size N (default: the latest).
 */
public final class CosignaturesApi {
    /** A checkpoint note with a few dozen signature lines is a few kilobytes. */
    static final long MAX_BYTES = 64 * 1024;

    private final Deployment deployment;

    public CosignaturesApi(Deployment deployment) {
        this.deployment = deployment;
    }

    public void routes(HttpRules rules) {
        rules.post("/api/v1/log/cosignatures", this::post)
                .get("/api/v1/log/cosignatures", this::list)
                .any("/api/v1/log/cosignatures", ApiException.methodNotAllowed("GET, POST"));
    }

    private TransparencyLog log() {
        return deployment.transparency().orElseThrow(() -> ApiException.notFound("NO_LOG", null,
                "this server runs without a log signing key, so it issues no checkpoints to cosign"));
    }

    private Cosignatures cosignatures(TransparencyLog log) {
        return new Cosignatures(log, new WitnessStore(deployment.database()), Clock.systemUTC());
    }

    private void post(ServerRequest req, ServerResponse res) {
        TransparencyLog log = log();
        var type = req.headers().contentType();
        if (type.isEmpty() || !type.get().test(MediaTypes.TEXT_PLAIN)) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type",
                    "send the cosigned checkpoint note as text/plain (got " + type.map(t -> t.text()).orElse("none") + ")");
        }
        byte[] body = JsonBodies.read(req, MAX_BYTES);
        if (body.length == 0) {
            throw ApiException.badRequest("EMPTY_BODY", "body", "the request body is empty; expected a cosigned checkpoint note");
        }
        Cosignatures.Outcome outcome = cosignatures(log).submit(body);
        switch (outcome) {
            case Cosignatures.Outcome.Refused r -> throw new ApiException(status(r.problem()), r.problem().name(), "body", r.message());
            case Cosignatures.Outcome.Accepted a -> {
                res.status(a.added() > 0 ? Status.CREATED_201 : Status.OK_200);
                send(res, view(a.size(), a.cosigners()));
            }
        }
    }

    private static Status status(Cosignatures.Problem problem) {
        return switch (problem) {
            case NOTE_MALFORMED, CHECKPOINT_MALFORMED, NO_COSIGNATURE -> Status.BAD_REQUEST_400;
            case WITNESS_UNTRUSTED -> Status.FORBIDDEN_403;
            case CHECKPOINT_NOT_ISSUED -> Status.NOT_FOUND_404;
            case WRONG_LOG, COSIGNATURE_INVALID, COSIGNATURE_TIME_INVALID -> Status.UNPROCESSABLE_CONTENT_422;
        };
    }

    private void list(ServerRequest req, ServerResponse res) {
        TransparencyLog log = log();
        long size;
        var query = req.prologue().query();
        if (query.contains("size")) {
            String text = query.get("size");
            if (!text.matches("0|[1-9][0-9]{0,17}")) {
                throw ApiException.badRequest("QUERY_INVALID", "size", "size is a tree size, a non-negative integer, got \""
                        + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"");
            }
            size = Long.parseLong(text);
            if (log.checkpointAt(size).isEmpty()) {
                throw ApiException.notFound("CHECKPOINT_NOT_ISSUED", "size", "this log issued no checkpoint of size " + size);
            }
        } else {
            size = Checkpoint.parse(log.checkpoint().text()).size();
        }
        send(res, view(size, cosignatures(log).cosigners(size)));
    }

    private static Map<String, Object> view(long size, List<Cosignatures.Cosigner> cosigners) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Cosignatures.Cosigner c : cosigners) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("key_id", c.keyId());
            m.put("verifier_key", c.verifierKey());
            m.put("cosigned_at", c.cosignedAt().toString());
            m.put("received_at", c.receivedAt().toString());
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("size", size);
        out.put("cosignatures", list);
        return out;
    }

    private static void send(ServerResponse res, Object body) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(CachedDocuments.NO_STORE);
        res.send(Json.bytes(body));
    }
}
