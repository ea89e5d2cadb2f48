package org.testigo.web.api;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.testigo.analysis.audit.Audit;
import org.testigo.deployment.Deployment;
import org.testigo.state.ElectionState;
import org.testigo.views.AuditReports;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;

/** {@code GET /api/v1/audit}: the forensic audit of the accepted tallies, cached until the state changes. */
public final class AuditApi {
    private final Deployment deployment;
    private final CachedDocuments cache;
    private final AtomicReference<AuditReports> reports = new AtomicReference<>();

    public AuditApi(Deployment deployment, int maxAgeSeconds) {
        this.deployment = deployment;
        this.cache = new CachedDocuments(() -> deployment.running().map(r -> r.state().version()).orElse(-1L), maxAgeSeconds);
    }

    public void routes(HttpRules rules) {
        rules.get("/api/v1/audit", this::audit);
    }

    private void audit(ServerRequest req, ServerResponse res) {
        var running = deployment.running().orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "NO_ELECTION", null,
                "no election is loaded on this server yet"));
        AuditReports audits = reportsOf(running.state());
        if (running.state().totals(0).tables().counted() == 0) {
            throw new ApiException(Status.NOT_FOUND_404, "NO_TALLIES", null, "no tally is accepted yet: there is nothing to audit");
        }
        cache.serve(req, res, "audit", () -> Json.bytes(audits.current()));
    }

    /** One holder per loaded election: a new election (reload) gets a new one. */
    private AuditReports reportsOf(ElectionState state) {
        AuditReports current = reports.get();
        if (current == null || current.state() != state) {
            current = new AuditReports(state, Audit.DEFAULT_RANKED);
            reports.set(current);
        }
        return current;
    }
}
