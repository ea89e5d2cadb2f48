package org.testigo.transparency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.MerkleTree;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.SignedNote;
import org.testigo.ledger.Tiles;
import org.testigo.ledger.NoteSignature;
import org.testigo.store.LogStore;
import org.testigo.store.WitnessStore;

/**
 * The deployment's transparency log: the Merkle tree over every entry the store has committed, kept in
 * memory (about 64 bytes a leaf), its signed checkpoints, proofs and tiles.
 *
 * <p>Entries are written by the store, inside the transactions that store evidence, possibly by other
 * processes (a CLI import while the server runs). The tree follows the table: {@link #catchUp} reads
 * whatever was committed since, and the checkpointer does so every few seconds, signing a new checkpoint
 * whenever the log grew. A checkpoint is stored before it is served, so a restart never forgets one it
 * published. Thread-safe: one lock guards the tree.
 */
public final class TransparencyLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransparencyLog.class);

    private final LogStore store;
    private final WitnessStore witnesses;
    private final NoteKey key;
    private final MerkleTree tree = new MerkleTree();
    private SignedNote latest;
    private SignedNote published;
    private ScheduledExecutorService checkpointer;

    private TransparencyLog(LogStore store, WitnessStore witnesses, NoteKey key) {
        this.store = store;
        this.witnesses = witnesses;
        this.key = key;
    }

    /**
     * Rebuilds the tree from the store and issues (or finds) the checkpoint of its current size.
     *
     * @param witnesses where witnesses' cosignatures are kept, to publish them with the checkpoint
     */
    public static TransparencyLog open(LogStore store, WitnessStore witnesses, NoteKey key) {
        TransparencyLog log = new TransparencyLog(store, witnesses, key);
        log.checkpoint();
        return log;
    }

    /** The log's name: the origin line of its checkpoints and the name of its key. */
    public String origin() {
        return key.name();
    }

    /** The public key that checks this log's checkpoints. */
    public NoteVerifier verifier() {
        return key.verifier();
    }

    /** The number of leaves in the tree (after the last catch-up). */
    public synchronized long size() {
        return tree.size();
    }

    /** Adds the entries committed since the last catch-up; returns the new size. */
    public synchronized long catchUp() {
        store.forEachLeafHashFrom(tree.size(), (leafHash, position) -> {
            if (position != tree.size()) {
                throw new IllegalStateException("the log store skipped from " + tree.size() + " to " + position);
            }
            tree.appendLeafHash(leafHash);
        });
        return tree.size();
    }

    /**
     * The latest signed checkpoint, after catching up: when the log grew since the last one, a new
     * checkpoint is signed and stored first.
     */
    public synchronized SignedNote checkpoint() {
        catchUp();
        if (latest != null && Checkpoint.parse(latest.text()).size() == tree.size()) {
            return latest;
        }
        Optional<String> stored = store.checkpointAt(tree.size());
        if (stored.isPresent()) {
            SignedNote note = SignedNote.parse(stored.get());
            Checkpoint existing = Checkpoint.parse(note.text());
            if (!MessageDigest.isEqual(existing.rootHash(), tree.root())) {
                // The stored checkpoint commits to a different tree: the entries were changed behind our back.
                throw new IllegalStateException("the stored checkpoint of size " + tree.size() + " does not match the log's entries");
            }
            latest = note;
        } else {
            latest = new Checkpoint(origin(), tree.size(), tree.root()).sign(key);
            store.saveCheckpoint(tree.size(), latest.format());
        }
        refreshCosignatures();
        return latest;
    }

    /**
     * The latest checkpoint with the cosignatures witnesses have sent for it: what {@code /log/checkpoint}
     * serves. Kept in memory, so a crowd of readers costs no database query and no signature.
     */
    public synchronized SignedNote published() {
        return published;
    }

    /** Re-reads the stored cosignatures of the latest checkpoint (after a witness's cosignature was accepted). */
    public synchronized void refreshCosignatures() {
        SignedNote note = latest;
        for (NoteSignature line : Cosignatures.lines(witnesses, Checkpoint.parse(latest.text()).size())) {
            if (!note.signatures().contains(line)) {
                note = note.with(line);
            }
        }
        published = note;
    }

    /** The checkpoint this log signed at exactly {@code size}, if it issued one. */
    public Optional<SignedNote> checkpointAt(long size) {
        return store.checkpointAt(size).map(SignedNote::parse);
    }

    /**
     * The latest checkpoint this log issued, without catching up or signing: what {@code /log/checkpoint}
     * serves, so a crowd of readers costs no database query and no signature.
     */
    public synchronized SignedNote latest() {
        return latest;
    }

    /** An inclusion proof of leaf {@code index} in the tree of {@code treeSize} (catching up first when needed). */
    public synchronized InclusionProof inclusion(long index, long treeSize) {
        requireKnown(treeSize);
        return new InclusionProof(index, treeSize, tree.leafHash(index), tree.inclusionProof(index, treeSize));
    }

    /** A consistency proof from {@code oldSize} to {@code newSize}. */
    public synchronized List<byte[]> consistency(long oldSize, long newSize) {
        requireKnown(newSize);
        return tree.consistencyProof(oldSize, newSize);
    }

    /** The root of the tree at {@code size}. */
    public synchronized byte[] root(long size) {
        requireKnown(size);
        return tree.root(size);
    }

    /** The bytes of one tile. */
    public synchronized byte[] tile(Tiles.TileId id) {
        return Tiles.tile(tree, id);
    }

    /** The entry bundle of a level-0 tile, read from the store. */
    public byte[] entryBundle(Tiles.TileId id) {
        if (id.level() != 0) {
            throw new IllegalArgumentException("entry bundles exist for level-0 tiles only");
        }
        long from = id.index() * Tiles.WIDTH;
        List<LogStore.StoredEntry> entries = store.range(from, from + id.width());
        if (entries.size() != id.width()) {
            throw new IllegalArgumentException("the log has no entry bundle " + id.entriesPath());
        }
        return Tiles.entryBundle(entries.stream().map(LogStore.StoredEntry::entry).toList());
    }

    /** Signs a checkpoint every {@code every} while the log grows (and not when it does not). */
    public synchronized void startCheckpointing(Duration every) {
        if (checkpointer != null) {
            return;
        }
        checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "testigo-checkpointer");
            t.setDaemon(true);
            return t;
        });
        checkpointer.scheduleWithFixedDelay(() -> {
            try {
                checkpoint();
            } catch (RuntimeException e) {
                LOG.warn("Could not issue a checkpoint (will retry): {}", e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void requireKnown(long size) {
        if (size > tree.size()) {
            catchUp();
        }
        if (size > tree.size()) {
            throw new IllegalArgumentException("the log has " + tree.size() + " entries; there is no tree of size " + size);
        }
    }

    @Override
    public synchronized void close() {
        if (checkpointer != null) {
            checkpointer.shutdownNow();
        }
    }

    /** A leaf's audit path. */
    public record InclusionProof(long index, long treeSize, byte[] leafHash, List<byte[]> hashes) {
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
