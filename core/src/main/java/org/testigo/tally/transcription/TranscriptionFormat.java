package org.testigo.tally.transcription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testigo.election.Ballot;
import org.testigo.election.Counts;
import org.testigo.election.TableId;
import org.testigo.tally.Decoding;
import org.testigo.tally.Problem;
import org.testigo.tally.Tally;
import org.testigo.tally.TallyContext;
import org.testigo.tally.TallyFormat;
import org.testigo.tally.Verification;

/**
 * {@value #ID}: an acta as people at the transcription desk read it from its photo(s), two of them
 * independently and agreeing. The evidence's content is one line of JSON with its fields in a fixed
 * order ({@link #content}), so anyone holding the open-data bundle can decode it again, as they decode a
 * QR text:
 * <pre>
 * {"kind":"transcription","task":12,"images":[{"id":14,"sha256":"5d1f…"}],"table":"201301006.01",
 *  "cards":[140,7,…],"candidates":[167,…],"null":0,"blank":0,"volunteers":["volunteer-3","volunteer-5"]}
 * </pre>
 * {@code kind} is {@code transcription} (a photo nobody's software could read) or {@code review} (a
 * conflicted table settled from its photos). {@code cards} is empty when the ballot has none; the
 * candidates are then typed directly. Never signed: the verdict is always not-verifiable.
 */
public final class TranscriptionFormat implements TallyFormat {
    public static final String ID = "transcription-v1";
    public static final String MEDIA_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A photo the reading was made from. */
    public record Image(long id, String sha256) {
    }

    /**
     * What the desk agreed on.
     *
     * @param kind {@code transcription} or {@code review}
     * @param cards votes per card in ballot order (empty when the ballot has no cards)
     * @param candidates votes per candidate in ballot order (the cards added up, when there are cards)
     */
    public record Reading(String kind, long task, List<Image> images, TableId table, Counts cards, Counts candidates, int nullVotes,
                          int blankVotes, List<String> volunteers) {
        public Reading {
            if (!kind.equals("transcription") && !kind.equals("review")) {
                throw new IllegalArgumentException("kind is transcription or review, not " + kind);
            }
            images = List.copyOf(images);
            volunteers = List.copyOf(volunteers);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "an acta transcribed from its photo at the transcription desk (double entry)";
    }

    @Override
    public boolean recognizes(List<String> payloads) {
        return payloads.size() == 1 && payloads.get(0).startsWith("{\"kind\":\"transcription\"")
                || payloads.size() == 1 && payloads.get(0).startsWith("{\"kind\":\"review\"");
    }

    @Override
    public Optional<TallyContext> defaultContext() {
        return Optional.empty();
    }

    /** The evidence content of a reading: one line of JSON, fields in a fixed order. */
    public static byte[] content(Reading r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", r.kind());
        o.put("task", r.task());
        ArrayNode images = o.putArray("images");
        for (Image i : r.images()) {
            images.addObject().put("id", i.id()).put("sha256", i.sha256());
        }
        o.put("table", r.table().value());
        ArrayNode cards = o.putArray("cards");
        for (int v : r.cards().toArray()) {
            cards.add(v);
        }
        ArrayNode candidates = o.putArray("candidates");
        for (int v : r.candidates().toArray()) {
            candidates.add(v);
        }
        o.put("null", r.nullVotes());
        o.put("blank", r.blankVotes());
        ArrayNode volunteers = o.putArray("volunteers");
        r.volunteers().forEach(volunteers::add);
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The tally a reading stands for. */
    public static Tally tally(Reading r) {
        return new Tally(ID, r.table(), null, r.candidates(), r.cards(), r.nullVotes(), r.blankVotes(), java.util.Map.of());
    }

    public static Verification verification(Reading r) {
        return Verification.notVerifiable("read from the acta's photo by " + r.volunteers().size()
                + " volunteers of the transcription desk, independently and agreeing; an acta read by people carries no signature", List.of());
    }

    @Override
    public Decoding decode(List<String> payloads, TallyContext context) {
        if (payloads.size() != 1) {
            return refused("payload", "a transcription is one JSON document, got " + payloads.size());
        }
        JsonNode o;
        try {
            o = JSON.readTree(payloads.get(0).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return refused("payload", "not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (o == null || !o.isObject()) {
            return refused("payload", "a transcription is a JSON object");
        }
        String kind = o.path("kind").asText("");
        if (!kind.equals("transcription") && !kind.equals("review")) {
            return refused("kind", "kind is transcription or review");
        }
        String table = o.path("table").asText("");
        if (!TableId.isValid(table)) {
            return refused("table", "not a table id: " + table);
        }
        Ballot ballot = context.ballot();
        long[] cards = numbers(o.get("cards"));
        long[] candidates = numbers(o.get("candidates"));
        if (cards == null || candidates == null || !o.path("null").canConvertToInt() || !o.path("blank").canConvertToInt()
                || o.path("null").intValue() < 0 || o.path("blank").intValue() < 0) {
            return refused("counts", "cards, candidates, null and blank must be whole numbers of at least 0");
        }
        if (candidates.length != ballot.candidates().size()) {
            return refused("candidates", candidates.length + " candidate counts for a ballot of " + ballot.candidates().size());
        }
        if (cards.length != 0 && cards.length != ballot.cards().size()) {
            return refused("cards", cards.length + " card counts for a ballot of " + ballot.cards().size());
        }
        if (cards.length != 0 && !ballot.candidateVotes(Counts.of(cards)).equals(Counts.of(candidates))) {
            return refused("candidates", "the candidates' votes are not the sums of their cards'");
        }
        List<String> volunteers = new ArrayList<>();
        o.path("volunteers").forEach(v -> volunteers.add(v.asText()));
        List<Image> images = new ArrayList<>();
        o.path("images").forEach(i -> images.add(new Image(i.path("id").asLong(), i.path("sha256").asText())));
        Reading r = new Reading(kind, o.path("task").asLong(), images, new TableId(table), Counts.of(cards), Counts.of(candidates),
                o.path("null").intValue(), o.path("blank").intValue(), volunteers);
        return new Decoding.Decoded(tally(r), verification(r));
    }

    private static long[] numbers(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = array.get(i);
            if (!n.canConvertToInt() || n.intValue() < 0 || !n.isIntegralNumber()) {
                return null;
            }
            out[i] = n.intValue();
        }
        return out;
    }

    private static Decoding refused(String field, String message) {
        return new Decoding.Refused(new Problem(TranscriptionProblem.MALFORMED, field, message));
    }

    /** Why transcription content cannot be read. */
    public enum TranscriptionProblem implements org.testigo.tally.ProblemCode {
        MALFORMED
    }
}
