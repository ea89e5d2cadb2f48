package org.testigo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenStoreTest {
    private Database db;
    private TokenStore tokens;

    @BeforeEach
    void open() {
        db = TestPostgres.open();
        tokens = new TokenStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void issuesA256BitTokenThatNamesItsHolder() {
        String token = tokens.create(Role.WITNESS, "radar-centro-0101");

        assertThat(token).matches("tgo_[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(token.substring(4))).hasSize(32);
        Principal p = tokens.authenticate(token).orElseThrow();
        assertThat(p.role()).isEqualTo(Role.WITNESS);
        assertThat(p.name()).isEqualTo("radar-centro-0101");
        assertThat(p.tokenId()).isEqualTo(tokens.list().get(0).id());
    }

    @Test
    void issuesADifferentTokenEachTime() {
        assertThat(tokens.create(Role.ADMIN, "a")).isNotEqualTo(tokens.create(Role.ADMIN, "a"));
    }

    @Test
    void knowsNothingOfMalformedOrUnknownTokens() {
        tokens.create(Role.ADMIN, "root");
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate("tgo_short")).isEmpty();
        assertThat(tokens.authenticate("tgo_" + "A".repeat(43))).isEmpty();
        assertThat(tokens.authenticate("xyz_" + "A".repeat(43))).isEmpty();
    }

    @Test
    void keepsOnlyTheSha256OfTheToken() throws Exception {
        String token = tokens.create(Role.COORDINATOR, "sala-situacional");
        String secret = token.substring(4);

        List<String> rows = new ArrayList<>();
        byte[] stored;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select row_to_json(t)::text from token t")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("select sha256 from token")) {
                rs.next();
                stored = rs.getBytes(1);
            }
        }
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row).doesNotContain(token).doesNotContain(secret).doesNotContain(secret.substring(0, 12));
            assertThat(row.toLowerCase()).doesNotContain(HexFormat.of().formatHex(Base64.getUrlDecoder().decode(secret)));
        });
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void stopsAcceptingARevokedToken() {
        String token = tokens.create(Role.VOLUNTEER, "v1");
        long id = tokens.authenticate(token).orElseThrow().tokenId();

        assertThat(tokens.revoke(id)).isTrue();

        assertThat(tokens.authenticate(token)).isEmpty();
        assertThat(tokens.revoke(id)).isFalse();
        assertThat(tokens.revoke(9_999)).isFalse();
        IssuedToken listed = tokens.list().get(0);
        assertThat(listed.revoked()).isTrue();
        assertThat(listed.revokedAt().orElseThrow()).isAfterOrEqualTo(listed.createdAt());
    }

    @Test
    void honoursARevocationByAnotherProcessOnceItsCacheExpires() {
        MutableClock clock = new MutableClock(Instant.parse("2024-07-28T18:00:00Z"));
        TokenStore server = new TokenStore(db, clock, Duration.ofSeconds(5));
        TokenStore cli = new TokenStore(db); // another process, as far as the server's cache knows
        String token = cli.create(Role.WITNESS, "w");
        long id = server.authenticate(token).orElseThrow().tokenId();

        cli.revoke(id);

        clock.advance(Duration.ofSeconds(4));
        assertThat(server.authenticate(token)).as("still cached").isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(server.authenticate(token)).isEmpty();
    }

    @Test
    void listsEveryTokenWithoutItsSecret() {
        tokens.create(Role.ADMIN, "admin");
        tokens.create(Role.WITNESS, "w1");
        assertThat(tokens.list()).extracting(IssuedToken::role, IssuedToken::name, IssuedToken::revoked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Role.ADMIN, "admin", false),
                        org.assertj.core.groups.Tuple.tuple(Role.WITNESS, "w1", false));
    }

    @Test
    void refusesANameThatIsNotAPseudonym() {
        assertThatThrownBy(() -> tokens.create(Role.WITNESS, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("name must be 1-200 characters");
        assertThatThrownBy(() -> Role.parse("root")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role must be one of witness, volunteer, coordinator, admin (got root)");
    }

    @Test
    void refusesAStoredTokenThatIsNotA256BitHash() {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("insert into token (sha256, role, name) values ('\\x00'::bytea, 'admin', 'x')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("token_sha256_check");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
