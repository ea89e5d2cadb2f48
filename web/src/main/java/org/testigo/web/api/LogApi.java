package org.testigo.web.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testigo.deployment.Deployment;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.SignedNote;
import org.testigo.ledger.Tiles;
import org.testigo.store.Role;
import org.testigo.transparency.TransparencyLog;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.CachedDocuments;

/**
 * The transparency log, published two ways. As C2SP tlog-tiles under {@code /log/} ({@code checkpoint},
 * {@code tile/L/N[.p/W]}, {@code tile/entries/N[.p/W]}): plain files any mirror can copy and any
 * client can check with nothing but the log's verifier key. And as JSON under {@code /api/v1/}: the
 * log's identity ({@code /log}) and proofs ({@code /proofs/inclusion}, {@code /proofs/consistency})
 * with the signed checkpoint of the size they are for. Proofs come from the tree in memory; the only
 * I/O a request may cost is looking up that checkpoint.
 */
public final class LogApi {
    static final String IMMUTABLE = org.testigo.web.http.ImmutableFiles.CACHE_CONTROL;
    /** A partial tile grows into a full one; clients should look again soon. */
    static final String SHORT = "public, max-age=60";

    private final Optional<TransparencyLog> log;
    private final Authenticator auth;

    public LogApi(Deployment deployment, Authenticator auth) {
        this.log = deployment.transparency();
        this.auth = auth;
    }

    public void routes(HttpRules rules) {
        rules.get("/log/checkpoint", this::checkpoint)
                .post("/api/v1/log/checkpoint", this::issue)
                .get("/log/tile/*", this::tile)
                .get("/api/v1/log", this::about)
                .get("/api/v1/proofs/inclusion", this::inclusion)
                .get("/api/v1/proofs/consistency", this::consistency);
    }

    /** The link a receipt carries to its inclusion proof (against the latest checkpoint). */
    public static String inclusionLink(long index) {
        return "/api/v1/proofs/inclusion?index=" + index;
    }

    private TransparencyLog log() {
        return log.orElseThrow(() -> ApiException.notFound("LOG_NOT_PUBLISHED", null,
                "this deployment publishes no transparency log: it was started without a log signing key"
                        + " (see `testigo keys init` and `testigo serve --key`)"));
    }

    /**
     * Issues a checkpoint now, without waiting for the signer's next round (coordinators and admins: e.g.
     * just before the polls close, so witnesses can cosign the state at that moment).
     */
    private void issue(ServerRequest req, ServerResponse res) {
        auth.require(req, EnumSet.of(Role.COORDINATOR, Role.ADMIN));
        TransparencyLog log = log();
        log.checkpoint();
        res.header(CachedDocuments.NO_STORE);
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send(log.published().format().getBytes(StandardCharsets.UTF_8));
    }

    private void checkpoint(ServerRequest req, ServerResponse res) {
        byte[] note = log().published().format().getBytes(StandardCharsets.UTF_8);
        String etag = CachedDocuments.etag(note);
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderValues.CACHE_NO_CACHE);
        if (CachedDocuments.matches(req.headers().value(HeaderNames.IF_NONE_MATCH).orElse(null), etag)) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send(note);
    }

    private void tile(ServerRequest req, ServerResponse res) {
        TransparencyLog log = log();
        String path = req.path().rawPath().substring("/log/".length());
        Tiles.TilePath tile;
        try {
            tile = Tiles.parsePath(path);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("MALFORMED_TILE_PATH", "path", e.getMessage());
        }
        byte[] bytes;
        try {
            bytes = tile.entries() ? log.entryBundle(tile.tile()) : log.tile(tile.tile());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("UNKNOWN_TILE", "path", "the log (" + log.size() + " entries) has no " + tile.path());
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.header(HeaderNames.CACHE_CONTROL, tile.tile().width() == Tiles.WIDTH ? IMMUTABLE : SHORT);
        res.send(bytes);
    }

    record LogView(String origin, String verifierKey, long size, String rootHash, String checkpoint, Map<String, String> links) {
    }

    private void about(ServerRequest req, ServerResponse res) {
        TransparencyLog log = log();
        SignedNote latest = log.latest();
        Checkpoint c = Checkpoint.parse(latest.text());
        Map<String, String> links = new LinkedHashMap<>();
        links.put("checkpoint", "/log/checkpoint");
        links.put("tiles", "/log/tile/");
        links.put("inclusion_proof", "/api/v1/proofs/inclusion?index={index}&size={size}");
        links.put("consistency_proof", "/api/v1/proofs/consistency?from={from}&to={to}");
        sendJson(res, new LogView(log.origin(), log.verifier().encoded(), c.size(), base64(c.rootHash()), latest.format(), links));
    }

    record InclusionView(long index, long treeSize, String leafHash, List<String> hashes, String rootHash, String checkpoint) {
    }

    private void inclusion(ServerRequest req, ServerResponse res) {
        TransparencyLog log = log();
        long index = number(req, "index");
        long latest = latestSize(log);
        boolean sizeGiven = req.prologue().query().contains("size");
        long size = sizeGiven ? number(req, "size") : latest;
        requireTree(log, "size", size);
        if (index >= size) {
            if (!sizeGiven && index < log.size()) {
                res.header(HeaderNames.RETRY_AFTER, "5");
                throw ApiException.notFound("NOT_YET_CHECKPOINTED", "index", "leaf " + index + " is in the log but not yet in a"
                        + " checkpoint (the latest has " + latest + " entries); checkpoints are issued every few seconds");
            }
            if (index >= log.size()) {
                throw ApiException.notFound("UNKNOWN_LEAF", "index", "the log has " + log.size() + " entries; there is no leaf " + index);
            }
            throw ApiException.badRequest("INDEX_OUT_OF_RANGE", "index", "leaf " + index + " is not in the tree of size " + size
                    + " (its leaves are 0 to " + (size - 1) + ")");
        }
        TransparencyLog.InclusionProof proof = log.inclusion(index, size);
        sendJson(res, new InclusionView(index, size, base64(proof.leafHash()), proof.hashes().stream().map(LogApi::base64).toList(),
                base64(log.root(size)), log.checkpointAt(size).map(SignedNote::format).orElse(null)));
    }

    record ConsistencyView(long from, long to, List<String> hashes, String fromRootHash, String toRootHash, String fromCheckpoint,
                           String toCheckpoint) {
    }

    private void consistency(ServerRequest req, ServerResponse res) {
        TransparencyLog log = log();
        long from = number(req, "from");
        long to = req.prologue().query().contains("to") ? number(req, "to") : latestSize(log);
        requireTree(log, "to", to);
        if (from > to) {
            throw ApiException.badRequest("SIZE_OUT_OF_RANGE", "from", "a consistency proof goes from an older (smaller) tree to a"
                    + " newer one: from (" + from + ") must not exceed to (" + to + ")");
        }
        List<byte[]> proof = log.consistency(from, to);
        sendJson(res, new ConsistencyView(from, to, proof.stream().map(LogApi::base64).toList(), base64(log.root(from)),
                base64(log.root(to)), log.checkpointAt(from).map(SignedNote::format).orElse(null),
                log.checkpointAt(to).map(SignedNote::format).orElse(null)));
    }

    private static long latestSize(TransparencyLog log) {
        return Checkpoint.parse(log.latest().text()).size();
    }

    /** A tree size the log had: at most its current size (catching up once when asked beyond it). */
    private static void requireTree(TransparencyLog log, String field, long size) {
        if (size > log.size() && size > log.catchUp()) {
            throw ApiException.notFound("UNKNOWN_TREE_SIZE", field, "the log has " + log.size() + " entries; it never had a tree of size "
                    + size);
        }
    }

    /** A required query parameter: a non-negative integer in decimal. */
    private static long number(ServerRequest req, String name) {
        var query = req.prologue().query();
        if (!query.contains(name)) {
            throw ApiException.badRequest("QUERY_MISSING", name, "query parameter " + name + " is required (a non-negative integer)");
        }
        String text = query.get(name);
        if (text.matches("[0-9]{1,19}")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // too large: refused below
            }
        }
        throw ApiException.badRequest("QUERY_INVALID", name, "query parameter " + name + " must be a non-negative integer, got \""
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"");
    }

    private static void sendJson(ServerResponse res, Object view) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderValues.CACHE_NO_CACHE);
        res.send(Json.bytes(view));
    }

    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
