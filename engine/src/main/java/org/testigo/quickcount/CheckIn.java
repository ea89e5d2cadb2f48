package org.testigo.quickcount;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.TableId;
import org.testigo.views.Json;

/**
 * What a witness of a sampled table phones in for the quick count: the number of people who have voted
 * by one of the day's turnout times, or the table's result as counted. A check-in is evidence (kept and
 * logged like an acta) but never an acta: it does not count toward the totals.
 */
public sealed interface CheckIn permits CheckIn.Turnout, CheckIn.Result {
    /** The evidence format of a check-in's content. */
    String FORMAT = "checkin-v1";
    String MEDIA_TYPE = "application/json";

    TableId table();

    /** {@code turnout} or {@code result}. */
    String kind();

    /**
     * The bytes stored as evidence: one line of JSON with its fields in a fixed order, so the same
     * check-in sent twice (whatever the spacing or field order of the request) is the same evidence.
     * <pre>
     * {"kind":"turnout","table":"010113042.01","at":"10:00","voters":123}
     * {"kind":"result","table":"010113042.01","votes":{"EG":232,"NM":120,…},"null":0,"blank":0}
     * </pre>
     * A result's votes are in ballot order, every candidate named.
     */
    byte[] content(Ballot ballot);

    /** @param at one of the deployment's turnout times; {@code voters} had voted by then */
    record Turnout(TableId table, LocalTime at, long voters) implements CheckIn {
        public Turnout {
            if (voters < 0) {
                throw new IllegalArgumentException("voters cannot be negative");
            }
        }

        @Override
        public String kind() {
            return "turnout";
        }

        @Override
        public byte[] content(Ballot ballot) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("kind", kind());
            o.put("table", table.value());
            o.put("at", at.toString());
            o.put("voters", voters);
            return Json.bytes(o);
        }
    }

    /** @param votes by candidate id, as phoned in */
    record Result(TableId table, Map<String, Long> votes, long nullVotes, long blankVotes) implements CheckIn {
        public Result {
            votes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(votes));
        }

        @Override
        public String kind() {
            return "result";
        }

        @Override
        public byte[] content(Ballot ballot) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("kind", kind());
            o.put("table", table.value());
            ObjectNode v = o.putObject("votes");
            for (Candidate c : ballot.candidates()) {
                v.put(c.id(), votes.get(c.id()));
            }
            o.put("null", nullVotes);
            o.put("blank", blankVotes);
            return Json.bytes(o);
        }
    }
}
