package org.testigo.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.deployment.Deployment;
import org.testigo.intake.Outcome;
import org.testigo.intake.Receipt;
import org.testigo.intake.Submission;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.LogEntry;
import org.testigo.ledger.MerkleHashing;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.Proofs;
import org.testigo.ledger.SignedNote;
import org.testigo.ledger.Tiles;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;

class TransparencyLogTest {
    private final SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(300, 5));
    private final NoteKey key = NoteKey.generate("testigo.test/log");
    private DatabaseConfig config;
    private Deployment deployment;

    @BeforeEach
    void open() {
        config = TestPostgres.freshDatabase();
        deployment = Deployment.open(Database.open(config), Clock.systemUTC(), key);
        deployment.load(synth.election());
    }

    @AfterEach
    void close() {
        deployment.close();
    }

    private Receipt submit(Deployment d, String who, int table) {
        Outcome o = d.requireRunning().intake().submit(new Submission(null, List.of(synth.table(table).payload()), Channel.QR, who)).join();
        return ((Outcome.Accepted) o).receipt();
    }

    private TransparencyLog log() {
        return deployment.transparency().orElseThrow();
    }

    /** The checkpoint once the status changes caused so far are in the log too. */
    private SignedNote settledCheckpoint() {
        assertThat(deployment.stateLog().orElseThrow().flush(java.time.Duration.ofSeconds(10))).isTrue();
        return log().checkpoint();
    }

    @Test
    void aReceiptsLeafIsProvablyInEveryLaterSignedCheckpoint() {
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            receipts.add(submit(deployment, "witness-" + (i % 3), i));
        }
        SignedNote note = settledCheckpoint();
        Checkpoint checkpoint = Checkpoint.open(note.format().getBytes(StandardCharsets.UTF_8), key.verifier());
        // 40 pieces of evidence and the 40 tables they made provisional.
        assertThat(checkpoint.size()).isEqualTo(80);
        assertThat(receipts).extracting(Receipt::logIndex).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < 80);
        List<byte[]> entries = Tiles.readEntryBundle(log().entryBundle(new Tiles.TileId(0, 0, 80)));
        for (Receipt r : receipts) {
            TransparencyLog.InclusionProof proof = log().inclusion(r.logIndex(), checkpoint.size());
            assertThat(Proofs.verifyInclusion(r.logIndex(), checkpoint.size(), proof.leafHash(), proof.hashes(), checkpoint.rootHash())).isTrue();
            // The leaf says which evidence it is, with the hash of the exact bytes the witness sent.
            LogEntry.EvidenceRecorded entry = (LogEntry.EvidenceRecorded) LogEntry.parse(entries.get((int) r.logIndex()));
            assertThat(entry.evidenceId()).isEqualTo(r.evidenceId());
            assertThat(MerkleHashing.leafHash(entry.bytes())).isEqualTo(proof.leafHash());
        }
    }

    @Test
    void checkpointsOnlyGrowAndEachIsConsistentWithTheLast() {
        submit(deployment, "w", 0);
        Checkpoint first = Checkpoint.parse(settledCheckpoint().text());
        assertThat(log().checkpoint().text()).isEqualTo(first.body()); // no growth, no new checkpoint
        for (int i = 1; i < 25; i++) {
            submit(deployment, "w", i);
        }
        Checkpoint second = Checkpoint.parse(settledCheckpoint().text());
        assertThat(second.size()).isEqualTo(50);
        assertThat(Proofs.verifyConsistency(first.size(), second.size(), log().consistency(first.size(), second.size()), first.rootHash(),
                second.rootHash())).isTrue();
        assertThat(log().checkpointAt(first.size())).isPresent();
    }

    @Test
    void aRestartRebuildsTheSameTreeAndKeepsThePublishedCheckpoint() {
        for (int i = 0; i < 30; i++) {
            submit(deployment, "w", i);
        }
        SignedNote before = settledCheckpoint();
        deployment.close();
        deployment = Deployment.open(Database.open(config), Clock.systemUTC(), key);
        assertThat(log().checkpoint().format()).isEqualTo(before.format());
        assertThat(log().root(60)).isEqualTo(Checkpoint.parse(before.text()).rootHash());
    }

    @Test
    void followsEvidenceWrittenByAnotherProcess() {
        submit(deployment, "w", 0);
        try (Deployment other = Deployment.open(Database.open(config), Clock.systemUTC())) {
            for (int i = 1; i < 10; i++) {
                submit(other, "cli-import", i);
            }
        }
        // 10 pieces of evidence, and the one status change this deployment saw (the other ran without the log).
        assertThat(Checkpoint.parse(settledCheckpoint().text()).size()).isEqualTo(11);
        assertThatThrownBy(() -> log().inclusion(0, 12)).hasMessageContaining("no tree of size 12");
    }

    @Test
    void theKeyFileIsPrivateAndNeverReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/log-signing.key");
        NoteKey created = LogKeyFile.create(file, "testigo.test/log");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(LogKeyFile.load(file).verifier()).isEqualTo(created.verifier());
        assertThat(LogKeyFile.loadOrCreate(file, "other").verifier()).isEqualTo(created.verifier());
        assertThatThrownBy(() -> LogKeyFile.create(file, "testigo.test/log")).hasMessageContaining("never replaced");
        Files.writeString(file, "not a key");
        assertThatThrownBy(() -> LogKeyFile.load(file)).hasMessageContaining("is not a log signing key");
    }

    @Test
    void theExportedTilesRebuildTheSignedTree(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 300; i++) {
            submit(deployment, "w", i);
        }
        SignedNote note = settledCheckpoint();
        List<String> written = LogExport.write(log(), note, dir);
        // 300 pieces of evidence and 300 tables made provisional: 600 leaves, two full tiles and one of 88.
        assertThat(written).contains("checkpoint", "tile/0/000", "tile/0/001", "tile/0/002.p/88", "tile/entries/000", "tile/entries/002.p/88",
                "tile/1/000.p/2");
        // A reader with nothing but the files: hash every entry, rebuild, compare with the signed root.
        org.testigo.ledger.MerkleTree rebuilt = new org.testigo.ledger.MerkleTree();
        for (String bundle : List.of("tile/entries/000", "tile/entries/001", "tile/entries/002.p/88")) {
            for (byte[] entry : Tiles.readEntryBundle(Files.readAllBytes(dir.resolve(bundle)))) {
                rebuilt.append(entry);
            }
        }
        Checkpoint checkpoint = Checkpoint.open(Files.readAllBytes(dir.resolve("checkpoint")), key.verifier());
        assertThat(rebuilt.root()).isEqualTo(checkpoint.rootHash());
        byte[] level0 = Files.readAllBytes(dir.resolve("tile/0/001"));
        assertThat(java.util.Arrays.copyOfRange(level0, 0, 32)).isEqualTo(rebuilt.leafHash(256));
    }

    private List<LogEntry.StateChanged> stateEntries() {
        deployment.stateLog().orElseThrow().flush(java.time.Duration.ofSeconds(10));
        List<LogEntry.StateChanged> out = new ArrayList<>();
        new org.testigo.store.LogStore(deployment.database()).forEachFrom(0, e -> {
            if (LogEntry.parse(e.entry()) instanceof LogEntry.StateChanged s) {
                out.add(s);
            }
        });
        return out;
    }

    @Test
    void everyStatusChangeIsLoggedAfterTheEvidenceThatCausedIt() {
        var t0 = synth.table(0);
        Receipt first = submit(deployment, "witness-1", 0);
        Receipt second = submit(deployment, "witness-2", 0);
        // A different count for table 1 from two witnesses: a conflict.
        var t1 = synth.table(1);
        int[] cards = t1.cards().toArray();
        cards[0] += 7;
        String altered = org.testigo.tally.ve2024.Ve2024Payload.format(t1.table().id(), org.testigo.election.Counts.of(cards), t1.nullVotes(), 0);
        submit(deployment, "witness-1", 1);
        deployment.requireRunning().intake().submit(new Submission(null, List.of(altered), Channel.QR, "witness-2")).join();

        List<LogEntry.StateChanged> states = stateEntries();
        assertThat(states).extracting(LogEntry.StateChanged::table, LogEntry.StateChanged::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(t0.table().id().value(), "provisional"),
                org.assertj.core.groups.Tuple.tuple(t0.table().id().value(), "confirmed"),
                org.assertj.core.groups.Tuple.tuple(t1.table().id().value(), "provisional"),
                org.assertj.core.groups.Tuple.tuple(t1.table().id().value(), "conflicted"));
        assertThat(states.get(1).evidence()).containsExactly(first.evidenceId(), second.evidenceId());
        assertThat(states.get(3).change()).isEqualTo(LogEntry.Change.CONFLICT_OPENED);
        assertThat(states.get(0).change()).isEqualTo(LogEntry.Change.ACCEPTED);
    }

    @Test
    void changesMadeWithoutTheLogAreRecordedAtTheNextStart() {
        deployment.close();
        try (Deployment unlogged = Deployment.open(Database.open(config), Clock.systemUTC())) {
            submit(unlogged, "witness-1", 5);
            submit(unlogged, "witness-2", 5);
            submit(unlogged, "witness-1", 6);
        }
        deployment = Deployment.open(Database.open(config), Clock.systemUTC(), key);
        List<LogEntry.StateChanged> states = stateEntries();
        assertThat(states).extracting(LogEntry.StateChanged::table, LogEntry.StateChanged::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(synth.table(5).table().id().value(), "confirmed"),
                org.assertj.core.groups.Tuple.tuple(synth.table(6).table().id().value(), "provisional"));
        assertThat(states).allSatisfy(s -> assertThat(s.detail()).contains("recorded at start-up"));
        deployment.close();
        deployment = Deployment.open(Database.open(config), Clock.systemUTC(), key);
        assertThat(stateEntries()).hasSize(2); // nothing new to reconcile
    }
}
