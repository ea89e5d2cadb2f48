package org.testigo.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedNoteTest {

    // The published example verifier key and note of Go's golang.org/x/mod/sumdb/note, the reference implementation
    // of C2SP signed-note: an interoperability fact, independent of this code.
    private static final String GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private static final String GO_SIGNATURE =
            "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void aKeyRoundTripsThroughItsTextEncodingsAndSignsVerifiably() {
        NoteKey key = NoteKey.generate("testigo.example/log");
        NoteKey reread = NoteKey.parse(key.encoded());
        assertThat(reread.verifier()).isEqualTo(key.verifier());
        assertThat(NoteVerifier.parse(key.verifier().encoded())).isEqualTo(key.verifier());
        SignedNote note = new SignedNote(GO_TEXT, List.of(reread.signNote(GO_TEXT)));
        assertThat(SignedNote.parse(note.format()).isSignedBy(key.verifier())).isTrue();
    }

    @Test
    void verifiesTheGoReferenceNoteAndRefusesItAltered() {
        NoteVerifier verifier = NoteVerifier.parse(GO_VKEY);
        assertThat(SignedNote.parse(GO_TEXT + "\n" + GO_SIGNATURE).isSignedBy(verifier)).isTrue();
        String altered = GO_TEXT.replace("answer", "Answer");
        assertThat(SignedNote.parse(altered + "\n" + GO_SIGNATURE).isSignedBy(verifier)).isFalse();
        NoteVerifier stranger = NoteKey.generate("PeterNeumann").verifier();
        assertThat(SignedNote.parse(GO_TEXT + "\n" + GO_SIGNATURE).isSignedBy(stranger)).isFalse();
    }

    @Test
    void refusesMalformedNotesSayingWhy() {
        assertThatThrownBy(() -> SignedNote.parse(GO_TEXT + GO_SIGNATURE)).hasMessageContaining("blank line");
        assertThatThrownBy(() -> SignedNote.parse(GO_TEXT + "\n" + GO_SIGNATURE.replace("\u2014", "--"))).hasMessageContaining("em dash");
        assertThatThrownBy(() -> SignedNote.parse(GO_TEXT + "\n" + GO_SIGNATURE.strip())).hasMessageContaining("ends with a newline");
        assertThatThrownBy(() -> SignedNote.parse(GO_TEXT + "\n\u2014 PeterNeumann not*base64\n")).hasMessageContaining("base64");
        assertThatThrownBy(() -> SignedNote.parse(new byte[] {(byte) 0xff, '\n', '\n'})).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> NoteVerifier.parse(GO_VKEY.replace("c74f20a3", "c74f20a4"))).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> NoteKey.generate("has space")).hasMessageContaining("no spaces");
    }

    @Test
    void aCheckpointRoundTripsAndOpensOnlyWithTheLogsKey() {
        NoteKey log = NoteKey.generate("testigo.example/ve-2024");
        MerkleTree tree = new MerkleTree();
        tree.append("a".getBytes(StandardCharsets.UTF_8));
        Checkpoint checkpoint = new Checkpoint(log.name(), tree.size(), tree.root());
        byte[] published = checkpoint.sign(log).format().getBytes(StandardCharsets.UTF_8);
        assertThat(Checkpoint.open(published, log.verifier())).isEqualTo(checkpoint);
        String body = new String(published, StandardCharsets.UTF_8);
        assertThat(body).startsWith("testigo.example/ve-2024\n1\n");
        assertThatThrownBy(() -> Checkpoint.open(published, NoteKey.generate(log.name()).verifier())).hasMessageContaining("no valid signature");
        byte[] forged = body.replaceFirst("\n1\n", "\n2\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Checkpoint.open(forged, log.verifier())).hasMessageContaining("no valid signature");
        assertThatThrownBy(() -> Checkpoint.parse("origin\n-1\nAAAA\n")).hasMessageContaining("tree size in decimal");
    }

    @Test
    void aWitnessCosignatureStatesItsTimeAndBindsTheCheckpoint() {
        NoteKey log = NoteKey.generate("testigo.example/log");
        NoteKey witness = NoteKey.generate("witness.example/w1");
        Checkpoint checkpoint = new Checkpoint(log.name(), 0, MerkleHashing.emptyRoot());
        Instant time = Instant.parse("2024-07-29T03:00:00Z");
        SignedNote cosigned = checkpoint.sign(log).with(Cosignature.sign(witness, checkpoint, time));
        SignedNote reread = SignedNote.parse(cosigned.format());
        assertThat(Cosignature.verifiedTime(reread, witness.verifier())).isEqualTo(time);
        assertThat(reread.isSignedBy(log.verifier())).isTrue();
        assertThat(Cosignature.verifiedTime(reread, NoteKey.generate("witness.example/w1").verifier())).isNull();
        Checkpoint other = new Checkpoint(log.name(), 1, MerkleHashing.leafHash(new byte[0]));
        SignedNote transplanted = other.sign(log).with(Cosignature.sign(witness, checkpoint, time));
        assertThat(Cosignature.verifiedTime(transplanted, witness.verifier())).isNull();
    }
}
