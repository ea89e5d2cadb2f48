package org.testigo.analysis.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.testigo.election.TableId;

/**
 * A drawn quick-count sample, and the document that commits to it.
 *
 * <p>The document is UTF-8 text, every line ending in a line feed (0x0A), the last one included:
 * <pre>
 * testigo-sample v1
 * election &lt;election id&gt;
 * strata &lt;level name, or "nation"&gt;
 * size &lt;n, in decimal without leading zeros&gt;
 * seed &lt;the seed, as given&gt;
 * &lt;table id&gt;            one line per sampled table, in ascending order of the ids' bytes
 * </pre>
 * The <b>commitment</b> is the SHA-256 of exactly those bytes, in lowercase hex: {@code sha256sum} of the
 * revealed file prints it. Publishing the commitment before election day and the document after it
 * proves the sample was fixed in advance; {@link SampleDraw} lets anyone draw it again from the seed.
 */
public record Sample(String electionId, String strata, int size, String seed, List<TableId> tables) {
    static final String MAGIC = "testigo-sample v1";

    public Sample {
        SampleDraw.requireSeed(seed);
        if (electionId == null || electionId.isBlank() || strata == null || strata.isBlank()) {
            throw new IllegalArgumentException("a sample names its election and its strata");
        }
        List<TableId> sorted = new ArrayList<>(tables);
        sorted.sort(null);
        tables = List.copyOf(sorted);
        if (tables.size() != size) {
            throw new IllegalArgumentException("a sample of size " + size + " lists " + tables.size() + " tables");
        }
        if (new HashSet<>(tables).size() != tables.size()) {
            throw new IllegalArgumentException("a sample lists a table twice");
        }
    }

    /** The committed document (see the class comment for its exact layout). */
    public byte[] document() {
        StringBuilder out = new StringBuilder(64 + tables.size() * 16);
        out.append(MAGIC).append('\n');
        out.append("election ").append(electionId).append('\n');
        out.append("strata ").append(strata).append('\n');
        out.append("size ").append(size).append('\n');
        out.append("seed ").append(seed).append('\n');
        for (TableId t : tables) {
            out.append(t.value()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of {@link #document()}, lowercase hex. */
    public String commitment() {
        return sha256Hex(document());
    }

    public Set<TableId> tableSet() {
        return Set.copyOf(tables);
    }

    /**
     * Reads a document back; refuses anything that {@link #document()} would not write byte for byte.
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    public static Sample parse(byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a sample document ends with a line feed");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 5 || !lines[0].equals(MAGIC)) {
            throw new IllegalArgumentException("line 1 must be \"" + MAGIC + "\"");
        }
        String election = field(lines, 1, "election");
        String strata = field(lines, 2, "strata");
        String sizeText = field(lines, 3, "size");
        if (!sizeText.matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("line 4: size is a positive decimal number without leading zeros (got \"" + sizeText + "\")");
        }
        String seed = field(lines, 4, "seed");
        List<TableId> tables = new ArrayList<>();
        for (int i = 5; i < lines.length; i++) {
            if (!TableId.isValid(lines[i])) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not a table id: \"" + lines[i] + "\"");
            }
            tables.add(new TableId(lines[i]));
        }
        Sample s = new Sample(election, strata, Integer.parseInt(sizeText), seed, tables);
        if (!java.util.Arrays.equals(s.document(), document)) {
            throw new IllegalArgumentException("the sample document is not in canonical form (tables in ascending order, one per line)");
        }
        return s;
    }

    private static String field(String[] lines, int i, String name) {
        if (!lines[i].startsWith(name + " ")) {
            throw new IllegalArgumentException("line " + (i + 1) + " must start with \"" + name + " \"");
        }
        return lines[i].substring(name.length() + 1);
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
