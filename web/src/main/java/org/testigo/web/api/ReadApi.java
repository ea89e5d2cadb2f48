package org.testigo.web.api;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.testigo.deployment.Deployment;
import org.testigo.election.TableId;
import org.testigo.views.ElectionView;
import org.testigo.views.Json;
import org.testigo.views.ResultsView;
import org.testigo.views.TableView;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;

/**
 * The public read API: the election, results for the nation and every node, each table. Documents
 * are pure functions of the consolidated state, so they carry strong ETags and are cached until the
 * state changes.
 */
public final class ReadApi {
    private final Deployment deployment;
    private final CachedDocuments cache;

    public ReadApi(Deployment deployment, int maxAgeSeconds) {
        this.deployment = deployment;
        this.cache = new CachedDocuments(() -> deployment.running().map(r -> r.state().version()).orElse(-1L), maxAgeSeconds);
    }

    public void routes(HttpRules rules) {
        rules.get("/api/v1/election", this::election)
                .get("/api/v1/results", (req, res) -> results(req, res, ""))
                .get("/api/v1/results/{node}", (req, res) -> results(req, res, req.path().pathParameters().get("node")))
                .get("/api/v1/tables/{table}", this::table);
    }

    private Deployment.Running running() {
        return deployment.running().orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "NO_ELECTION", null,
                "no election is loaded on this server yet"));
    }

    private void election(ServerRequest req, ServerResponse res) {
        var r = running();
        cache.serve(req, res, "election", () -> Json.bytes(ElectionView.of(r.election(), r.state().rule().confirmations())));
    }

    private void results(ServerRequest req, ServerResponse res, String code) {
        var r = running();
        int node = r.election().geography().nodeIndex(code).orElseThrow(() -> ApiException.notFound("UNKNOWN_NODE",
                "node", "no place with code \"" + code + "\" in election " + r.election().id()));
        cache.serve(req, res, "results/" + code, () -> Json.bytes(ResultsView.of(r.state(), node)));
    }

    private void table(ServerRequest req, ServerResponse res) {
        var r = running();
        String id = req.path().pathParameters().get("table");
        if (!TableId.isValid(id)) {
            throw ApiException.badRequest("MALFORMED_TABLE_ID", "table",
                    "a table id is 1-64 letters, digits and . _ : - (e.g. 010113042.01)");
        }
        int t = r.election().geography().tableIndex(new TableId(id)).orElseThrow(() -> ApiException.notFound(
                "UNKNOWN_TABLE", "table", "no table " + id + " in election " + r.election().id()));
        cache.serve(req, res, "tables/" + id, () -> Json.bytes(TableView.of(r.state(), t)));
    }
}
