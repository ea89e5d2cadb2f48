package org.testigo.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.testigo.election.Counts;
import org.testigo.election.TableId;
import org.testigo.tally.Check;
import org.testigo.tally.Tally;
import org.testigo.tally.Verdict;
import org.testigo.tally.Verification;

/**
 * How evidence maps to and from an {@code evidence} row. The mapping is exact: a tally and its
 * verification read back equal the ones written (counts, card counts, counters, checks with their
 * details, the signature verdict and its reason).
 *
 * <p>{@code counters} is a JSON object {@code {"name": number}} in key order; {@code checks} is a JSON
 * array {@code [{"name": …, "passed": …, "detail": …}]} in the order the format ran them.
 */
final class EvidenceRows {
    static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The columns {@link #read} expects, in order. */
    static final String COLUMNS = "id, encode(content_sha256, 'hex'), channel, submitter, format, received_at, tally_format, table_id,"
            + " acta_id, candidates::text, cards::text, null_votes, blank_votes, counters::text, verdict, reason, checks::text";

    private EvidenceRows() {
    }

    static StoredEvidence read(ResultSet rs) throws SQLException {
        Tally tally = new Tally(rs.getString(7), new TableId(rs.getString(8)), rs.getString(9), counts(rs.getString(10)),
                counts(rs.getString(11)), rs.getInt(12), rs.getInt(13), counters(rs.getString(14)));
        Verification verification = new Verification(Verdict.valueOf(rs.getString(15)), rs.getString(16), checks(rs.getString(17)));
        return new StoredEvidence(rs.getLong(1), rs.getString(2), new Channel(rs.getString(3)), rs.getString(4), rs.getString(5), tally,
                verification, rs.getObject(6, OffsetDateTime.class).toInstant());
    }

    /**
     * Reads an integer[] from its text form ({@code {1,2,3}}): several times faster than the driver's
     * boxed {@code getArray()}, which matters when a million rows are read at start-up.
     */
    static Counts counts(String text) {
        if (text == null || text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
            throw new IllegalStateException("the database returned a malformed integer array: " + text);
        }
        int end = text.length() - 1;
        if (end == 1) {
            return Counts.empty();
        }
        int n = 1;
        for (int i = 1; i < end; i++) {
            if (text.charAt(i) == ',') {
                n++;
            }
        }
        int[] values = new int[n];
        int k = 0;
        int v = 0;
        for (int i = 1; i < end; i++) {
            char ch = text.charAt(i);
            if (ch == ',') {
                values[k++] = v;
                v = 0;
            } else if (ch >= '0' && ch <= '9') {
                v = v * 10 + (ch - '0');
            } else {
                throw new IllegalStateException("the database returned a count that is not a non-negative integer: " + text);
            }
        }
        values[k] = v;
        return Counts.of(values);
    }

    /** An integer[] literal, e.g. {@code {1,2,3}}. */
    static String arrayLiteral(Counts counts) {
        StringBuilder sb = new StringBuilder(counts.size() * 4 + 2).append('{');
        for (int i = 0; i < counts.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(counts.get(i));
        }
        return sb.append('}').toString();
    }

    static String countersJson(Map<String, Long> counters) {
        ObjectNode o = JSON.createObjectNode();
        new TreeMap<>(counters).forEach(o::put);
        return o.toString();
    }

    private static Map<String, Long> counters(String json) {
        Map<String, Long> counters = new TreeMap<>();
        parse(json).properties().forEach(p -> counters.put(p.getKey(), p.getValue().asLong()));
        return counters;
    }

    static String checksJson(List<Check> checks) {
        ArrayNode a = JSON.createArrayNode();
        for (Check c : checks) {
            ObjectNode o = a.addObject().put("name", c.name()).put("passed", c.passed());
            if (c.detail() == null) {
                o.putNull("detail");
            } else {
                o.put("detail", c.detail());
            }
        }
        return a.toString();
    }

    private static List<Check> checks(String json) {
        List<Check> checks = new ArrayList<>();
        for (JsonNode c : parse(json)) {
            JsonNode detail = c.get("detail");
            checks.add(new Check(c.get("name").asText(), c.get("passed").asBoolean(), detail == null || detail.isNull() ? null : detail.asText()));
        }
        return checks;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the database returned malformed JSON: " + json, e);
        }
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The evidence a new row holds: what was drafted, under its id. */
    static StoredEvidence stored(long id, String sha256Hex, EvidenceDraft d) {
        return new StoredEvidence(id, sha256Hex, d.channel(), d.submitter(), d.format(), d.tally(), d.verification(), d.receivedAt());
    }
}
