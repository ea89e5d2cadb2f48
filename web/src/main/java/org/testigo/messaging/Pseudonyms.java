package org.testigo.messaging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The submitter id of a person who writes through a messaging platform: {@code telegram-} and 16 hex digits
 * of HMAC-SHA256(deployment salt, platform ‖ user id). The same person is the same submitter every time (so
 * their retries are recognised and two of their copies do not confirm a table), but the id cannot be turned
 * back into a user id or phone number without the salt, which never leaves the server: user ids are small
 * numbers, and an unsalted hash of one is found by trying them all.
 */
public final class Pseudonyms {
    /** The least salt accepted: 128 bits. */
    public static final int MIN_SALT_BYTES = 16;

    private final SecretKeySpec key;

    public Pseudonyms(byte[] salt) {
        if (salt == null || salt.length < MIN_SALT_BYTES) {
            throw new IllegalArgumentException("the pseudonym salt must be at least " + MIN_SALT_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(salt.clone(), "HmacSHA256");
    }

    /** The pseudonym of {@code sender} on {@code platform}. */
    public String of(String platform, String sender) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal((platform + "\u0000" + sender).getBytes(StandardCharsets.UTF_8));
            return platform + "-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
