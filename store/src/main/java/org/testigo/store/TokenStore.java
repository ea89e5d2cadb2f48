package org.testigo.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Bearer tokens: {@code tgo_} followed by 43 base64url characters (256 random bits). A token is shown
 * once, when created; the database keeps only its SHA-256. With 256 random bits, a fast hash is as
 * safe as a slow one, and lets authentication be one index lookup (so there is no secret to compare
 * in constant time either).
 *
 * <p>Every HTTP submission authenticates, so valid tokens are cached in memory for a short while
 * ({@code cacheFor}): a revocation made by this store applies at once, one made by another process
 * (the CLI) within {@code cacheFor}. Unknown tokens are never cached, so guessing cannot fill memory.
 */
public final class TokenStore {
    public static final String PREFIX = "tgo_";
    private static final Pattern FORMAT = Pattern.compile("tgo_[A-Za-z0-9_-]{43}");
    private static final Duration DEFAULT_CACHE = Duration.ofSeconds(5);

    private final Database database;
    private final Clock clock;
    private final Duration cacheFor;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Principal principal, Instant until) {
    }

    public TokenStore(Database database) {
        this(database, Clock.systemUTC(), DEFAULT_CACHE);
    }

    /** @param cacheFor how long a successful authentication is remembered */
    public TokenStore(Database database, Clock clock, Duration cacheFor) {
        this.database = database;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    /**
     * Issues a token; the returned text is the only copy, to be handed to its holder.
     *
     * @param name a pseudonym for the holder (1-200 characters)
     */
    public String create(Role role, String name) {
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name must be 1-200 characters without control characters (got "
                    + (name == null ? "null" : '"' + name + '"') + ")");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("insert into token (sha256, role, name) values (?, ?, ?)")) {
            ps.setBytes(1, EvidenceRows.sha256(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            ps.setString(2, role.id());
            ps.setString(3, name);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Database.unavailable("create a token", e);
        }
        return token;
    }

    /** Who the token speaks for, or empty when it is malformed, unknown or revoked. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        byte[] hash = EvidenceRows.sha256(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String key = EvidenceRows.HEX.formatHex(hash);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.principal());
        }
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select id, role, name from token where sha256 = ? and revoked_at is null")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    cache.remove(key);
                    return Optional.empty();
                }
                Principal principal = new Principal(rs.getLong(1), Role.parse(rs.getString(2)), rs.getString(3));
                cache.put(key, new Cached(principal, now.plus(cacheFor)));
                return Optional.of(principal);
            }
        } catch (SQLException e) {
            throw Database.unavailable("check a token", e);
        }
    }

    /** Revokes a token; true when it was active. Applies at once in this process. */
    public boolean revoke(long id) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("update token set revoked_at = now() where id = ? and revoked_at is null")) {
            ps.setLong(1, id);
            int changed = ps.executeUpdate();
            cache.values().removeIf(cached -> cached.principal().tokenId() == id);
            return changed == 1;
        } catch (SQLException e) {
            throw Database.unavailable("revoke token " + id, e);
        }
    }

    /** Every token ever issued, by id. */
    public List<IssuedToken> list() {
        try (Connection c = database.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, role, name, created_at, revoked_at from token order by id")) {
            List<IssuedToken> tokens = new ArrayList<>();
            while (rs.next()) {
                OffsetDateTime revoked = rs.getObject(5, OffsetDateTime.class);
                tokens.add(new IssuedToken(rs.getLong(1), Role.parse(rs.getString(2)), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), Optional.ofNullable(revoked).map(OffsetDateTime::toInstant)));
            }
            return tokens;
        } catch (SQLException e) {
            throw Database.unavailable("list tokens", e);
        }
    }
}
