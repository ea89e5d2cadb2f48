package org.testigo.tally.brbu;

import java.util.List;
import java.util.Optional;

/**
 * Where the verifier gets TSE public keys. An implementation must release only keys it has reason to
 * trust: pinned in the build ({@link PinnedKeys}) or admitted because their file's SHA-512 is on a
 * pinned TSE list ({@link KeyFingerprints}). Never a key fetched and taken on faith.
 */
@FunctionalInterface
public interface BuKeys {

    /** The key for that slot, when one is trusted. */
    Optional<PinnedKey> key(KeySlot slot);

    /** Asks each provider in turn; the first that has a key for the slot answers. */
    static BuKeys firstOf(List<BuKeys> providers) {
        List<BuKeys> copy = List.copyOf(providers);
        return slot -> copy.stream().map(p -> p.key(slot)).flatMap(Optional::stream).findFirst();
    }
}
