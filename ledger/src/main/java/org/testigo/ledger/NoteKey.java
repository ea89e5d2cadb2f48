package org.testigo.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.testigo.signing.Ed25519Key;

/**
 * An Ed25519 signing key for C2SP signed notes, in the note ecosystem's text encodings:
 * {@code PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 ‖ seed)>} for the secret, and the verifier key
 * {@code <name>+<key id hex>+<base64(0x01 ‖ public key)>} for everyone else.
 */
public final class NoteKey {

    static final byte ED25519 = 0x01;

    private final String name;
    private final byte[] seed;
    private final PrivateKey privateKey;
    private final NoteVerifier verifier;

    private NoteKey(String name, byte[] seed) {
        NoteVerifier.requireName(name);
        this.name = name;
        this.seed = seed.clone();
        try {
            this.privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            // The JDK has no "public key of this private key"; its generator derives the pair from 32 random
            // bytes, so feeding it the seed as its randomness yields exactly this key's public half.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            this.verifier = new NoteVerifier(name, Ed25519Key.fromRaw(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 15+ provides Ed25519", e);
        }
    }

    /** A new random key named {@code name} (e.g. the log's origin, {@code testigo.example/ve-2024}). */
    public static NoteKey generate(String name) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return new NoteKey(name, seed);
    }

    /** Reads {@code PRIVATE+KEY+name+id+key}; the id must match the key. */
    public static NoteKey parse(String encoded) {
        String text = encoded.strip();
        if (!text.startsWith("PRIVATE+KEY+")) {
            throw new IllegalArgumentException("a note signing key starts with PRIVATE+KEY+");
        }
        String[] parts = text.substring("PRIVATE+KEY+".length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a note signing key is PRIVATE+KEY+<name>+<id>+<key>");
        }
        byte[] key = NoteVerifier.decodeKey(parts[2]);
        NoteKey parsed = new NoteKey(parts[0], key);
        if (!parsed.verifier.keyIdHex().equals(parts[1])) {
            throw new IllegalArgumentException("the key id " + parts[1] + " does not belong to this key (it is " + parsed.verifier.keyIdHex() + ")");
        }
        return parsed;
    }

    public String name() {
        return name;
    }

    public NoteVerifier verifier() {
        return verifier;
    }

    /** The secret in its text encoding; write it only to a file only the operator can read. */
    public String encoded() {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(seed, 0, typed, 1, 32);
        return "PRIVATE+KEY+" + name + "+" + verifier.keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** The Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Signs a note's text: the signature line this key adds. */
    public NoteSignature signNote(String text) {
        byte[] signature = sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] value = new byte[4 + signature.length];
        System.arraycopy(verifier.keyId(), 0, value, 0, 4);
        System.arraycopy(signature, 0, value, 4, signature.length);
        return new NoteSignature(name, value);
    }

    @Override
    public String toString() {
        return "NoteKey[" + name + "+" + verifier.keyIdHex() + "]";
    }

    /** Randomness that is a given 32 bytes: only for deriving a public key from its seed. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("expected a request for " + bytes.length + " bytes, got " + out.length);
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
