package org.testigo.web.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.testigo.consolidation.TableStatus;
import org.testigo.coverage.CoverageView;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;

/**
 * The coverage board for the command centre: {@code GET /api/v1/coverage?node=…&level=…} (per place: tables,
 * with a witness, with an acta, confirmed, in conflict, with trouble) and {@code GET /api/v1/coverage/missing.csv}
 * (the tables still without an acta). Not public: where witnesses are missing is a map for whoever wants to
 * tamper unseen. Rendered again only when the state, the assignments or the incidents change.
 */
public final class CoverageApi {
    private final Deployment deployment;
    private final org.testigo.web.http.Authenticator auth;
    private final CachedDocuments cache;

    public CoverageApi(Deployment deployment, org.testigo.web.http.Authenticator auth) {
        this.deployment = deployment;
        this.auth = auth;
        // Both counters only grow, so their sum changes whenever either does.
        this.cache = new CachedDocuments(() -> deployment.running().map(r -> r.state().version() + r.assignments().version()).orElse(-1L),
                "private, no-cache");
    }

    public void routes(HttpRules rules) {
        rules.get("/api/v1/coverage", this::board)
                .get("/api/v1/coverage/missing.csv", this::missing)
                .any("/api/v1/coverage", ApiException.methodNotAllowed("GET"))
                .any("/api/v1/coverage/missing.csv", ApiException.methodNotAllowed("GET"));
    }

    private Deployment.Running running() {
        return deployment.running().orElseThrow(() -> ApiException.notFound("NO_ELECTION", null, "no election is loaded on this server yet"));
    }

    private int node(Deployment.Running r, ServerRequest req) {
        String code = Queries.text(req, "node");
        String wanted = code == null ? "" : code;
        return r.election().geography().nodeIndex(wanted).orElseThrow(() -> ApiException.notFound("UNKNOWN_NODE", "node",
                "no place with code \"" + Queries.clip(wanted) + "\" in election " + r.election().id()));
    }

    private void board(ServerRequest req, ServerResponse res) {
        auth.require(req, ImagesApi.COMMAND_CENTRE);
        var r = running();
        int node = node(r, req);
        Election election = r.election();
        Geography geo = election.geography();
        int nodeLevel = node == 0 ? -1 : geo.node(node).level();
        String levelText = Queries.text(req, "level");
        int level;
        if (levelText == null) {
            level = nodeLevel + 1;
            if (level >= geo.depth()) {
                level = nodeLevel; // the deepest places: the board is the place alone
            }
        } else {
            level = election.levels().indexOf(levelText);
            if (level < 0 && levelText.matches("[0-9]{1,2}")) {
                level = Integer.parseInt(levelText);
            }
            if (level < 0 || level <= nodeLevel || level >= geo.depth()) {
                throw ApiException.badRequest("QUERY_INVALID", "level", "level is one of "
                        + election.levels().subList(nodeLevel + 1, geo.depth()) + " (a level below the place), got \""
                        + Queries.clip(levelText) + "\"");
            }
        }
        int rows = level;
        cache.serve(req, res, "coverage/" + geo.code(node) + "/" + level, () -> {
            if (rows <= nodeLevel) {
                CoverageView v = CoverageView.of(r.state(), r.assignments(), geo.parent(node), nodeLevel);
                CoverageView.Row own = v.rows().stream().filter(x -> x.code().equals(geo.code(node))).findFirst().orElseThrow();
                return Json.bytes(new CoverageView(v.election(), own.code(), own.name(),
                        org.testigo.views.ResultsView.Place.pathTo(election, node), v.level(), own.tables(), List.of()));
            }
            return Json.bytes(CoverageView.of(r.state(), r.assignments(), node, rows));
        });
    }

    private void missing(ServerRequest req, ServerResponse res) {
        auth.require(req, ImagesApi.COMMAND_CENTRE);
        var r = running();
        int node = node(r, req);
        Geography geo = r.election().geography();
        StringBuilder csv = new StringBuilder("table_id,node,registered,witnesses,incidents\n");
        CoverageView.forEachTable(geo, node, t -> {
            if (r.state().consolidation(t).status() == TableStatus.MISSING) {
                PollingTable table = geo.table(t);
                csv.append(table.id().value()).append(',').append(table.node()).append(',')
                        .append(table.registered() == PollingTable.UNKNOWN ? "" : Integer.toString(table.registered())).append(',')
                        .append(r.assignments().witnesses(t)).append(',').append(r.state().incidents(t).size()).append('\n');
            }
        });
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"missing-" + (node == 0 ? "all" : geo.code(node)) + ".csv\"");
        res.header(CachedDocuments.NO_STORE);
        res.send(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

}
