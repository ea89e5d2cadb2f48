package org.testigo.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What one leaf of the evidence log says, as one line of JSON with its fields in a fixed order: a
 * person can read an entry bundle, and anyone can re-encode an entry and get the same bytes (parsing
 * refuses any entry that is not in that canonical form, so two spellings of one fact cannot both be
 * in the log).
 */
public sealed interface LogEntry permits LogEntry.EvidenceRecorded, LogEntry.StateChanged {

    ObjectMapper MAPPER = new ObjectMapper();

    /** The entry's bytes: the leaf data the Merkle tree hashes. */
    byte[] bytes();

    /**
     * A piece of evidence as stored: the SHA-256 of the exact bytes received and who (pseudonymously), how
     * and when, and what the format made of it.
     */
    record EvidenceRecorded(long evidenceId, byte[] sha256, String channel, String submitter, String format, String mediaType,
            String table, String verdict, Instant receivedAt) implements LogEntry {

        public EvidenceRecorded {
            if (sha256.length != 32) {
                throw new IllegalArgumentException("sha256 has 32 bytes, not " + sha256.length);
            }
            sha256 = sha256.clone();
            receivedAt = Instant.ofEpochSecond(receivedAt.getEpochSecond(), receivedAt.getNano() / 1000 * 1000);
        }

        @Override
        public byte[] sha256() {
            return sha256.clone();
        }

        @Override
        public byte[] bytes() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("kind", "evidence");
            o.put("evidence", evidenceId);
            o.put("sha256", HexFormat.of().formatHex(sha256));
            o.put("channel", channel);
            o.put("submitter", submitter);
            o.put("format", format);
            o.put("media_type", mediaType);
            o.put("table", table);
            o.put("verdict", verdict);
            o.put("received_at", receivedAt.toString());
            return write(o);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof EvidenceRecorded e && Arrays.equals(e.bytes(), bytes());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes());
        }
    }

    /** The kinds of state change the log records. */
    enum Change {
        /** A table's consolidated result changed (first accepted, or confirmed by more evidence). */
        ACCEPTED,
        /** Copies of a table's acta disagree; the table is not counted until reviewed. */
        CONFLICT_OPENED,
        /** People decided a conflict or a transcription. */
        REVIEW_DECISION,
        /** Evidence was set aside or superseded (never deleted). */
        CORRECTION;

        String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Change of(String code) {
            for (Change c : values()) {
                if (c.code().equals(code)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown state change \"" + code + "\"");
        }
    }

    /** A change of a table's state, naming the evidence it rests on. */
    record StateChanged(Change change, String table, String status, List<Long> evidence, String detail, Instant at) implements LogEntry {

        public StateChanged {
            evidence = List.copyOf(evidence);
            at = Instant.ofEpochSecond(at.getEpochSecond(), at.getNano() / 1000 * 1000);
        }

        @Override
        public byte[] bytes() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("kind", "state");
            o.put("change", change.code());
            o.put("table", table);
            o.put("status", status);
            ArrayNode ids = o.putArray("evidence");
            evidence.forEach(ids::add);
            o.put("detail", detail);
            o.put("at", at.toString());
            return write(o);
        }
    }

    private static byte[] write(ObjectNode o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Reads an entry; throws saying what is wrong, including when the bytes are not in canonical form. */
    static LogEntry parse(byte[] bytes) {
        JsonNode o;
        try {
            o = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a log entry is one JSON object: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("a log entry is one JSON object: " + e.getMessage());
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("a log entry is one JSON object");
        }
        LogEntry entry = switch (text(o, "kind")) {
            case "evidence" -> new EvidenceRecorded(number(o, "evidence"), sha256(o), text(o, "channel"), text(o, "submitter"),
                    text(o, "format"), text(o, "media_type"), text(o, "table"), text(o, "verdict"), instant(o, "received_at"));
            case "state" -> new StateChanged(Change.of(text(o, "change")), text(o, "table"), text(o, "status"), ids(o),
                    text(o, "detail"), instant(o, "at"));
            default -> throw new IllegalArgumentException("unknown log entry kind \"" + text(o, "kind") + "\"");
        };
        if (!Arrays.equals(entry.bytes(), bytes)) {
            throw new IllegalArgumentException("the log entry is not in canonical form (fields in order, no spaces): "
                    + new String(bytes, StandardCharsets.UTF_8));
        }
        return entry;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("log entry field \"" + field + "\" is missing or not a string");
        }
        return v.asText();
    }

    private static long number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("log entry field \"" + field + "\" is missing or not an integer");
        }
        return v.asLong();
    }

    private static byte[] sha256(JsonNode o) {
        String hex = text(o, "sha256");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("log entry field \"sha256\" is 64 lowercase hex digits, not \"" + hex + "\"");
        }
        return HexFormat.of().parseHex(hex);
    }

    private static Instant instant(JsonNode o, String field) {
        try {
            return Instant.parse(text(o, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("log entry field \"" + field + "\" is an ISO-8601 instant, not \"" + text(o, field) + "\"");
        }
    }

    private static List<Long> ids(JsonNode o) {
        JsonNode v = o.get("evidence");
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("log entry field \"evidence\" is missing or not an array");
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode id : v) {
            if (!id.canConvertToExactIntegral()) {
                throw new IllegalArgumentException("log entry field \"evidence\" holds evidence ids (integers)");
            }
            out.add(id.asLong());
        }
        return out;
    }
}
