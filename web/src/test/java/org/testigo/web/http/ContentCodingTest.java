package org.testigo.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testigo.web.http.ContentCoding.BR;
import static org.testigo.web.http.ContentCoding.GZIP;
import static org.testigo.web.http.ContentCoding.IDENTITY;

import org.junit.jupiter.api.Test;

/** Accept-Encoding negotiation against RFC 9110 §12.5.3, case by case. */
class ContentCodingTest {
    private static ContentCoding both(String header) {
        return ContentCoding.negotiate(header, true, true);
    }

    @Test
    void withoutTheHeaderTheBodyGoesAsItIs() {
        assertThat(both(null)).isEqualTo(IDENTITY);
        assertThat(both("")).isEqualTo(IDENTITY);
    }

    @Test
    void browsersGetBrotliAndOlderClientsGzip() {
        assertThat(both("gzip, deflate, br, zstd")).isEqualTo(BR);
        assertThat(both("gzip, deflate")).isEqualTo(GZIP);
        assertThat(both("x-gzip")).isEqualTo(GZIP);
        assertThat(both("GZIP")).isEqualTo(GZIP);
        assertThat(ContentCoding.negotiate("gzip, br", true, false)).isEqualTo(GZIP);
    }

    @Test
    void qValuesRankAndZeroRefuses() {
        assertThat(both("br;q=0.5, gzip;q=0.8")).isEqualTo(GZIP);
        assertThat(both("br;q=0.8, gzip;q=0.5")).isEqualTo(BR);
        assertThat(both("br;q=0, gzip")).isEqualTo(GZIP);
        assertThat(both("br;q=0, gzip;q=0")).isEqualTo(IDENTITY);
        assertThat(both("br ; q=0.001")).isEqualTo(BR);
        assertThat(both("identity;q=1, gzip;q=0.5")).isEqualTo(IDENTITY);
        assertThat(both("identity;q=0.5, gzip;q=0.6")).isEqualTo(GZIP);
    }

    @Test
    void theWildcardStandsForEveryCodingNotNamed() {
        assertThat(both("*")).isEqualTo(BR);
        assertThat(both("br;q=0, *")).isEqualTo(GZIP);
        assertThat(both("*;q=0.2, gzip;q=0.9")).isEqualTo(GZIP);
        assertThat(both("*;q=0.9, gzip;q=0.2")).isEqualTo(BR);
    }

    @Test
    void aClientRefusingEverythingStillGetsTheBody() {
        assertThat(both("*;q=0")).isEqualTo(IDENTITY);
        assertThat(both("identity;q=0")).isEqualTo(IDENTITY); // names nothing acceptable: served anyway
        assertThat(both("identity;q=0, gzip")).isEqualTo(GZIP);
        assertThat(both("zstd")).isEqualTo(IDENTITY);
    }

    @Test
    void malformedQValuesRefuseRatherThanPrefer() {
        assertThat(both("br;q=banana, gzip")).isEqualTo(GZIP);
        assertThat(both("br;q=2, gzip")).isEqualTo(GZIP);
        assertThat(both("br;q=NaN, gzip;q=-1")).isEqualTo(IDENTITY);
    }

    @Test
    void eachCodingsTagIsTheIdentityTagMarked() {
        assertThat(IDENTITY.etag("\"abc\"")).isEqualTo("\"abc\"");
        assertThat(GZIP.etag("\"abc\"")).isEqualTo("\"abc-gzip\"");
        assertThat(BR.etag("\"abc\"")).isEqualTo("\"abc-br\"");
    }
}
