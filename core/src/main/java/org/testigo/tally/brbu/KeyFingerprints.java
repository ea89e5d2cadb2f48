package org.testigo.tally.brbu;

import org.testigo.signing.Ed25519Key;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SHA-512 fingerprints of TSE key files, pinned in the build ({@code key-fingerprints.csv}, from the
 * TSE's 2022 list and a simulated-key list). A key file from anywhere (downloaded, copied from a USB
 * stick) is admitted for a slot only when its SHA-512 is the one listed for that slot's key version,
 * folder and file name; admitted keys then go into {@link PinnedKeys#of}.
 */
public final class KeyFingerprints {
    private static final class Shipped {
        static final KeyFingerprints LISTS = load();
    }

    /**
     * One listed fingerprint.
     *
     * @param list which published list it comes from
     */
    public record Fingerprint(Sha512Hash sha512, String keyVersion, String folder, String fileName, String list) {
        /** The path the TSE publishes the file at, below {@code tse.qrcodebu/}. */
        public String path() {
            return keyVersion + "/" + folder + "/" + fileName;
        }
    }

    /** The outcome of offering a key file. */
    public sealed interface Admission permits Admitted, Rejected {
    }

    /** The file is the listed one: here is its key, pinned for the slot. */
    public record Admitted(PinnedKey key) implements Admission {
    }

    /** The file is not trusted, and why. */
    public record Rejected(String reason) implements Admission {
    }

    private final Map<String, Fingerprint> byPath;

    private KeyFingerprints(Map<String, Fingerprint> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** The lists pinned in this build. */
    public static KeyFingerprints shipped() {
        return Shipped.LISTS;
    }

    /** Exactly these fingerprints. */
    public static KeyFingerprints of(List<Fingerprint> fingerprints) {
        Map<String, Fingerprint> map = new LinkedHashMap<>();
        for (Fingerprint f : fingerprints) {
            if (map.put(f.path(), f) != null) {
                throw new IllegalArgumentException("two fingerprints for " + f.path());
            }
        }
        return new KeyFingerprints(map);
    }

    /** The fingerprint listed for a slot's key file, if any. */
    public Optional<Fingerprint> fingerprint(KeySlot slot) {
        return Optional.ofNullable(byPath.get(slot.keyVersion() + "/" + slot.folder() + "/" + slot.fileName()));
    }

    /** Every listed fingerprint. */
    public List<Fingerprint> fingerprints() {
        return List.copyOf(byPath.values());
    }

    /**
     * Admits a key file for a slot when its SHA-512 is the listed one.
     *
     * @param keyFile the file's bytes (a raw 32-byte Ed25519 key)
     * @param origin where the file came from, kept in the key's source
     */
    public Admission admit(KeySlot slot, byte[] keyFile, String origin) {
        Optional<Fingerprint> listed = fingerprint(slot);
        String path = slot.keyVersion() + "/" + slot.folder() + "/" + slot.fileName();
        if (listed.isEmpty()) {
            return new Rejected("no pinned fingerprint for the key file " + path + " of slot " + slot);
        }
        Sha512Hash actual = Sha512Hash.of(keyFile);
        if (!actual.equals(listed.get().sha512())) {
            return new Rejected("the SHA-512 of the offered " + path + " is " + abbreviate(actual)
                    + ", not the listed " + abbreviate(listed.get().sha512()) + " (" + listed.get().list() + ")");
        }
        if (keyFile.length != 32) {
            return new Rejected("the listed " + path + " has " + keyFile.length + " bytes; an Ed25519 key file has 32");
        }
        try {
            return new Admitted(new PinnedKey(slot, Ed25519Key.fromRaw(keyFile),
                    path + " from " + origin + ", SHA-512 on the pinned list " + listed.get().list()));
        } catch (IllegalArgumentException e) {
            return new Rejected("the listed " + path + " is not a usable Ed25519 key: " + e.getMessage());
        }
    }

    private static String abbreviate(Sha512Hash h) {
        return h.hex().substring(0, 16).toLowerCase(java.util.Locale.ROOT) + "…";
    }

    private static KeyFingerprints load() {
        return of(CsvResource.read("key-fingerprints.csv", 5).stream()
                .map(r -> new Fingerprint(Sha512Hash.parseHex(r.get(0)).orElseThrow(
                        () -> new IllegalStateException("bad fingerprint in key-fingerprints.csv: " + r.get(0))),
                        r.get(1), r.get(2), r.get(3), r.get(4)))
                .toList());
    }
}
