package org.testigo.store;

import java.time.Instant;
import java.util.Optional;

/** A token as the store knows it: everything but the token itself, which is never kept. */
public record IssuedToken(long id, Role role, String name, Instant createdAt, Optional<Instant> revokedAt) {
    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
