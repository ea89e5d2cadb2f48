package org.testigo.tally.brbu;

import org.testigo.signing.Ed25519Key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testigo.testing.SharedData;
import org.testigo.tally.Verdict;

/** The pinned keys and fingerprint lists match the published facts, and only listed key files are admitted. */
class BrBuKeysTest {
    private static final String KEY_2018_AC = "bad3aac9fe39db71633c473cb67c40c7d36b3bb56c61b04419b0e76d110ea2da";
    private static final String KEY_2024_AC = "3c8dd2914fc8b20bd80b09744867684c051145e3f8b887d28af3d23a17a843dd";
    private static final String KEY_2016_AC = "cf3af898467a5b7a52d33d53bc037e2642a8da996903fc252217e9c033e2f291";

    @Test
    void theShippedKeysAreTheThreeKnownKeysInTheirSlots() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.file("formats/br_tse_qrcode_known_pubkeys.csv"));
        Set<String> published = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).collect(Collectors.toSet());
        Map<String, String> shipped = PinnedKeys.shipped().keys().stream()
                .collect(Collectors.toMap(k -> k.key().hex(), k -> k.slot().toString()));
        assertThat(shipped.keySet()).isEqualTo(published);
        assertThat(shipped).containsEntry(KEY_2016_AC, "S/AC/none/LEG")
                .containsEntry(KEY_2024_AC, "S/AC/20240507/LEG")
                .containsEntry(KEY_2018_AC, "S/AC/20180830/LEG");
    }

    @Test
    void theShippedFingerprintsAreExactlyThePublishedLists() throws IOException {
        Set<String> published = new HashSet<>();
        for (String[] list : new String[][] {
                {"formats/br_tse_qrcode_pubkey_sha512_20220829_LEGAL.txt", "20220829"},
                {"formats/br_tse_qrcode_pubkey_sha512_simulado_apuracaojuntos.txt", "20180830"}}) {
            for (String line : Files.readAllLines(SharedData.file(list[0]))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2) {
                    published.add(f[0].toUpperCase() + " " + list[1] + "/LEGAL/" + f[1]);
                }
            }
        }
        assertThat(published).hasSize(84);
        Set<String> shipped = KeyFingerprints.shipped().fingerprints().stream()
                .map(f -> f.sha512().hex() + " " + f.path()).collect(Collectors.toSet());
        assertThat(shipped).isEqualTo(published);
    }

    @Test
    void admitsTheKeyFileWhoseSha512IsListedForItsSlot() {
        KeySlot slot = new KeySlot("AC", BuHeader.Phase.S, "20180830", "LEG");
        KeyFingerprints.Admission admission = KeyFingerprints.shipped().admit(slot, HexFormat.of().parseHex(KEY_2018_AC), "the test");
        assertThat(admission).isInstanceOf(KeyFingerprints.Admitted.class);
        PinnedKey key = ((KeyFingerprints.Admitted) admission).key();
        assertThat(key.slot()).isEqualTo(slot);
        assertThat(key.key().hex()).isEqualTo(KEY_2018_AC);
        assertThat(key.source()).contains("20180830/LEGAL/sacqrcode.pub").contains("apuracaojuntos");

        // A reader trusting only that admitted key verifies the 2018 vectors and no others.
        BrBuReader reader = new BrBuReader(PinnedKeys.of(List.of(key)));
        BrBuVectors.load(BrBuVectors.V15_2018_AC).forEach((name, texts) ->
                assertThat(((BrBuReading.Read) reader.read(texts)).bu().verification().signature()).as(name).isEqualTo(Verdict.VALID));
        BrBuReading manual2024 = reader.read(BrBuVectors.setStartingWith(BrBuVectors.V15_2024_MANUAL, "manual-2024-exemplo-pequeno"));
        assertThat(((BrBuReading.Read) manual2024).bu().verification().signature()).isEqualTo(Verdict.NOT_VERIFIABLE);
    }

    @Test
    void rejectsAKeyFileWhoseSha512IsNotTheListedOne() {
        KeySlot slot = new KeySlot("AC", BuHeader.Phase.S, "20180830", "LEG");
        KeyFingerprints.Admission admission = KeyFingerprints.shipped().admit(slot, HexFormat.of().parseHex(KEY_2024_AC), "the test");
        assertThat(admission).isInstanceOf(KeyFingerprints.Rejected.class);
        assertThat(((KeyFingerprints.Rejected) admission).reason()).contains("not the listed 3121c1fcd087e9d9");
        KeySlot officialSp = new KeySlot("SP", BuHeader.Phase.O, "20220829", "LEG");
        assertThat(KeyFingerprints.shipped().fingerprint(officialSp)).isPresent();
        assertThat(KeyFingerprints.shipped().admit(officialSp, HexFormat.of().parseHex(KEY_2024_AC), "the test"))
                .isInstanceOf(KeyFingerprints.Rejected.class);
    }

    @Test
    void rejectsAKeyFileForASlotWithoutAListedFingerprint() {
        KeySlot slot = new KeySlot("AC", BuHeader.Phase.S, "20240507", "LEG");
        KeyFingerprints.Admission admission = KeyFingerprints.shipped().admit(slot, HexFormat.of().parseHex(KEY_2024_AC), "the test");
        assertThat(((KeyFingerprints.Rejected) admission).reason())
                .isEqualTo("no pinned fingerprint for the key file 20240507/LEGAL/sacqrcode.pub of slot S/AC/20240507/LEG");
    }

    @Test
    void aSlotNamesTheTseKeyFile() {
        KeySlot slot = new KeySlot("SP", BuHeader.Phase.O, "20220829", "COM");
        assertThat(slot.fileName()).isEqualTo("ospqrcode.pub");
        assertThat(slot.folder()).isEqualTo("COMUNITARIA");
        assertThatThrownBy(() -> new KeySlot("sp", BuHeader.Phase.O, "20220829", "LEG")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeySlot("SP", BuHeader.Phase.O, "2022", "LEG")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyProvidersAreAskedInTurn() {
        PinnedKey extra = new PinnedKey(new KeySlot("PR", BuHeader.Phase.S, "20240507", "LEG"),
                Ed25519Key.fromRaw(HandBuiltBu.rawPublicKey(HandBuiltBu.newKeyPair())), "test");
        BuKeys both = BuKeys.firstOf(List.of(PinnedKeys.shipped(), PinnedKeys.of(List.of(extra))));
        assertThat(both.key(extra.slot())).contains(extra);
        assertThat(both.key(new KeySlot("AC", BuHeader.Phase.S, "20240507", "LEG"))).isPresent();
        assertThat(both.key(new KeySlot("MG", BuHeader.Phase.S, "20240507", "LEG"))).isEmpty();
        assertThatThrownBy(() -> PinnedKeys.shipped().plus(List.of(new PinnedKey(
                new KeySlot("AC", BuHeader.Phase.S, "20240507", "LEG"), extra.key(), "test"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBytesThatAreNotAnEd25519Key() {
        assertThatThrownBy(() -> Ed25519Key.fromRaw(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;
        assertThatThrownBy(() -> Ed25519Key.fromRaw(notAPoint)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a point");
        assertThatThrownBy(() -> Ed25519Key.parseHex("XYZ")).isInstanceOf(IllegalArgumentException.class);
    }
}
