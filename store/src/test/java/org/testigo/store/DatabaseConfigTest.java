package org.testigo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void readsALibpqStyleUrl() {
        DatabaseConfig.Server s = DatabaseConfig.server("postgresql://testigo:s3cret@db.example.org:5433/evidence");
        assertThat(s).isEqualTo(new DatabaseConfig.Server("db.example.org", 5433, "evidence", "testigo", "s3cret", Map.of()));
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:5433/evidence");
    }

    @Test
    void readsAJdbcUrlWithCredentialsAsParameters() {
        DatabaseConfig.Server s = DatabaseConfig.server("jdbc:postgresql://10.0.0.7/evidence?user=u&password=p%26w&sslmode=require");
        assertThat(s).isEqualTo(new DatabaseConfig.Server("10.0.0.7", 5432, "evidence", "u", "p&w", Map.of("sslmode", "require")));
    }

    @Test
    void decodesPercentEncodedCredentialsAndKeepsPlusSigns() {
        DatabaseConfig.Server s = DatabaseConfig.server("postgres://ana%40ong:a%2Fb+c%3A@localhost/db");
        assertThat(s.user()).isEqualTo("ana@ong");
        assertThat(s.password()).isEqualTo("a/b+c:");
    }

    @Test
    void acceptsAnIpv6Host() {
        DatabaseConfig.Server s = DatabaseConfig.server("postgresql://u@[::1]:6000/db");
        assertThat(s.host()).isEqualTo("::1");
        assertThat(s.port()).isEqualTo(6000);
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:6000/db");
    }

    @Test
    void neverShowsThePasswordWhenPrinted() {
        assertThat(DatabaseConfig.server("postgresql://u:hunter2@h/db").toString()).isEqualTo("postgresql://u:***@h:5432/db")
                .doesNotContain("hunter2");
    }

    @Test
    void refusesAUrlWithoutADatabaseNameAndSaysWhatIsExpected() {
        assertThatThrownBy(() -> DatabaseConfig.server("postgresql://u:hunter2@localhost:5432"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("/<database name>")
                .hasMessageContaining("expected postgresql://user:password@host:port/database")
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((StoreException) e).reason()).isEqualTo(StoreException.Reason.BAD_URL);
    }

    @Test
    void refusesAnotherScheme() {
        assertThatThrownBy(() -> DatabaseConfig.server("mysql://u@h/db"))
                .isInstanceOf(StoreException.class).hasMessageContaining("must start with postgresql://");
    }

    @Test
    void refusesAMalformedUrlWithoutEchoingItsPassword() {
        assertThatThrownBy(() -> DatabaseConfig.server("postgresql://u:pa ss@h/db"))
                .isInstanceOf(StoreException.class).hasMessageContaining("not a valid URL").hasMessageNotContaining("pa ss");
    }

    @Test
    void keepsTheEmbeddedClusterInThePostgresSubfolder() {
        DatabaseConfig.Embedded e = DatabaseConfig.embedded(Path.of("data/../data"));
        assertThat(e.dataDir().isAbsolute()).isTrue();
        assertThat(e.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(e.clusterDir()).isEqualTo(e.dataDir().resolve("postgres"));
    }
}
