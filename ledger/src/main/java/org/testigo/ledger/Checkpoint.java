package org.testigo.ledger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-checkpoint body: the log's origin, its size and its root hash, one per line, then any
 * extension lines. Signed as a note, it is the log's public commitment to its whole history so far.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint's origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a checkpoint's size is not negative");
        }
        if (rootHash.length != MerkleHashing.HASH_BYTES) {
            throw new IllegalArgumentException("a checkpoint's root hash has 32 bytes, not " + rootHash.length);
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        for (String line : extensions) {
            if (line.isEmpty() || line.contains("\n")) {
                throw new IllegalArgumentException("a checkpoint extension is one non-empty line");
            }
        }
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    public String body() {
        StringBuilder out = new StringBuilder().append(origin).append('\n').append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        for (String e : extensions) {
            out.append(e).append('\n');
        }
        return out.toString();
    }

    /** Reads a checkpoint body (a signed note's text). */
    public static Checkpoint parse(String body) {
        SignedNote.requireText(body);
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size and a root hash line; this has " + lines.length + " lines");
        }
        long size;
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("a checkpoint's second line is the tree size in decimal, not \"" + lines[1] + "\"");
        }
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a checkpoint's tree size is too large: " + lines[1]);
        }
        byte[] root = Base64Strict.decode(lines[2], "checkpoint root hash");
        List<String> extensions = new ArrayList<>(List.of(lines).subList(3, lines.length));
        return new Checkpoint(lines[0], size, root, extensions);
    }

    /** Signs this checkpoint with the log's key. */
    public SignedNote sign(NoteKey key) {
        return new SignedNote(body(), List.of(key.signNote(body())));
    }

    /** Reads a signed checkpoint and checks the log's signature on it; throws saying what is wrong. */
    public static Checkpoint open(byte[] note, NoteVerifier log) {
        SignedNote signed = SignedNote.parse(note);
        if (!signed.isSignedBy(log)) {
            throw new IllegalArgumentException("the checkpoint carries no valid signature by " + log.name() + "+" + log.keyIdHex());
        }
        Checkpoint checkpoint = parse(signed.text());
        if (!checkpoint.origin().equals(log.name())) {
            throw new IllegalArgumentException("the checkpoint's origin is \"" + checkpoint.origin() + "\", not the log's \"" + log.name() + "\"");
        }
        return checkpoint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size && java.util.Arrays.equals(c.rootHash, rootHash)
                && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size) + java.util.Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return body();
    }
}
