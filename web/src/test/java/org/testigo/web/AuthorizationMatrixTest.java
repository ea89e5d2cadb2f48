package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.ledger.NoteKey;
import org.testigo.store.Role;
import org.testigo.web.http.Endpoints;

/**
 * Every endpoint of the server × every role (no token, witness, volunteer, coordinator, admin) answers
 * exactly the status this table expects, over real HTTP. The table is held against the routes the server
 * registered ({@link TestigoServer#endpoints()}): a route without a line here fails the test, and so does a
 * line for a route that does not exist.
 *
 * <p>Requests carry the smallest body that passes authorization, so an allowed role gets the route's own
 * answer to it (often a 400 naming the missing field: the request got past the door) and nothing changes.
 */
class AuthorizationMatrixTest {
    static LiveServer live;
    static String table;

    /** Columns: no token, witness, volunteer, coordinator, admin. */
    record Line(String method, String route, String path, String contentType, String body, int none, int witness, int volunteer,
                int coordinator, int admin) {
        int expected(Role role) {
            if (role == null) {
                return none;
            }
            return switch (role) {
                case WITNESS -> witness;
                case VOLUNTEER -> volunteer;
                case COORDINATOR -> coordinator;
                case ADMIN -> admin;
            };
        }
    }

    static final String JSON = "application/json";

    static List<Line> table() {
        List<Line> t = new ArrayList<>();
        // public reads
        t.add(new Line("GET", "/health", "/health", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/election", "/api/v1/election", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/results", "/api/v1/results", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/results/{node}", "/api/v1/results/" + "NODE", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/tables/{table}", "/api/v1/tables/TABLE", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/evidence/{id}", "/api/v1/evidence/1", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/quickcount", "/api/v1/quickcount", null, null, 404, 404, 404, 404, 404)); // no sample drawn
        t.add(new Line("GET", "/log/checkpoint", "/log/checkpoint", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/log/tile/*", "/log/tile/0/000.p/1", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/log", "/api/v1/log", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/proofs/inclusion", "/api/v1/proofs/inclusion?index=0", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/proofs/consistency", "/api/v1/proofs/consistency?from=1", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/log/cosignatures", "/api/v1/log/cosignatures", null, null, 200, 200, 200, 200, 200));
        // the public site: pages, their JSON, assets (a missing one answers 404 alike for everyone)
        t.add(new Line("GET", "/api/v1/election.json", "/api/v1/election.json", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/results.json", "/api/v1/results.json", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/results/{file}", "/api/v1/results/NODE.json", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/tables/{file}", "/api/v1/tables/TABLE.json", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/quickcount.json", "/api/v1/quickcount.json", null, null, 404, 404, 404, 404, 404)); // no sample drawn
        t.add(new Line("GET", "/api/v1/audit.json", "/api/v1/audit.json", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/quickcount/sample.txt", "/api/v1/quickcount/sample.txt", null, null, 404, 404, 404, 404, 404)); // not revealed
        t.add(new Line("GET", "/", "/", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/en", "/en", null, null, 301, 301, 301, 301, 301));
        t.add(new Line("GET", "/en/", "/en/", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/index.html", "/index.html", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/en/index.html", "/en/index.html", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/table/{file}", "/table/TABLE.html", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/en/table/{file}", "/en/table/TABLE.html", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/place/{file}", "/place/NODE.html", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/en/place/{file}", "/en/place/NODE.html", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/assets/{name}", "/assets/none.css", null, null, 404, 404, 404, 404, 404));
        t.add(new Line("GET", "/images/{name}", "/images/none.web.jpg", null, null, 404, 404, 404, 404, 404));
        t.add(new Line("GET", "/data/{+path}", "/data/none.csv", null, null, 404, 404, 404, 404, 404));
        t.add(new Line("GET", "/{+path}", "/map.html", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/audit", "/api/v1/audit", null, null, 200, 200, 200, 200, 200));
        // the witness app's static files (its API calls carry the token)
        t.add(new Line("GET", "/app", "/app", null, null, 301, 301, 301, 301, 301));
        t.add(new Line("GET", "/app/", "/app/", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/app/sw.js", "/app/sw.js", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/app/manifest.webmanifest", "/app/manifest.webmanifest", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/app/v/*", "/app/v/" + new org.testigo.web.apps.WitnessApp().version() + "/app.js", null, null,
                200, 200, 200, 200, 200));
        // the command centre's static page and assets: public files, the data behind them is not
        t.add(new Line("GET", "/centre", "/centre", null, null, 301, 301, 301, 301, 301));
        t.add(new Line("GET", "/centre/", "/centre/", null, null, 200, 200, 200, 200, 200));
        t.add(new Line("GET", "/centre/assets/*", "/centre/assets/no-such.css", null, null, 404, 404, 404, 404, 404));
        // anonymous citizens (rate-limited per address): the request's own answer, whoever asks
        t.add(new Line("POST", "/api/v1/verify", "/api/v1/verify", JSON, "{}", 400, 400, 400, 400, 400));
        t.add(new Line("POST", "/verify", "/verify", JSON, "{}", 400, 400, 400, 400, 400));
        t.add(new Line("POST", "/en/verify", "/en/verify", JSON, "{}", 400, 400, 400, 400, 400));
        t.add(new Line("POST", "/api/v1/lookup", "/api/v1/lookup", JSON, "{}", 400, 400, 400, 400, 400));
        t.add(new Line("POST", "/find", "/find", "application/x-www-form-urlencoded", "national_id=", 303, 303, 303, 303, 303));
        t.add(new Line("POST", "/en/find", "/en/find", "application/x-www-form-urlencoded", "national_id=", 303, 303, 303, 303, 303));
        // no token: the cosignature is the credential (a note that is not one is refused alike for everyone)
        t.add(new Line("POST", "/api/v1/log/cosignatures", "/api/v1/log/cosignatures", "text/plain", "not a note", 400, 400, 400, 400, 400));
        // any token
        t.add(new Line("POST", "/api/v1/submissions", "/api/v1/submissions", JSON, "{}", 401, 400, 400, 400, 400));
        t.add(new Line("POST", "/api/v1/checkins", "/api/v1/checkins", JSON, "{}", 401, 400, 400, 400, 400));
        t.add(new Line("POST", "/api/v1/incidents", "/api/v1/incidents", JSON, "{}", 401, 400, 400, 400, 400));
        t.add(new Line("GET", "/api/v1/me", "/api/v1/me", null, null, 401, 200, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/images/{id}", "/api/v1/images/999999", null, null, 401, 404, 404, 404, 404));
        // the command centre
        t.add(new Line("GET", "/api/v1/images/{id}/web", "/api/v1/images/999999/web", null, null, 401, 403, 404, 404, 404));
        t.add(new Line("GET", "/api/v1/images/{id}/thumbnail", "/api/v1/images/999999/thumbnail", null, null, 401, 403, 404, 404, 404));
        t.add(new Line("GET", "/api/v1/reviews", "/api/v1/reviews", null, null, 401, 403, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/transcriptions", "/api/v1/transcriptions", null, null, 401, 403, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/coverage", "/api/v1/coverage", null, null, 401, 403, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/coverage/missing.csv", "/api/v1/coverage/missing.csv", null, null, 401, 403, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/incidents", "/api/v1/incidents", null, null, 401, 403, 200, 200, 200));
        t.add(new Line("GET", "/api/v1/desk/next", "/api/v1/desk/next", null, null, 401, 403, 204, 204, 204)); // nothing to transcribe
        t.add(new Line("POST", "/api/v1/desk/tasks/{id}/entries", "/api/v1/desk/tasks/999999/entries", JSON, "{}", 401, 403, 404, 404, 404));
        t.add(new Line("POST", "/api/v1/desk/tasks/{id}/release", "/api/v1/desk/tasks/999999/release", JSON, "{}", 401, 403, 404, 404, 404));
        // coordinators and admins
        t.add(new Line("GET", "/api/v1/desk/tasks/{id}", "/api/v1/desk/tasks/999999", null, null, 401, 403, 403, 404, 404));
        t.add(new Line("GET", "/api/v1/desk/tasks", "/api/v1/desk/tasks", null, null, 401, 403, 403, 200, 200));
        t.add(new Line("GET", "/api/v1/desk/volunteers", "/api/v1/desk/volunteers", null, null, 401, 403, 403, 200, 200));
        t.add(new Line("POST", "/api/v1/desk/volunteers/{volunteer}/requeue", "/api/v1/desk/volunteers/volunteer-999/requeue", JSON, "{}",
                401, 403, 403, 200, 200));
        t.add(new Line("GET", "/api/v1/assignments", "/api/v1/assignments", null, null, 401, 403, 403, 200, 200));
        t.add(new Line("POST", "/api/v1/assignments", "/api/v1/assignments", JSON, "{}", 401, 403, 403, 400, 400));
        t.add(new Line("DELETE", "/api/v1/assignments", "/api/v1/assignments", null, null, 401, 403, 403, 400, 400));
        t.add(new Line("GET", "/api/v1/settings", "/api/v1/settings", null, null, 401, 403, 403, 200, 200));
        t.add(new Line("PUT", "/api/v1/settings", "/api/v1/settings", JSON, "{}", 401, 403, 403, 400, 400));
        t.add(new Line("POST", "/api/v1/tokens", "/api/v1/tokens", JSON, "{}", 401, 403, 403, 400, 400));
        t.add(new Line("POST", "/api/v1/log/checkpoint", "/api/v1/log/checkpoint", null, null, 401, 403, 403, 200, 200));
        return t;
    }

    @BeforeAll
    static void start() {
        live = new LiveServer(12, 4, NoteKey.generate("testigo.test/matrix"));
        table = live.synth.table(0).table().id().value();
        assertThat(live.submit(Role.ADMIN, Map.of("payload", live.synth.table(0).payload())).status()).isEqualTo(201);
        assertThat(live.send(HttpRequest.newBuilder(live.uri("/api/v1/log/checkpoint"))
                .header("Authorization", "Bearer " + live.tokens.get(Role.ADMIN))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    private static String concrete(String path) {
        return path.replace("TABLE", table).replace("NODE", live.synth.election().geography().code(1));
    }

    private static LiveServer.Answer call(Line l, Role role, String method) {
        HttpRequest.Builder b = HttpRequest.newBuilder(live.uri(concrete(l.path())));
        if (role != null) {
            b.header("Authorization", "Bearer " + live.tokens.get(role));
        }
        if (l.contentType() != null) {
            b.header("Content-Type", l.contentType());
        }
        b.method(method, l.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(l.body()));
        return live.send(b.build());
    }

    @Test
    void theTableListsEveryRouteTheServerHasAndNoOther() {
        Set<String> registered = new LinkedHashSet<>();
        for (Endpoints.Endpoint e : live.server.endpoints()) {
            if (!e.method().equals("ANY")) {
                registered.add(e.method() + " " + e.path());
            }
        }
        Set<String> listed = new LinkedHashSet<>();
        table().forEach(l -> listed.add(l.method() + " " + l.route()));
        assertThat(listed).as("every route registered must have a line in the matrix, and every line a route")
                .containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void everyRoleGetsExactlyTheExpectedAnswerFromEveryEndpoint() {
        List<String> wrong = new ArrayList<>();
        Role[] roles = {null, Role.WITNESS, Role.VOLUNTEER, Role.COORDINATOR, Role.ADMIN};
        for (Line l : table()) {
            for (Role role : roles) {
                LiveServer.Answer a = call(l, role, l.method());
                if (a.status() != l.expected(role)) {
                    wrong.add(l.method() + " " + l.path() + " as " + (role == null ? "no token" : role.id()) + ": expected "
                            + l.expected(role) + ", got " + a.status() + " " + a.text().substring(0, Math.min(200, a.text().length())));
                }
                if (a.status() == 401) {
                    assertThat(a.json().get("error").asText()).isEqualTo("TOKEN_MISSING");
                }
                if (a.status() == 403) {
                    assertThat(a.json().get("error").asText()).isEqualTo("ROLE_NOT_ALLOWED");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aMethodARouteDoesNotTakeIsRefusedAndAnUnknownPathIsNotFound() {
        for (Endpoints.Endpoint e : live.server.endpoints()) {
            if (e.method().equals("ANY") && !e.path().equals("*")) {
                String path = concrete(e.path().replace("{id}", "1").replace("{volunteer}", "volunteer-1"));
                LiveServer.Answer a = live.send(HttpRequest.newBuilder(live.uri(path)).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
                assertThat(a.status()).as("PATCH " + path).isEqualTo(405);
            }
        }
        assertThat(live.get("/api/v1/no-such-thing").status()).isEqualTo(404);
    }
}
