package org.testigo.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The front door's reading of find-my-table's usual body, without a JSON tree, and what it leaves to the JSON parser. */
class PlainNationalIdTest {
    private static String read(String body) {
        return LookupApi.plainNationalId(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheUsualShapes() {
        assertThat(read("{\"national_id\":\"12345678\"}")).isEqualTo("12345678");
        assertThat(read(" {\n  \"national_id\" : \"V-12.345.678\"\t}\r\n")).isEqualTo("V-12.345.678");
        assertThat(read("{\"national_id\":\"\"}")).isEmpty();
    }

    @Test
    void leavesEverythingElseToTheParser() {
        String[] others = {
            "", "{}", "[\"national_id\"]", "{\"national_id\":12345678}", // a number, not a string
            "{\"national_id\":\"12\\u0033\"}", // an escape
            "{\"national_id\":\"1234\u00e9\"}", // beyond ASCII
            "{\"national_id\":\"123\",\"x\":1}", // another field
            "{\"national_id\":\"123\"", "{\"national_id\":\"123\"}}", "{\"national_id\":\"123\"} x",
            "{\"NATIONAL_ID\":\"123\"}", "{'national_id':'123'}",
            "{\"national_id\":\"" + "1".repeat(70) + "\"}", // longer than an id is
        };
        for (String o : others) {
            assertThat(read(o)).as(o).isNull();
        }
    }
}
