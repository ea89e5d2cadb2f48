package org.testigo.transparency;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.Cosignature;
import org.testigo.ledger.NoteSignature;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.SignedNote;
import org.testigo.store.WitnessStore;

/**
 * Witnesses' cosignatures of the log's checkpoints: accepted only from a witness the deployment trusts,
 * only for a checkpoint the log really issued (the very text it signed), only when the signature checks;
 * then kept and published with the checkpoint. A cosignature adds trust only if the deployment cannot
 * make one up, so everything is checked against the witness's public key and nothing else.
 */
public final class Cosignatures {
    /** How far a witness's clock may run ahead of ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final TransparencyLog log;
    private final WitnessStore store;
    private final Clock clock;

    public Cosignatures(TransparencyLog log, WitnessStore store, Clock clock) {
        this.log = log;
        this.store = store;
        this.clock = clock;
    }

    /** Why a posted note was refused: a stable code and what exactly is wrong. */
    public enum Problem {
        NOTE_MALFORMED, CHECKPOINT_MALFORMED, WRONG_LOG, CHECKPOINT_NOT_ISSUED, NO_COSIGNATURE, WITNESS_UNTRUSTED, COSIGNATURE_INVALID,
        COSIGNATURE_TIME_INVALID
    }

    /** One witness's cosignature as the site shows it. */
    public record Cosigner(String name, String keyId, String verifierKey, Instant cosignedAt, Instant receivedAt) {
    }

    /** What became of a posted note. */
    public sealed interface Outcome {
        /** Every cosignature on it was valid; {@code added} says how many were new. */
        record Accepted(long size, List<Cosigner> cosigners, int added) implements Outcome {
        }

        record Refused(Problem problem, String message) implements Outcome {
        }
    }

    /** Trusts a witness by its verifier key; returns false when it was trusted already. */
    public static boolean trust(WitnessStore store, NoteVerifier witness) {
        return store.trust(witness.name(), witness.encoded());
    }

    /** Checks and keeps the cosignatures a witness posted: the checkpoint note with its signature lines. */
    public Outcome submit(byte[] posted) {
        SignedNote note;
        try {
            note = SignedNote.parse(posted);
        } catch (IllegalArgumentException e) {
            return refused(Problem.NOTE_MALFORMED, "the body is not a signed note: " + e.getMessage());
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            return refused(Problem.CHECKPOINT_MALFORMED, "the note is not a checkpoint: " + e.getMessage());
        }
        if (!checkpoint.origin().equals(log.origin())) {
            return refused(Problem.WRONG_LOG, "the checkpoint is of \"" + checkpoint.origin() + "\", this log is \"" + log.origin() + "\"");
        }
        Optional<SignedNote> issued = log.checkpointAt(checkpoint.size());
        if (issued.isEmpty() || !issued.get().text().equals(note.text())) {
            return refused(Problem.CHECKPOINT_NOT_ISSUED, "this log never issued that checkpoint of size " + checkpoint.size()
                    + (issued.isPresent() ? " (it issued one with another root)" : ""));
        }
        List<WitnessStore.TrustedWitness> trusted = store.trusted();
        List<Checked> checked = new ArrayList<>();
        NoteVerifier own = log.verifier();
        for (NoteSignature line : note.signatures()) {
            if (own.matches(line)) {
                continue;
            }
            Optional<NoteVerifier> witness = trusted.stream().map(t -> NoteVerifier.parse(t.verifierKey()))
                    .filter(w -> w.asCosigner().matches(line)).findFirst();
            String keyId = HexFormat.of().formatHex(line.value(), 0, 4);
            if (witness.isEmpty()) {
                boolean plain = trusted.stream().map(t -> NoteVerifier.parse(t.verifierKey())).anyMatch(w -> w.matches(line));
                return refused(plain ? Problem.COSIGNATURE_INVALID : Problem.WITNESS_UNTRUSTED, plain
                        ? "the signature by " + line.name() + " is a plain note signature, not a cosignature/v1 (key type 0x04)"
                        : "the signature by " + line.name() + "+" + keyId + " is not by a witness this deployment trusts");
            }
            Instant time = Cosignature.verifiedTime(new SignedNote(note.text(), List.of(line)), witness.get());
            if (time == null) {
                return refused(Problem.COSIGNATURE_INVALID, "the cosignature by " + line.name() + "+" + keyId + " does not verify for this checkpoint");
            }
            if (time.isAfter(clock.instant().plus(CLOCK_SKEW))) {
                return refused(Problem.COSIGNATURE_TIME_INVALID, "the cosignature by " + line.name() + " is dated " + time
                        + ", in the future");
            }
            checked.add(new Checked(witness.get(), line, time));
        }
        if (checked.isEmpty()) {
            return refused(Problem.NO_COSIGNATURE, "the note carries no cosignature besides the log's own signature");
        }
        int added = 0;
        for (Checked c : checked) {
            if (store.save(checkpoint.size(), c.witness().encoded(), c.line().line(), c.time())) {
                added++;
            }
        }
        if (added > 0) {
            log.refreshCosignatures();
        }
        return new Outcome.Accepted(checkpoint.size(), cosigners(checkpoint.size()), added);
    }

    /** Who cosigned the checkpoint of {@code size}. */
    public List<Cosigner> cosigners(long size) {
        List<Cosigner> out = new ArrayList<>();
        for (WitnessStore.StoredCosignature c : store.cosignatures(size)) {
            NoteVerifier witness = NoteVerifier.parse(c.witness());
            out.add(new Cosigner(witness.name(), witness.asCosigner().keyIdHex(), c.witness(), c.cosignedAt(), c.receivedAt()));
        }
        return out;
    }

    /** The stored signature lines of the checkpoint of {@code size}, ready to append to its note. */
    static List<NoteSignature> lines(WitnessStore store, long size) {
        List<NoteSignature> out = new ArrayList<>();
        for (WitnessStore.StoredCosignature c : store.cosignatures(size)) {
            // A one-line note is the only parser of signature lines; the text is a placeholder.
            out.add(SignedNote.parse(("x\n\n" + c.signatureLine() + "\n").getBytes(StandardCharsets.UTF_8)).signatures().get(0));
        }
        return out;
    }

    private record Checked(NoteVerifier witness, NoteSignature line, Instant time) {
    }

    private static Outcome refused(Problem problem, String message) {
        return new Outcome.Refused(problem, message);
    }
}
