package org.testigo.ledger;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, then one or more signature lines.
 * Parsing is strict — any malformed line makes the whole note unreadable — because a monitor that
 * tolerated a slightly wrong note could be shown two different texts as "the same" checkpoint.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    /** More signatures than this is not a note anyone meant to publish. */
    public static final int MAX_SIGNATURES = 100;
    public static final int MAX_BYTES = 1 << 20;

    public SignedNote {
        requireText(text);
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a signed note has 1 to " + MAX_SIGNATURES + " signatures, not " + signatures.size());
        }
    }

    /** Reads a note; throws IllegalArgumentException saying what is wrong. */
    public static SignedNote parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a signed note is at most " + MAX_BYTES + " bytes, this one has " + bytes.length);
        }
        String all;
        try {
            all = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a signed note is UTF-8 text; this is not");
        }
        int split = all.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("a signed note has a blank line between its text and its signatures; none found");
        }
        String text = all.substring(0, split + 1);
        String rest = all.substring(split + 2);
        if (!rest.endsWith("\n")) {
            throw new IllegalArgumentException("a signed note's last signature line ends with a newline");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : rest.substring(0, rest.length() - 1).split("\n", -1)) {
            signatures.add(parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    public static SignedNote parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static NoteSignature parseLine(String line) {
        if (!line.startsWith("\u2014 ")) {
            throw new IllegalArgumentException("a signature line starts with an em dash and a space: \"" + abbreviate(line) + "\"");
        }
        String[] parts = line.substring(2).split(" ", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a signature line is \"— <name> <base64>\": \"" + abbreviate(line) + "\"");
        }
        return new NoteSignature(parts[0], Base64Strict.decode(parts[1], "signature of " + parts[0]));
    }

    /** The note as published. */
    public String format() {
        StringBuilder out = new StringBuilder(text).append('\n');
        for (NoteSignature s : signatures) {
            out.append(s.line()).append('\n');
        }
        return out.toString();
    }

    /** Whether the note carries a valid signature by {@code verifier}. A matching line with a bad signature is false. */
    public boolean isSignedBy(NoteVerifier verifier) {
        for (NoteSignature s : signatures) {
            if (verifier.matches(s)) {
                return verifier.verifies(text, s);
            }
        }
        return false;
    }

    /** The same note with one more signature. */
    public SignedNote with(NoteSignature signature) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new SignedNote(text, all);
    }

    static void requireText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a note's text is non-empty and ends with a newline");
        }
        if (text.contains("\n\n")) {
            throw new IllegalArgumentException("a note's text has no blank line");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new IllegalArgumentException("a note's text has no control characters (found U+" + String.format("%04X", (int) c) + ")");
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
