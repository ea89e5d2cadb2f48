package org.testigo.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Card;
import org.testigo.election.Counts;
import org.testigo.election.Election;
import org.testigo.election.TableId;
import org.testigo.views.Json;

/**
 * What one volunteer typed for a task: the table and every count on the acta (each card's where the
 * ballot has cards, else each candidate's; null and blank), or that the photo cannot be read. Two
 * readings agree when their {@link #canonical()} texts are equal: every field alike, the card split
 * included (double entry checks each box of the form, not just the totals).
 *
 * @param cards empty when the ballot has no cards
 */
public record Reading(TableId table, Counts cards, Counts candidates, int nullVotes, int blankVotes, boolean unreadable) {

    /** A field of an entry that is wrong: the code, the field and a message for people. */
    public static final class Invalid extends RuntimeException {
        private final String code;
        private final String field;
        private final int status;

        Invalid(int status, String code, String field, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.field = field;
        }

        public String code() {
            return code;
        }

        public String field() {
            return field;
        }

        /** 400 for a malformed entry, 422 for one that does not fit the election. */
        public int status() {
            return status;
        }
    }

    public static Reading unreadableReading() {
        return new Reading(null, Counts.empty(), Counts.empty(), 0, 0, true);
    }

    /** One line of JSON, fields in a fixed order. */
    public String canonical() {
        ObjectNode o = Json.mapper().createObjectNode();
        if (unreadable) {
            o.put("unreadable", true);
            return new String(Json.bytes(o), java.nio.charset.StandardCharsets.UTF_8);
        }
        o.put("table", table.value());
        ArrayNode c = o.putArray("cards");
        for (int v : cards.toArray()) {
            c.add(v);
        }
        ArrayNode k = o.putArray("candidates");
        for (int v : candidates.toArray()) {
            k.add(v);
        }
        o.put("null", nullVotes);
        o.put("blank", blankVotes);
        return new String(Json.bytes(o), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads back a {@link #canonical()} text. */
    public static Reading ofCanonical(String text) {
        try {
            JsonNode o = Json.mapper().readTree(text);
            if (o.path("unreadable").asBoolean(false)) {
                return unreadableReading();
            }
            return new Reading(new TableId(o.get("table").asText()), counts(o.get("cards")), counts(o.get("candidates")),
                    o.get("null").intValue(), o.get("blank").intValue(), false);
        } catch (IOException e) {
            throw new IllegalStateException("a stored reading is canonical JSON: " + text, e);
        }
    }

    private static Counts counts(JsonNode a) {
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).longValue();
        }
        return Counts.of(v);
    }

    /**
     * An entry as the API receives it:
     * <pre>{"table": "201301006.01", "cards": {"PSUV": 140, …}, "null": 0, "blank": 0}</pre>
     * ({@code candidates} instead of {@code cards} when the ballot has no cards), or {@code {"unreadable": true}}.
     *
     * @param fixedTable the table of a conflict task (the entry may omit it, or must give the same), or null
     * @throws Invalid naming the field
     */
    public static Reading parse(JsonNode body, Election election, TableId fixedTable) {
        Ballot ballot = election.ballot();
        if (body.has("unreadable") && !body.get("unreadable").isNull()) {
            if (!body.get("unreadable").isBoolean()) {
                throw new Invalid(400, "FIELD_WRONG_TYPE", "unreadable", "field \"unreadable\" must be true or false");
            }
            if (body.get("unreadable").booleanValue()) {
                allowOnly(body, Set.of("unreadable"));
                return unreadableReading();
            }
        }
        boolean byCards = !ballot.cards().isEmpty();
        String countsField = byCards ? "cards" : "candidates";
        allowOnly(body, Set.of("table", countsField, "null", "blank", "unreadable"));
        TableId table;
        JsonNode t = body.get("table");
        if (t == null || t.isNull()) {
            if (fixedTable == null) {
                throw new Invalid(400, "FIELD_MISSING", "table", "field \"table\" is required: the table id printed on the acta");
            }
            table = fixedTable;
        } else {
            if (!t.isTextual()) {
                throw new Invalid(400, "FIELD_WRONG_TYPE", "table", "field \"table\" must be a string");
            }
            String text = t.textValue().strip();
            if (!TableId.isValid(text)) {
                throw new Invalid(400, "MALFORMED_TABLE_ID", "table", "a table id is 1-64 letters, digits and . _ : - (e.g. 010113042.01)");
            }
            table = new TableId(text);
            if (election.geography().tableIndex(table).isEmpty()) {
                throw new Invalid(422, "UNKNOWN_TABLE", "table", "no table " + text + " in election " + election.id());
            }
            if (fixedTable != null && !fixedTable.equals(table)) {
                throw new Invalid(422, "WRONG_TABLE", "table", "this task is about table " + fixedTable + ", not " + text);
            }
        }
        JsonNode counts = body.get(countsField);
        if (counts == null || counts.isNull()) {
            throw new Invalid(400, "FIELD_MISSING", countsField, "field \"" + countsField + "\" is required: an object of votes by "
                    + (byCards ? "card" : "candidate") + " id");
        }
        if (!counts.isObject()) {
            throw new Invalid(400, "FIELD_WRONG_TYPE", countsField, "field \"" + countsField + "\" must be an object of votes by id");
        }
        java.util.List<String> ids = byCards ? ballot.cards().stream().map(Card::id).toList()
                : ballot.candidates().stream().map(Candidate::id).toList();
        for (Iterator<String> it = counts.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            if (!ids.contains(id)) {
                throw new Invalid(422, byCards ? "UNKNOWN_CARD" : "UNKNOWN_CANDIDATE", countsField + "." + id, "the ballot has no "
                        + (byCards ? "card" : "candidate") + " \"" + id + "\"; it has " + ids);
            }
        }
        long[] values = new long[ids.size()];
        for (int i = 0; i < values.length; i++) {
            String field = countsField + "." + ids.get(i);
            JsonNode v = counts.get(ids.get(i));
            if (v == null || v.isNull()) {
                throw new Invalid(422, byCards ? "CARD_MISSING" : "CANDIDATE_MISSING", field, field + " is required: type every box, 0 included");
            }
            values[i] = count(v, field);
        }
        int nullVotes = (int) optionalCount(body, "null");
        int blank = (int) optionalCount(body, "blank");
        if (blank > 0 && !ballot.blank()) {
            throw new Invalid(422, "NO_BLANK_OPTION", "blank", "this ballot has no blank option; blank must be 0 or left out");
        }
        Counts typed = Counts.of(values);
        Counts cards = byCards ? typed : Counts.empty();
        Counts candidates = byCards ? ballot.candidateVotes(typed) : typed;
        return new Reading(table, cards, candidates, nullVotes, blank, false);
    }

    private static void allowOnly(JsonNode body, Set<String> allowed) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new Invalid(400, "UNKNOWN_FIELD", name, "an entry has no field \"" + name + "\"; its fields are "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private static long optionalCount(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? 0 : count(n, field);
    }

    private static long count(JsonNode n, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new Invalid(400, "FIELD_WRONG_TYPE", field, "field \"" + field + "\" must be a whole number, got "
                    + (n.isNumber() ? n.asText() : n.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        if (n.intValue() < 0 || n.intValue() > 1_000_000) {
            throw new Invalid(400, "FIELD_OUT_OF_RANGE", field, "field \"" + field + "\" must be between 0 and 1000000 (got " + n.intValue() + ")");
        }
        return n.intValue();
    }

}
