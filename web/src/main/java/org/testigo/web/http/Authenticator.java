package org.testigo.web.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;
import java.util.Set;
import org.testigo.store.Principal;
import org.testigo.store.Role;
import org.testigo.store.TokenStore;

/** Bearer-token authentication: who is calling, and may they do this. */
public final class Authenticator {
    private final TokenStore tokens;

    public Authenticator(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** The caller, who must hold one of {@code allowed}; 401 without a valid token, 403 with too little power. */
    public Principal require(ServerRequest req, Set<Role> allowed) {
        String header = req.headers().value(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null || header.isBlank()) {
            throw new ApiException(Status.UNAUTHORIZED_401, "TOKEN_MISSING", "Authorization",
                    "send your token as \"Authorization: Bearer <token>\"");
        }
        String[] parts = header.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new ApiException(Status.UNAUTHORIZED_401, "TOKEN_MALFORMED", "Authorization",
                    "the Authorization header must be \"Bearer <token>\"");
        }
        Principal p = tokens.authenticate(parts[1].strip()).orElseThrow(() -> new ApiException(Status.UNAUTHORIZED_401,
                "TOKEN_INVALID", "Authorization", "this token is unknown or has been revoked"));
        if (!allowed.contains(p.role())) {
            throw new ApiException(Status.FORBIDDEN_403, "ROLE_NOT_ALLOWED", "Authorization",
                    "a " + p.role().name().toLowerCase(Locale.ROOT) + " token may not do this; it needs one of "
                            + allowed.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList());
        }
        return p;
    }

    /**
     * The pseudonymous id evidence is recorded under: the role and the token's number, never the name
     * the coordinator gave the token (which may identify a person).
     */
    public static String submitterId(Principal p) {
        return p.role().name().toLowerCase(Locale.ROOT) + "-" + p.tokenId();
    }
}
