package org.testigo.ledger;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Watches a log through its published files: reads {@code checkpoint}, checks the log's signature,
 * checks the tiles hash to the signed root, and proves from the tiles that the new checkpoint extends the
 * last good one. It trusts nothing it reads — not the server, not the mirror — only the log's public key
 * and its own memory of what the log signed before. Pure apart from reading the source.
 */
public final class LogMonitor {

    private final FileSource source;
    private final NoteVerifier log;

    public LogMonitor(FileSource source, NoteVerifier log) {
        this.source = source;
        this.log = log;
    }

    public FileSource source() {
        return source;
    }

    /**
     * One look at the log, compared with {@code lastGood} (null on the first look). {@code lastGood} must be
     * a checkpoint of this log that an earlier look accepted.
     */
    public LogVerdict observe(SignedNote lastGood) {
        Checkpoint previous = null;
        if (lastGood != null) {
            if (!lastGood.isSignedBy(log)) {
                throw new IllegalArgumentException("the remembered checkpoint is not signed by " + log.name() + "+" + log.keyIdHex());
            }
            previous = Checkpoint.parse(lastGood.text());
        }
        Optional<byte[]> bytes;
        try {
            bytes = source.read("checkpoint");
        } catch (IOException e) {
            return verdict(LogVerdict.Code.SOURCE_UNREACHABLE, "could not read " + source.describe() + ": " + e.getMessage(), null, null, lastGood);
        }
        if (bytes.isEmpty()) {
            return verdict(LogVerdict.Code.SOURCE_UNREACHABLE, source.describe() + " has no checkpoint", null, null, lastGood);
        }
        SignedNote note;
        try {
            note = SignedNote.parse(bytes.get());
        } catch (IllegalArgumentException e) {
            return verdict(LogVerdict.Code.CHECKPOINT_MALFORMED, "the checkpoint is not a signed note: " + e.getMessage(), null, null, lastGood);
        }
        if (!note.isSignedBy(log)) {
            return verdict(LogVerdict.Code.SIGNATURE_INVALID, "the checkpoint carries no valid signature by " + log.name() + "+"
                    + log.keyIdHex(), note, null, lastGood);
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            return verdict(LogVerdict.Code.CHECKPOINT_MALFORMED, "the signed note is not a checkpoint: " + e.getMessage(), note, null, lastGood);
        }
        if (!checkpoint.origin().equals(log.name())) {
            return verdict(LogVerdict.Code.CHECKPOINT_MALFORMED, "the checkpoint's origin is \"" + checkpoint.origin() + "\", not the log's \""
                    + log.name() + "\"", note, checkpoint, lastGood);
        }
        TiledTree tree = new TiledTree(source, checkpoint.size());
        try {
            if (!MessageDigest.isEqual(tree.root(), checkpoint.rootHash())) {
                return verdict(LogVerdict.Code.TILES_CONTRADICT_CHECKPOINT, "the tiles of size " + checkpoint.size()
                        + " do not hash to the signed root", note, checkpoint, lastGood);
            }
            if (previous == null) {
                return verdict(LogVerdict.Code.FIRST_SEEN, "size " + checkpoint.size() + ", signed, tiles match", note, checkpoint, null);
            }
            return compare(previous, tree, note, checkpoint, lastGood);
        } catch (IOException e) {
            return verdict(LogVerdict.Code.SOURCE_UNREACHABLE, "could not read the tiles from " + source.describe() + ": " + e.getMessage(),
                    note, checkpoint, lastGood);
        } catch (TiledTree.TileException e) {
            return verdict(e.missing() ? LogVerdict.Code.TILE_MISSING : LogVerdict.Code.TILE_MALFORMED, e.getMessage(), note, checkpoint, lastGood);
        }
    }

    private LogVerdict compare(Checkpoint old, TiledTree tree, SignedNote note, Checkpoint now, SignedNote lastGood)
            throws IOException, TiledTree.TileException {
        if (now.size() < old.size()) {
            return verdict(LogVerdict.Code.ROLLBACK, "the log signed size " + old.size() + " before and now shows size " + now.size(), note, now,
                    lastGood);
        }
        if (now.size() == old.size()) {
            if (MessageDigest.isEqual(now.rootHash(), old.rootHash())) {
                return verdict(LogVerdict.Code.UNCHANGED, "size " + now.size(), note, now, lastGood);
            }
            return verdict(LogVerdict.Code.FORK, "two signed checkpoints of size " + now.size() + " with different roots", note, now, lastGood);
        }
        if (old.size() == 0) {
            return verdict(LogVerdict.Code.EXTENDED, "size 0 → " + now.size(), note, now, lastGood);
        }
        List<byte[]> proof = tree.consistencyProof(old.size());
        if (Proofs.verifyConsistency(old.size(), now.size(), proof, old.rootHash(), now.rootHash())) {
            return verdict(LogVerdict.Code.EXTENDED, "size " + old.size() + " → " + now.size() + ", proved from " + tree.tilesRead() + " tiles",
                    note, now, lastGood);
        }
        // Which failed: the tiles, or the log? Every proof hash enters the new root, so hashes that yield the
        // signed new root are the signed tree's own; if they then yield another old root, the log forked.
        byte[] seed = Long.bitCount(old.size()) == 1 ? tree.root(old.size()) : old.rootHash();
        Proofs.ConsistencyRoots roots = Proofs.consistencyRoots(old.size(), now.size(), proof, seed);
        if (roots != null && MessageDigest.isEqual(roots.newRoot(), now.rootHash())) {
            return verdict(LogVerdict.Code.FORK, "the signed tree of size " + now.size() + " does not contain the signed tree of size "
                    + old.size() + " seen before: history was rewritten", note, now, lastGood);
        }
        return verdict(LogVerdict.Code.TILES_CONTRADICT_CHECKPOINT, "the tiles of size " + now.size()
                + " do not prove consistency with size " + old.size() + " nor hash to the signed root", note, now, lastGood);
    }

    private static LogVerdict verdict(LogVerdict.Code code, String message, SignedNote note, Checkpoint checkpoint, SignedNote previous) {
        return new LogVerdict(code, message, note, checkpoint, previous);
    }
}
