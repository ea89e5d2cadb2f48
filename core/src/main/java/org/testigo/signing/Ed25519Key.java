package org.testigo.signing;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Ed25519 public key given as its raw 32 bytes (as Brazil's TSE publishes its {@code ??qrcode.pub} files,
 * and as signed notes carry them). Verification uses the JDK (Java 15+), which takes the key wrapped in
 * X.509 SubjectPublicKeyInfo.
 */
public final class Ed25519Key {
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the 32 raw bytes follow it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final byte[] raw;
    private final PublicKey jdkKey;

    private Ed25519Key(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        this.raw = raw;
        byte[] spki = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, X509_PREFIX.length, 32);
        try {
            this.jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
        // The JDK decodes the point only when verifying: try once, so that a bad key fails here, not later.
        try {
            Signature probe = Signature.getInstance("Ed25519");
            probe.initVerify(jdkKey);
            probe.update(new byte[1]);
            probe.verify(new byte[64]);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("32 bytes that are not a point of Ed25519: " + hex(), e);
        } catch (SignatureException e) {
            // the all-zero probe signature may be refused; the key itself was accepted
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 15+ provides Ed25519", e);
        }
    }

    /** The key from its 32 raw bytes (a {@code .pub} file's content). */
    public static Ed25519Key fromRaw(byte[] raw) {
        return new Ed25519Key(raw.clone());
    }

    /** The key from 64 hex digits. */
    public static Ed25519Key parseHex(String hex) {
        if (hex == null || hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("an Ed25519 public key is 64 hex digits (got " + hex + ")");
        }
        return new Ed25519Key(HexFormat.of().parseHex(hex));
    }

    /**
     * Whether {@code signature} is this key's Ed25519 signature of {@code message}. A signature of the
     * wrong shape is simply not valid.
     */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(jdkKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the JDK refused a key it decoded: " + hex(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 15+ provides Ed25519", e);
        }
    }

    /** The 32 raw bytes (a copy). */
    public byte[] raw() {
        return raw.clone();
    }

    /** The 32 raw bytes as 64 lowercase hex digits. */
    public String hex() {
        return HexFormat.of().formatHex(raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519Key other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519Key[" + hex() + "]";
    }
}
