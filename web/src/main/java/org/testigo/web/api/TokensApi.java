package org.testigo.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testigo.deployment.Deployment;
import org.testigo.store.Principal;
import org.testigo.store.Role;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.JsonBodies;

/**
 * {@code POST /api/v1/tokens}: coordinators hand out witness and volunteer tokens in the field; only an
 * admin creates coordinator and admin tokens.
 */
public final class TokensApi {
    private final Deployment deployment;
    private final Authenticator auth;

    public TokensApi(Deployment deployment, Authenticator auth) {
        this.deployment = deployment;
        this.auth = auth;
    }

    public void routes(HttpRules rules) {
        rules.post("/api/v1/tokens", this::create)
                .any("/api/v1/tokens", ApiException.methodNotAllowed("POST"));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Principal who = auth.require(req, EnumSet.of(Role.COORDINATOR, Role.ADMIN));
        JsonNode body = JsonBodies.object(req);
        String roleText = JsonBodies.text(body, "role", 32);
        String name = JsonBodies.text(body, "name", 200);
        Role role;
        try {
            role = Role.parse(roleText);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("FIELD_INVALID", "role", e.getMessage());
        }
        if (who.role() != Role.ADMIN && (role == Role.COORDINATOR || role == Role.ADMIN)) {
            throw new ApiException(Status.FORBIDDEN_403, "ROLE_NOT_ALLOWED", "role",
                    "a coordinator may create witness and volunteer tokens only");
        }
        String token;
        try {
            token = deployment.tokens().create(role, name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("FIELD_INVALID", "name", e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", role.id());
        out.put("name", name);
        out.put("token", token);
        // The pseudonymous id evidence will carry, and what assignments name (e.g. witness-17).
        deployment.tokens().authenticate(token).ifPresent(p -> {
            out.put("id", p.tokenId());
            out.put("submitter", Authenticator.submitterId(p));
        });
        res.status(Status.CREATED_201);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(CachedDocuments.NO_STORE);
        res.send(Json.bytes(out));
    }
}
