package org.testigo.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A witness's cosignature on a checkpoint (C2SP tlog-cosignature/v1): the witness signs
 * {@code "cosignature/v1\ntime <seconds>\n" + checkpoint body}, stating that at that time it had seen
 * this checkpoint and verified it is consistent with every earlier one it saw. The signature line's
 * value is key id ‖ timestamp (8 bytes, big-endian) ‖ Ed25519 signature.
 */
public final class Cosignature {

    private Cosignature() {
    }

    static byte[] signedMessage(long seconds, String checkpointBody) {
        return ("cosignature/v1\ntime " + seconds + "\n" + checkpointBody).getBytes(StandardCharsets.UTF_8);
    }

    /** The witness's signature line over {@code checkpoint} at {@code time}. */
    public static NoteSignature sign(NoteKey witness, Checkpoint checkpoint, Instant time) {
        long seconds = time.getEpochSecond();
        byte[] signature = witness.sign(signedMessage(seconds, checkpoint.body()));
        NoteVerifier cosigner = witness.verifier().asCosigner();
        ByteBuffer value = ByteBuffer.allocate(4 + 8 + signature.length);
        value.put(cosigner.keyId()).putLong(seconds).put(signature);
        return new NoteSignature(witness.name(), value.array());
    }

    /** The time a valid cosignature by {@code witness} (a type 0x04 key) on {@code note} states, or null when there is none. */
    public static Instant verifiedTime(SignedNote note, NoteVerifier witness) {
        NoteVerifier cosigner = witness.type() == NoteVerifier.COSIGNATURE_V1 ? witness : witness.asCosigner();
        for (NoteSignature s : note.signatures()) {
            if (!cosigner.matches(s)) {
                continue;
            }
            byte[] rest = s.signature();
            if (rest.length != 8 + 64) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(rest);
            long seconds = b.getLong();
            byte[] signature = new byte[64];
            b.get(signature);
            return cosigner.key().verifies(signedMessage(seconds, note.text()), signature) ? Instant.ofEpochSecond(seconds) : null;
        }
        return null;
    }
}
