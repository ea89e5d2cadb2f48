package org.testigo.web.api;

import io.helidon.http.Status;
import org.testigo.deployment.Deployment;
import org.testigo.election.TableId;
import org.testigo.store.Principal;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;

/** A witness submits only for the tables assigned to them, unless free submission is on: 403 naming the table. */
final class AssignmentRule {
    private AssignmentRule() {
    }

    /**
     * {@link #require} for the table these QR texts name; they are decoded for it only when the rule could refuse
     * (a witness while submission is held to assignments): the intake decodes them again in any case.
     */
    static void requireFor(Deployment.Running running, Principal who, String format, java.util.List<String> payloads) {
        if (!running.assignments().allowsEveryTable(Authenticator.submitterId(who))) {
            running.intake().tableOf(format, payloads).ifPresent(table -> require(running, who, table));
        }
    }

    static void require(Deployment.Running running, Principal who, TableId table) {
        String submitter = Authenticator.submitterId(who);
        if (!running.assignments().allows(submitter, table)) {
            throw new ApiException(Status.FORBIDDEN_403, "NOT_ASSIGNED", "table", "table " + table + " is not assigned to "
                    + submitter + ": a witness submits only for their own tables (GET /api/v1/me) unless a coordinator"
                    + " allows free submission");
        }
    }
}
