package org.testigo.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Card;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;

/**
 * The {@code election.manifest} document: everything about an election except its geography, as
 * JSON. Written by hand rather than by reflection so that renaming a Java field never silently changes
 * what is stored. Maps are written in key order and numbers of official figures as strings, so the
 * same election always gives the same bytes (its fingerprint) and decimals come back with their scale.
 *
 * <pre>{@code
 * {"manifest": 1, "id": "ve-2024", "name": "…", "date": "2024-07-28", "tallyFormat": "ve-2024",
 *  "formatOptions": {…}, "levels": ["estado", …], "nation": "Venezuela",
 *  "expectedTables": 30026, "expectedElectorate": 21620705,
 *  "ballot": {"candidates": [{"id": "EG", "name": "…"}], "cards": [{"id": "UNTC", "name": "UNTC", "candidate": "EG"}], "blank": false},
 *  "official": [{"id": "…", "announced": "…", "note": "…", "figures": [{"item": "NM", "value": "5150092"}]}]}
 * }</pre>
 */
final class ElectionManifest {
    static final int VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper();

    private ElectionManifest() {
    }

    static ObjectNode write(Election e) {
        ObjectNode m = JSON.createObjectNode();
        m.put("manifest", VERSION);
        m.put("id", e.id());
        m.put("name", e.name());
        m.put("date", e.date());
        m.put("tallyFormat", e.tallyFormat());
        ObjectNode options = m.putObject("formatOptions");
        new TreeMap<>(e.formatOptions()).forEach(options::put);
        ArrayNode levels = m.putArray("levels");
        e.levels().forEach(levels::add);
        m.put("nation", e.geography().node(0).name());
        m.put("expectedTables", e.expectedTables());
        m.put("expectedElectorate", e.expectedElectorate());
        ObjectNode ballot = m.putObject("ballot");
        ArrayNode candidates = ballot.putArray("candidates");
        for (Candidate c : e.ballot().candidates()) {
            candidates.addObject().put("id", c.id()).put("name", c.name());
        }
        ArrayNode cards = ballot.putArray("cards");
        for (Card c : e.ballot().cards()) {
            cards.addObject().put("id", c.id()).put("name", c.name()).put("candidate", c.candidate());
        }
        ballot.put("blank", e.ballot().blank());
        ArrayNode official = m.putArray("official");
        for (OfficialBulletin b : e.official()) {
            ObjectNode bulletin = official.addObject().put("id", b.id()).put("announced", b.announced()).put("note", b.note());
            ArrayNode figures = bulletin.putArray("figures");
            for (OfficialFigure f : b.figures()) {
                figures.addObject().put("item", f.item()).put("value", f.value().toString());
            }
        }
        return m;
    }

    /** A text field that may be JSON null (the election model does not require name, date or format). */
    private static String text(JsonNode m, String field) {
        JsonNode n = m.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The election described by {@code m}, around a geography read separately. */
    static Election read(JsonNode m, Geography geography) {
        int version = m.path("manifest").asInt(-1);
        if (version != VERSION) {
            throw new IllegalStateException("the stored election manifest has version " + version + ", this Testigo reads " + VERSION);
        }
        Map<String, String> options = new LinkedHashMap<>();
        m.get("formatOptions").properties().forEach(p -> options.put(p.getKey(), p.getValue().asText()));
        List<String> levels = new ArrayList<>();
        m.get("levels").forEach(l -> levels.add(l.asText()));
        JsonNode b = m.get("ballot");
        List<Candidate> candidates = new ArrayList<>();
        b.get("candidates").forEach(c -> candidates.add(new Candidate(c.get("id").asText(), c.get("name").asText())));
        List<Card> cards = new ArrayList<>();
        b.get("cards").forEach(c -> cards.add(new Card(c.get("id").asText(), c.get("name").asText(), c.get("candidate").asText())));
        Ballot ballot = new Ballot(candidates, cards, b.get("blank").asBoolean());
        List<OfficialBulletin> official = new ArrayList<>();
        for (JsonNode o : m.get("official")) {
            List<OfficialFigure> figures = new ArrayList<>();
            o.get("figures").forEach(f -> figures.add(new OfficialFigure(f.get("item").asText(), new BigDecimal(f.get("value").asText()))));
            official.add(new OfficialBulletin(o.get("id").asText(), o.get("announced").asText(), o.get("note").asText(), figures));
        }
        return new Election(m.get("id").asText(), text(m, "name"), text(m, "date"), text(m, "tallyFormat"),
                options, levels, ballot, geography, m.get("expectedTables").asLong(), m.get("expectedElectorate").asLong(), official);
    }
}
