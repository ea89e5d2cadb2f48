package org.testigo.tally.brbu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds BU QR texts by hand for tests: the hash chain computed here with {@link MessageDigest}
 * straight from BR-BU-QR.md §3 (not through the code under test), signed with a test Ed25519 key pair.
 */
final class HandBuiltBu {
    private HandBuiltBu() {
    }

    static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The 32 raw bytes of a JDK Ed25519 public key: the tail of its X.509 encoding. */
    static byte[] rawPublicKey(KeyPair pair) {
        byte[] x509 = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    }

    static String sha512Hex(String text) {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String sign(KeyPair pair, String hashHex) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(HexFormat.of().parseHex(hashHex));
            return HexFormat.of().withUpperCase().formatHex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The QR texts of a BU whose content sections are {@code bodies}, chained and signed.
     *
     * @param header what follows {@code QRBU:i:n} in every code, e.g. {@code VRQR:1.5 VRCH:20990101}
     */
    static List<String> texts(String header, List<String> bodies, KeyPair signer) {
        int n = bodies.size();
        List<String> texts = new ArrayList<>();
        String acc = "";
        for (int i = 1; i <= n; i++) {
            String text = i == 1 ? bodies.get(0) : acc + " " + bodies.get(i - 1);
            String hash = sha512Hex(text);
            acc = text + " HASH:" + hash;
            String qr = "QRBU:" + i + ":" + n + " " + header + " " + bodies.get(i - 1) + " HASH:" + hash;
            if (i == n) {
                qr += " ASSI:" + sign(signer, hash);
            }
            texts.add(qr);
        }
        return texts;
    }
}
