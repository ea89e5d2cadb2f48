package org.testigo.ledger;

import java.util.Arrays;
import java.util.Base64;

/**
 * One signature line of a signed note, {@code — <name> <base64(key id ‖ signature)>}, not yet verified.
 *
 * @param value the decoded bytes: a 4-byte key id, then the signature (for cosignatures, a timestamp too)
 */
public record NoteSignature(String name, byte[] value) {

    public NoteSignature {
        NoteVerifier.requireName(name);
        if (value.length < 5) {
            throw new IllegalArgumentException("a note signature holds a 4-byte key id and a signature");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    boolean hasKeyId(byte[] keyId) {
        return NoteVerifier.sameBytes(Arrays.copyOf(value, 4), keyId);
    }

    /** The bytes after the key id. */
    byte[] signature() {
        return Arrays.copyOfRange(value, 4, value.length);
    }

    /** The line as it appears in the note, without its newline. */
    public String line() {
        return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature other && other.name.equals(name) && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return line();
    }
}
