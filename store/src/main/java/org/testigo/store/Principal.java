package org.testigo.store;

/**
 * Who a valid token speaks for.
 *
 * @param tokenId the token's id (what {@link TokenStore#revoke} takes)
 * @param name the pseudonym the token was issued to
 */
public record Principal(long tokenId, Role role, String name) {
}
