package org.testigo.ledger;

import java.time.Instant;

/**
 * A witness (C2SP tlog-cosignature): looks at the log as a monitor does and cosigns its checkpoint only
 * when it is consistent with the last one this witness cosigned. Never cosigning two inconsistent
 * checkpoints is the witness's whole promise; the caller keeps {@code lastCosigned} across restarts.
 */
public final class Witness {

    private final NoteKey key;
    private final LogMonitor monitor;

    public Witness(NoteKey key, LogMonitor monitor) {
        this.key = key;
        this.monitor = monitor;
    }

    /** The verdict, and when it is good, the checkpoint note with this witness's cosignature added. */
    public record Result(LogVerdict verdict, SignedNote cosigned) {
    }

    public Result cosign(SignedNote lastCosigned, Instant now) {
        LogVerdict verdict = monitor.observe(lastCosigned);
        if (!verdict.isGood()) {
            return new Result(verdict, null);
        }
        SignedNote note = verdict.note();
        NoteVerifier own = key.verifier().asCosigner();
        // A note posted back by the log may already carry cosignatures, ours among them: replace ours.
        java.util.List<NoteSignature> others = note.signatures().stream().filter(s -> !own.matches(s)).toList();
        SignedNote cosigned = new SignedNote(note.text(), others).with(Cosignature.sign(key, verdict.checkpoint(), now));
        return new Result(verdict, cosigned);
    }
}
