package org.testigo.tally.brbu;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.testigo.tally.Verdict;

/**
 * Step 3: judges the BU's signature ASSI over the last HASH.
 *
 * <ul>
 *   <li>VRQR up to 1.5 (BR-BU-QR.md §4): {@code ASSI = Ed25519.sign(sk, raw 64 bytes of HASH_n)} with
 *       the TSE key of the BU's UF, phase, key version and scope. The key comes only from {@link BuKeys}:
 *       no trusted key means {@link Verdict#NOT_VERIFIABLE}, never valid and never invalid.</li>
 *   <li>VRQR 6.0 (§5): signed by the voting machine's own key, certified by the TSE's machine CAs;
 *       Ed521 signatures cannot be checked with the JDK, so the verdict is NOT_VERIFIABLE with the reason.
 *       The hash chain is still checked.</li>
 * </ul>
 */
final class SignatureCheck {
    /** A verdict and its reason, for a person. */
    record Outcome(Verdict verdict, String reason) {
    }

    private SignatureCheck() {
    }

    static Outcome check(HashChain.Linked bu, BuHeader header, BuKeys keys, List<QrText.CertificateCode> certificate) {
        QrText.BuCode last = bu.last();
        String assi = last.signature().orElseThrow(); // HashChain refuses a BU without one
        String where = "QR code " + last.index() + " of " + bu.total();
        if (bu.version().equals(Optional.of("6.0"))) {
            return version6(assi, where, certificate);
        }
        // ORLC appeared with VRQR 1.5; earlier BUs were all official-scope (LEGAL).
        KeySlot slot = new KeySlot(header.uf(), header.phase(), bu.keyVersion().orElse(KeySlot.NO_KEY_VERSION),
                header.scope().orElse("LEG"));
        Optional<PinnedKey> key = keys.key(slot);
        if (key.isEmpty()) {
            return new Outcome(Verdict.NOT_VERIFIABLE, "no pinned key for " + slot
                    + " (" + slot.keyVersion() + "/" + slot.folder() + "/" + slot.fileName() + "); the hash chain holds");
        }
        boolean valid = key.get().key().verifies(last.hash().bytes(), HexFormat.of().parseHex(assi));
        return valid
                ? new Outcome(Verdict.VALID, "the Ed25519 signature ASSI in " + where + " verifies over its HASH with the pinned key "
                        + slot + " (" + key.get().source() + ")")
                : new Outcome(Verdict.INVALID, "the signature ASSI in " + where + " does not verify over its HASH with the pinned key "
                        + slot + ": the BU was altered after signing, or was not signed by the TSE key of " + header.uf());
    }

    private static Outcome version6(String assi, String where, List<QrText.CertificateCode> certificate) {
        String algorithm = assi.length() == 264
                ? "Ed521 (ASSI of 132 bytes), which neither the JDK nor BouncyCastle implements"
                : "ECDSA P-521 (ASSI of 139 bytes), whose machine-certificate chain this reader does not check yet";
        String certificateState = certificate.isEmpty()
                ? "the machine certificate codes (QRCE) were not given"
                : "the machine certificate codes (QRCE) were given (" + certificate.size() + ")";
        return new Outcome(Verdict.NOT_VERIFIABLE, "VRQR 6.0: " + where + " is signed by the voting machine's own key, "
                + "not a TSE key per UF; " + certificateState + ", and the signature is " + algorithm
                + ". The hash chain holds.");
    }
}
