package org.testigo.tally.brbu;

import org.testigo.signing.Ed25519Key;
import java.util.Objects;

/**
 * A public key trusted for one slot, and where the trust comes from.
 *
 * @param source where the key was obtained and how it was checked, for the verdict's reason
 */
public record PinnedKey(KeySlot slot, Ed25519Key key, String source) {
    public PinnedKey {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(key, "key");
        source = source == null ? "" : source;
    }
}
