package org.testigo.tally.brbu;

import org.testigo.signing.Ed25519Key;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keys fixed in advance, by slot. {@link #shipped()} holds the TSE keys this build trusts, read from
 * {@code pinned-keys.csv} beside this class: the TSE's HTTP key URLs may disappear after an election,
 * and a key fetched at verification time proves nothing.
 */
public final class PinnedKeys implements BuKeys {
    private static final class Shipped {
        static final PinnedKeys KEYS = load();
    }

    private final Map<KeySlot, PinnedKey> bySlot;

    private PinnedKeys(Map<KeySlot, PinnedKey> bySlot) {
        this.bySlot = Map.copyOf(bySlot);
    }

    /** The keys pinned in this build. */
    public static PinnedKeys shipped() {
        return Shipped.KEYS;
    }

    /** Exactly these keys (e.g. keys admitted through {@link KeyFingerprints}). */
    public static PinnedKeys of(Collection<PinnedKey> keys) {
        return new PinnedKeys(index(keys));
    }

    /** These keys plus more; a slot may not be given two different keys. */
    public PinnedKeys plus(Collection<PinnedKey> more) {
        for (PinnedKey key : more) {
            PinnedKey had = bySlot.get(key.slot());
            if (had != null && !had.key().equals(key.key())) {
                throw new IllegalArgumentException("slot " + key.slot() + " already has key " + had.key().hex());
            }
        }
        Map<KeySlot, PinnedKey> all = new LinkedHashMap<>(bySlot);
        all.putAll(index(more));
        return new PinnedKeys(all);
    }

    @Override
    public Optional<PinnedKey> key(KeySlot slot) {
        return Optional.ofNullable(bySlot.get(slot));
    }

    /** Every pinned key. */
    public List<PinnedKey> keys() {
        return List.copyOf(bySlot.values());
    }

    private static Map<KeySlot, PinnedKey> index(Collection<PinnedKey> keys) {
        Map<KeySlot, PinnedKey> map = new LinkedHashMap<>();
        for (PinnedKey key : keys) {
            PinnedKey had = map.put(key.slot(), key);
            if (had != null && !had.key().equals(key.key())) {
                throw new IllegalArgumentException("slot " + key.slot() + " is given two different keys");
            }
        }
        return map;
    }

    private static PinnedKeys load() {
        List<PinnedKey> keys = CsvResource.read("pinned-keys.csv", 6).stream()
                .map(r -> new PinnedKey(new KeySlot(r.get(1), BuHeader.Phase.valueOf(r.get(2)), r.get(3), r.get(4)),
                        Ed25519Key.parseHex(r.get(0)), r.get(5)))
                .toList();
        return of(keys);
    }
}
