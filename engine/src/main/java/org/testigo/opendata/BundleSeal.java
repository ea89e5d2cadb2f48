package org.testigo.opendata;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.SignedNote;

/**
 * What the log key signs about a bundle ({@code SHA256SUMS.note}, a C2SP signed note): this list of
 * files belongs with the log at this size and root. Replacing a file means rewriting {@code SHA256SUMS},
 * which breaks this signature; replacing the log means a checkpoint that no longer matches it.
 *
 * <p>The text's first line names the format, so the note can never be read as a checkpoint of the same
 * key (whose first line is the log's origin and second a number):
 * <pre>
 * testigo-open-data/1
 * &lt;log origin&gt;
 * &lt;tree size&gt;
 * &lt;root hash, base64&gt;
 * &lt;SHA-256 of SHA256SUMS, hex&gt;
 * </pre>
 */
public record BundleSeal(String origin, long size, byte[] rootHash, byte[] sumsSha256) {

    public static final String FORMAT = "testigo-open-data/1";

    public BundleSeal {
        rootHash = rootHash.clone();
        sumsSha256 = sumsSha256.clone();
        if (rootHash.length != 32 || sumsSha256.length != 32) {
            throw new IllegalArgumentException("a bundle seal holds two 32-byte hashes");
        }
        if (size < 0 || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a bundle seal has a one-line origin and a size that is not negative");
        }
    }

    public static BundleSeal of(Checkpoint checkpoint, byte[] sumsSha256) {
        return new BundleSeal(checkpoint.origin(), checkpoint.size(), checkpoint.rootHash(), sumsSha256);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public byte[] sumsSha256() {
        return sumsSha256.clone();
    }

    public String text() {
        return FORMAT + "\n" + origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n"
                + HexFormat.of().formatHex(sumsSha256) + "\n";
    }

    public SignedNote sign(NoteKey key) {
        return new SignedNote(text(), List.of(key.signNote(text())));
    }

    /** Whether the seal names exactly this checkpoint's origin, size and root. */
    public boolean matches(Checkpoint c) {
        return c.origin().equals(origin) && c.size() == size && Arrays.equals(c.rootHash(), rootHash);
    }

    /** Reads a seal and checks {@code key}'s signature on it; throws IllegalArgumentException saying what is wrong. */
    public static BundleSeal open(byte[] note, NoteVerifier key) {
        SignedNote signed = SignedNote.parse(note);
        if (!signed.isSignedBy(key)) {
            throw new IllegalArgumentException("it carries no valid signature by " + key.name() + "+" + key.keyIdHex());
        }
        String[] lines = signed.text().split("\n", -1);
        if (lines.length != 6 || !lines[0].equals(FORMAT)) {
            throw new IllegalArgumentException("it is not a " + FORMAT + " seal (five lines, the first \"" + FORMAT + "\")");
        }
        if (!lines[2].matches("0|[1-9][0-9]{0,18}") || !lines[4].matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("its size or SHA256SUMS hash is not in canonical form");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its root hash is not base64");
        }
        BundleSeal seal = new BundleSeal(lines[1], Long.parseLong(lines[2]), root, HexFormat.of().parseHex(lines[4]));
        if (!seal.text().equals(signed.text())) {
            throw new IllegalArgumentException("it is not in canonical form");
        }
        if (!seal.origin().equals(key.name())) {
            throw new IllegalArgumentException("it names the log \"" + seal.origin() + "\", not the key's \"" + key.name() + "\"");
        }
        return seal;
    }
}
