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

    @Test
    void aReceiptsLeafIsProvablyInEveryLaterSignedCheckpoint() {
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            receipts.add(submit(deployment, "witness-" + (i % 3), i));
        }
        assertThat(receipts).extracting(Receipt::logIndex).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < 40);
        SignedNote note = log().checkpoint();
        Checkpoint checkpoint = Checkpoint.open(note.format().getBytes(StandardCharsets.UTF_8), key.verifier());
        assertThat(checkpoint.size()).isEqualTo(40);
        for (Receipt r : receipts) {
            TransparencyLog.InclusionProof proof = log().inclusion(r.logIndex(), checkpoint.size());
            assertThat(Proofs.verifyInclusion(r.logIndex(), checkpoint.size(), proof.leafHash(), proof.hashes(), checkpoint.rootHash())).isTrue();
            // The leaf says which evidence it is, with the hash of the exact bytes the witness sent.
            byte[] bundle = log().entryBundle(new Tiles.TileId(0, 0, 40));
            LogEntry.EvidenceRecorded entry = (LogEntry.EvidenceRecorded) LogEntry.parse(Tiles.readEntryBundle(bundle).get((int) r.logIndex()));
            assertThat(entry.evidenceId()).isEqualTo(r.evidenceId());
            assertThat(MerkleHashing.leafHash(entry.bytes())).isEqualTo(proof.leafHash());
        }
    }

    @Test
    void checkpointsOnlyGrowAndEachIsConsistentWithTheLast() {
        submit(deployment, "w", 0);
        Checkpoint first = Checkpoint.parse(log().checkpoint().text());
        assertThat(log().checkpoint().text()).isEqualTo(first.body()); // no growth, no new checkpoint
        for (int i = 1; i < 25; i++) {
            submit(deployment, "w", i);
        }
        Checkpoint second = Checkpoint.parse(log().checkpoint().text());
        assertThat(second.size()).isEqualTo(25);
        assertThat(Proofs.verifyConsistency(first.size(), second.size(), log().consistency(first.size(), second.size()), first.rootHash(),
                second.rootHash())).isTrue();
        assertThat(log().checkpointAt(1)).isPresent();
    }

    @Test
    void aRestartRebuildsTheSameTreeAndKeepsThePublishedCheckpoint() {
        for (int i = 0; i < 30; i++) {
            submit(deployment, "w", i);
        }
        SignedNote before = log().checkpoint();
        deployment.close();
        deployment = Deployment.open(Database.open(config), Clock.systemUTC(), key);
        assertThat(log().checkpoint().format()).isEqualTo(before.format());
        assertThat(log().root(30)).isEqualTo(Checkpoint.parse(before.text()).rootHash());
    }

    @Test
    void followsEvidenceWrittenByAnotherProcess() {
        submit(deployment, "w", 0);
        try (Deployment other = Deployment.open(Database.open(config), Clock.systemUTC())) {
            for (int i = 1; i < 10; i++) {
                submit(other, "cli-import", i);
            }
        }
        assertThat(Checkpoint.parse(log().checkpoint().text()).size()).isEqualTo(10);
        assertThatThrownBy(() -> log().inclusion(0, 11)).hasMessageContaining("no tree of size 11");
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
        SignedNote note = log().checkpoint();
        List<String> written = LogExport.write(log(), note, dir);
        assertThat(written).contains("checkpoint", "tile/0/000", "tile/0/001.p/44", "tile/entries/000", "tile/entries/001.p/44", "tile/1/000.p/1");
        // A reader with nothing but the files: hash every entry, rebuild, compare with the signed root.
        org.testigo.ledger.MerkleTree rebuilt = new org.testigo.ledger.MerkleTree();
        for (String bundle : List.of("tile/entries/000", "tile/entries/001.p/44")) {
            for (byte[] entry : Tiles.readEntryBundle(Files.readAllBytes(dir.resolve(bundle)))) {
                rebuilt.append(entry);
            }
        }
        Checkpoint checkpoint = Checkpoint.open(Files.readAllBytes(dir.resolve("checkpoint")), key.verifier());
        assertThat(rebuilt.root()).isEqualTo(checkpoint.rootHash());
        byte[] level0 = Files.readAllBytes(dir.resolve("tile/0/001.p/44"));
        assertThat(java.util.Arrays.copyOfRange(level0, 0, 32)).isEqualTo(rebuilt.leafHash(256));
    }
}
