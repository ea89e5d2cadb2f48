package org.testigo.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.testigo.signing.Ed25519Key;

/**
 * A public key that checks note signatures: {@code <name>+<key id hex>+<base64(type ‖ public key)>}.
 * Ed25519 note keys (type 0x01) sign notes; cosigners' keys (type 0x04, C2SP tlog-cosignature) sign
 * a timestamped statement about a checkpoint. The key id, SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4],
 * tells which of a note's signatures is this key's.
 */
public final class NoteVerifier {

    static final byte COSIGNATURE_V1 = 0x04;

    private final String name;
    private final byte type;
    private final Ed25519Key key;
    private final byte[] keyId;

    NoteVerifier(String name, Ed25519Key key) {
        this(name, NoteKey.ED25519, key);
    }

    NoteVerifier(String name, byte type, Ed25519Key key) {
        requireName(name);
        this.name = name;
        this.type = type;
        this.key = key;
        this.keyId = keyId(name, type, key.raw());
    }

    /** Reads a verifier key; the id must match. */
    public static NoteVerifier parse(String encoded) {
        String[] parts = encoded.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key is <name>+<key id hex>+<base64 key>");
        }
        byte[] typed = Base64Strict.decode(parts[2], "verifier key");
        if (typed.length != 33 || (typed[0] != NoteKey.ED25519 && typed[0] != COSIGNATURE_V1)) {
            throw new IllegalArgumentException("a verifier key holds 0x01 or 0x04 followed by a 32-byte Ed25519 key");
        }
        NoteVerifier verifier = new NoteVerifier(parts[0], typed[0], Ed25519Key.fromRaw(Arrays.copyOfRange(typed, 1, 33)));
        if (!verifier.keyIdHex().equals(parts[1])) {
            throw new IllegalArgumentException("the key id " + parts[1] + " does not belong to this key (it is " + verifier.keyIdHex() + ")");
        }
        return verifier;
    }

    public String name() {
        return name;
    }

    public byte type() {
        return type;
    }

    public Ed25519Key key() {
        return key;
    }

    public byte[] keyId() {
        return keyId.clone();
    }

    public String keyIdHex() {
        return HexFormat.of().formatHex(keyId);
    }

    /** The same key as a cosigner's key (type 0x04): witnesses use one Ed25519 key for both roles. */
    public NoteVerifier asCosigner() {
        return new NoteVerifier(name, COSIGNATURE_V1, key);
    }

    public String encoded() {
        byte[] typed = new byte[33];
        typed[0] = type;
        System.arraycopy(key.raw(), 0, typed, 1, 32);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Whether {@code signature} is this key's valid Ed25519 signature line over {@code text}. */
    public boolean verifies(String text, NoteSignature signature) {
        if (type != NoteKey.ED25519 || !signature.name().equals(name) || !signature.hasKeyId(keyId)) {
            return false;
        }
        return key.verifies(text.getBytes(StandardCharsets.UTF_8), signature.signature());
    }

    public boolean matches(NoteSignature signature) {
        return signature.name().equals(name) && signature.hasKeyId(keyId);
    }

    static byte[] keyId(String name, byte type, byte[] rawKey) {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        input.write('\n');
        input.write(type);
        input.writeBytes(rawKey);
        return Arrays.copyOf(MerkleHashing.sha256().digest(input.toByteArray()), 4);
    }

    static byte[] decodeKey(String base64) {
        byte[] typed = Base64Strict.decode(base64, "signing key");
        if (typed.length != 33 || typed[0] != NoteKey.ED25519) {
            throw new IllegalArgumentException("a note signing key holds 0x01 followed by a 32-byte Ed25519 seed");
        }
        return Arrays.copyOfRange(typed, 1, 33);
    }

    /** Key names are non-empty, without spaces or '+', as C2SP signed-note requires. */
    static void requireName(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c) || c < 0x20)) {
            throw new IllegalArgumentException("a key name is non-empty and has no spaces or '+' (got \"" + name + "\")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteVerifier other && other.name.equals(name) && other.type == type && other.key.equals(key);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + key.hashCode();
    }

    @Override
    public String toString() {
        return encoded();
    }

    static boolean sameBytes(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
