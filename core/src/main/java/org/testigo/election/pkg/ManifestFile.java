package org.testigo.election.pkg;

import static org.testigo.election.pkg.JsonWithLines.element;
import static org.testigo.election.pkg.JsonWithLines.member;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Card;
import org.testigo.election.Election;
import org.testigo.election.pkg.PackageProblem.Code;

/** Reads and writes {@code election.json}, the package's manifest (docs/election-package.md §2). */
final class ManifestFile {
    static final String FILE = ElectionPackage.MANIFEST;
    /** Big enough for any real ballot (thousands of candidates), small enough to read at once. */
    private static final long MAX_BYTES = 16L << 20;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern OTHER_VERSION = Pattern.compile("testigo-election/[0-9]+");

    /** What the manifest says; a part that failed to read is null (its problems are already reported). */
    record Manifest(
            String id,
            String name,
            String date,
            String nation,
            String tallyFormat,
            Map<String, String> options,
            List<String> levels,
            long expectedTables,
            long expectedElectorate,
            Ballot ballot,
            int expectedTablesLine) {
    }

    private final JsonWithLines json;
    private final ProblemList<PackageProblem> problems;

    private ManifestFile(JsonWithLines json, ProblemList<PackageProblem> problems) {
        this.json = json;
        this.problems = problems;
    }

    /**
     * Reads the manifest, reporting every problem. Returns null when the file is not a
     * {@code testigo-election/1} manifest at all (unreadable, not JSON, another format or version): the
     * other files then mean nothing and are not read.
     */
    static Manifest read(Path path, ProblemList<PackageProblem> problems) {
        String text;
        try {
            if (Files.size(path) > MAX_BYTES) {
                problems.add(new PackageProblem(FILE, 0, "", Code.BAD_VALUE, "the manifest is larger than 16 MiB"));
                return null;
            }
            text = decodeUtf8(Files.readAllBytes(path), problems);
        } catch (IOException e) {
            problems.add(new PackageProblem(FILE, 0, "", Code.UNREADABLE, "cannot be read: " + e));
            return null;
        }
        return text == null ? null : read(text, problems);
    }

    /** Reads a manifest already decoded from UTF-8, e.g. an election's stored description. */
    static Manifest read(String text, ProblemList<PackageProblem> problems) {
        JsonWithLines json;
        try {
            json = JsonWithLines.parse(text);
        } catch (JsonWithLines.SyntaxError e) {
            problems.add(new PackageProblem(FILE, e.line, "", Code.SYNTAX, "not well-formed JSON: " + e.getMessage()));
            return null;
        }
        return new ManifestFile(json, problems).manifest();
    }

    /** Strict UTF-8 without a byte order mark; the first bad byte is reported with its line. */
    private static String decodeUtf8(byte[] bytes, ProblemList<PackageProblem> problems) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            problems.add(new PackageProblem(FILE, 1, "", Code.BAD_ENCODING, "starts with a byte order mark; save it as UTF-8 without BOM"));
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            problems.add(new PackageProblem(FILE, line, "", Code.BAD_ENCODING,
                    String.format("byte 0x%02X at offset %d is not valid UTF-8", bytes[in.position()] & 0xFF, in.position())));
            return null;
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private Manifest manifest() {
        JsonNode root = json.root();
        if (!root.isObject()) {
            problems.add(new PackageProblem(FILE, 1, "", Code.UNKNOWN_FORMAT, "must be a JSON object whose first member is \"format\": \""
                    + ElectionPackage.FORMAT + "\""));
            return null;
        }
        if (!checkFormat((ObjectNode) root)) {
            return null;
        }
        ObjectNode top = (ObjectNode) root;
        unknownMembers(top, "", Set.of("format", "id", "name", "date", "nation", "tally_format", "levels", "expected", "ballot"));
        String id = code(top, "", "id");
        String name = text(top, "", "name");
        String date = date(top);
        String nation = text(top, "", "nation");

        String tallyFormat = null;
        Map<String, String> options = null;
        ObjectNode format = object(top, "", "tally_format");
        if (format != null) {
            unknownMembers(format, "tally_format", Set.of("id", "options"));
            tallyFormat = code(format, "tally_format", "id");
            options = options(format);
        }
        List<String> levels = levels(top);

        long expectedTables = -1;
        long expectedElectorate = -1;
        ObjectNode expected = object(top, "", "expected");
        if (expected != null) {
            unknownMembers(expected, "expected", Set.of("tables", "electorate"));
            expectedTables = count(expected, "expected", "tables", true);
            expectedElectorate = count(expected, "expected", "electorate", false);
        }
        Ballot ballot = ballot(top);
        return new Manifest(id, name, date, nation, tallyFormat, options, levels, expectedTables, expectedElectorate,
                ballot, json.line("expected.tables"));
    }

    /** The version check comes first, and a manifest of another version is not read any further. */
    private boolean checkFormat(ObjectNode top) {
        JsonNode format = top.get("format");
        if (format == null) {
            problems.add(new PackageProblem(FILE, 1, "format", Code.UNKNOWN_FORMAT,
                    "the first member must be \"format\": \"" + ElectionPackage.FORMAT + "\"; this is not an election package"));
            return false;
        }
        String value = format.isTextual() ? format.textValue() : format.toString();
        if (!ElectionPackage.FORMAT.equals(value)) {
            String why = format.isTextual() && OTHER_VERSION.matcher(value).matches()
                    ? "this reader knows only " + ElectionPackage.FORMAT
                    : "expected " + ElectionPackage.FORMAT;
            problems.add(new PackageProblem(FILE, json.line("format"), "format", Code.UNKNOWN_FORMAT,
                    quote(value) + " is not a known format: " + why));
            return false;
        }
        Iterator<String> names = top.fieldNames();
        if (!names.next().equals("format")) {
            problems.add(new PackageProblem(FILE, json.line("format"), "format", Code.UNKNOWN_FORMAT,
                    "\"format\" must be the first member, so that the version can be read before anything else"));
        }
        return true;
    }

    private Map<String, String> options(ObjectNode format) {
        JsonNode node = format.get("options");
        String path = "tally_format.options";
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(new PackageProblem(FILE, json.line(path), path, Code.BAD_VALUE, "must be an object of text values"));
            return null;
        }
        Map<String, String> options = new TreeMap<>();
        boolean ok = true;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String at = member(path, e.getKey());
            if (!e.getValue().isTextual()) {
                problems.add(new PackageProblem(FILE, json.line(at), at, Code.BAD_VALUE,
                        "an option value must be text, got " + e.getValue()));
                ok = false;
            } else {
                options.put(e.getKey(), e.getValue().textValue());
            }
        }
        return ok ? options : null;
    }

    private String date(ObjectNode top) {
        String date = text(top, "", "date");
        if (date == null) {
            return null;
        }
        try {
            if (DATE.matcher(date).matches()) {
                LocalDate.parse(date);
                return date;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(new PackageProblem(FILE, json.line("date"), "date", Code.BAD_VALUE,
                quote(date) + " is not a date written YYYY-MM-DD"));
        return null;
    }

    private List<String> levels(ObjectNode top) {
        ArrayNode array = array(top, "", "levels");
        if (array == null) {
            return null;
        }
        if (array.isEmpty()) {
            problems.add(new PackageProblem(FILE, json.line("levels"), "levels", Code.BAD_VALUE, "needs at least one level name"));
            return null;
        }
        List<String> levels = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < array.size(); i++) {
            String at = element("levels", i);
            JsonNode level = array.get(i);
            if (!level.isTextual() || level.textValue().isBlank()) {
                problems.add(new PackageProblem(FILE, json.line(at), at, Code.BAD_VALUE,
                        "a level name must be non-blank text, got " + level));
                ok = false;
            } else if (levels.contains(level.textValue())) {
                problems.add(new PackageProblem(FILE, json.line(at), at, Code.DUPLICATE,
                        "level " + quote(level.textValue()) + " is named twice"));
                ok = false;
            } else {
                levels.add(level.textValue());
            }
        }
        return ok ? levels : null;
    }

    private Ballot ballot(ObjectNode top) {
        ObjectNode ballot = object(top, "", "ballot");
        if (ballot == null) {
            return null;
        }
        int before = problems.size();
        unknownMembers(ballot, "ballot", Set.of("candidates", "cards", "blank"));
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> candidateAt = new HashMap<>();
        ArrayNode candidateArray = array(ballot, "ballot", "candidates");
        if (candidateArray != null) {
            if (candidateArray.isEmpty()) {
                problems.add(new PackageProblem(FILE, json.line("ballot.candidates"), "ballot.candidates", Code.BAD_VALUE,
                        "needs at least one candidate"));
            }
            for (int i = 0; i < candidateArray.size(); i++) {
                String at = element("ballot.candidates", i);
                ObjectNode c = elementObject(candidateArray, i, at);
                if (c == null) {
                    continue;
                }
                unknownMembers(c, at, Set.of("id", "name"));
                String id = code(c, at, "id");
                String name = text(c, at, "name");
                if (id != null && candidateAt.containsKey(id)) {
                    problems.add(new PackageProblem(FILE, json.line(member(at, "id")), member(at, "id"), Code.DUPLICATE,
                            "candidate " + quote(id) + " is already ballot.candidates[" + candidateAt.get(id) + "]"));
                } else if (id != null && name != null) {
                    candidateAt.put(id, i);
                    candidates.add(new Candidate(id, name));
                }
            }
        }
        List<Card> cards = new ArrayList<>();
        Set<String> cardIds = new HashSet<>();
        ArrayNode cardArray = array(ballot, "ballot", "cards");
        if (cardArray != null) {
            for (int i = 0; i < cardArray.size(); i++) {
                String at = element("ballot.cards", i);
                ObjectNode c = elementObject(cardArray, i, at);
                if (c == null) {
                    continue;
                }
                unknownMembers(c, at, Set.of("id", "name", "candidate"));
                String id = code(c, at, "id");
                String name = text(c, at, "name");
                String candidate = code(c, at, "candidate");
                if (id != null && !cardIds.add(id)) {
                    problems.add(new PackageProblem(FILE, json.line(member(at, "id")), member(at, "id"), Code.DUPLICATE,
                            "card " + quote(id) + " appears twice"));
                }
                if (candidate != null && candidateArray != null && !candidateAt.containsKey(candidate)) {
                    problems.add(new PackageProblem(FILE, json.line(member(at, "candidate")), member(at, "candidate"),
                            Code.UNKNOWN_REFERENCE, "card " + quote(id) + " names candidate " + quote(candidate)
                            + ", which is not in ballot.candidates"));
                }
                if (id != null && name != null && candidate != null) {
                    cards.add(new Card(id, name, candidate));
                }
            }
        }
        JsonNode blank = ballot.get("blank");
        if (blank == null) {
            problems.add(new PackageProblem(FILE, json.line("ballot"), "ballot.blank", Code.MISSING_FIELD,
                    "missing: true when the ballot has a blank option, else false"));
        } else if (!blank.isBoolean()) {
            problems.add(new PackageProblem(FILE, json.line("ballot.blank"), "ballot.blank", Code.BAD_VALUE,
                    "must be true or false, got " + blank));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Ballot(candidates, cards, blank.booleanValue());
    }

    // --- member helpers: each reports its own problem and returns null (or -1) when it cannot give a value

    private void unknownMembers(ObjectNode object, String path, Set<String> allowed) {
        for (String name : object.properties().stream().map(Map.Entry::getKey).toList()) {
            if (!allowed.contains(name)) {
                String at = member(path, name);
                problems.add(new PackageProblem(FILE, json.line(at), at, Code.UNKNOWN_FIELD,
                        quote(name) + " is not a member of " + (path.isEmpty() ? "the manifest" : path)
                                + " in " + ElectionPackage.FORMAT + " (expected one of " + new TreeSet<>(allowed) + ")"));
            }
        }
    }

    private JsonNode required(ObjectNode object, String path, String name) {
        JsonNode node = object.get(name);
        if (node == null) {
            problems.add(new PackageProblem(FILE, json.line(path), member(path, name), Code.MISSING_FIELD, "missing"));
        }
        return node;
    }

    private String text(ObjectNode object, String path, String name) {
        JsonNode node = required(object, path, name);
        if (node == null) {
            return null;
        }
        String at = member(path, name);
        if (!node.isTextual() || node.textValue().isBlank()) {
            problems.add(new PackageProblem(FILE, json.line(at), at, Code.BAD_VALUE, "must be non-blank text, got " + node));
            return null;
        }
        return node.textValue();
    }

    private String code(ObjectNode object, String path, String name) {
        JsonNode node = required(object, path, name);
        if (node == null) {
            return null;
        }
        String at = member(path, name);
        if (!node.isTextual() || !CODE.matcher(node.textValue()).matches()) {
            problems.add(new PackageProblem(FILE, json.line(at), at, Code.BAD_VALUE,
                    node + " is not a code (1-32 letters, digits, '.', '_', '-', starting with a letter or digit)"));
            return null;
        }
        return node.textValue();
    }

    private ObjectNode object(ObjectNode object, String path, String name) {
        JsonNode node = required(object, path, name);
        if (node != null && !node.isObject()) {
            String at = member(path, name);
            problems.add(new PackageProblem(FILE, json.line(at), at, Code.BAD_VALUE, "must be an object, got " + kind(node)));
            return null;
        }
        return (ObjectNode) node;
    }

    private ArrayNode array(ObjectNode object, String path, String name) {
        JsonNode node = required(object, path, name);
        if (node != null && !node.isArray()) {
            String at = member(path, name);
            problems.add(new PackageProblem(FILE, json.line(at), at, Code.BAD_VALUE, "must be an array, got " + kind(node)));
            return null;
        }
        return (ArrayNode) node;
    }

    private ObjectNode elementObject(ArrayNode array, int i, String at) {
        if (!array.get(i).isObject()) {
            problems.add(new PackageProblem(FILE, json.line(at), at, Code.BAD_VALUE, "must be an object, got " + kind(array.get(i))));
            return null;
        }
        return (ObjectNode) array.get(i);
    }

    /** A non-negative whole number; an optional one may also be absent or null (returns -1). */
    private long count(ObjectNode object, String path, String name, boolean required) {
        JsonNode node = required ? required(object, path, name) : object.get(name);
        if (node == null || (!required && node.isNull())) {
            return -1;
        }
        String at = member(path, name);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            problems.add(new PackageProblem(FILE, json.line(at), at, Code.BAD_VALUE, node + " is not a non-negative whole number"
                    + (required ? "" : " (or null when unknown)")));
            return -1;
        }
        return node.longValue();
    }

    private static String kind(JsonNode node) {
        return node.isTextual() ? "text " + node : node.getNodeType().name().toLowerCase() + " " + node;
    }

    static String quote(String s) {
        return '"' + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + '"';
    }

    // --- writing

    static void write(Election election, Writer out) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode top = f.objectNode();
        top.put("format", ElectionPackage.FORMAT);
        top.put("id", election.id());
        top.put("name", election.name());
        top.put("date", election.date());
        top.put("nation", election.geography().node(0).name());
        ObjectNode format = top.putObject("tally_format");
        format.put("id", election.tallyFormat());
        ObjectNode options = format.putObject("options");
        new TreeMap<>(election.formatOptions()).forEach(options::put);
        ArrayNode levels = top.putArray("levels");
        election.levels().forEach(levels::add);
        ObjectNode expected = top.putObject("expected");
        expected.put("tables", election.expectedTables());
        if (election.expectedElectorate() < 0) {
            expected.putNull("electorate");
        } else {
            expected.put("electorate", election.expectedElectorate());
        }
        ObjectNode ballot = top.putObject("ballot");
        ArrayNode candidates = ballot.putArray("candidates");
        for (Candidate c : election.ballot().candidates()) {
            candidates.addObject().put("id", c.id()).put("name", c.name());
        }
        ArrayNode cards = ballot.putArray("cards");
        for (Card c : election.ballot().cards()) {
            cards.addObject().put("id", c.id()).put("name", c.name()).put("candidate", c.candidate());
        }
        ballot.put("blank", election.ballot().blank());

        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter);
        printer.indentArraysWith(indenter);
        out.write(new ObjectMapper().writer(printer).writeValueAsString(top));
        out.write('\n');
    }
}
