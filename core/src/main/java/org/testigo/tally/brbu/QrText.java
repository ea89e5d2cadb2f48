package org.testigo.tally.brbu;

import java.util.List;
import java.util.Optional;

/** One QR text, read lexically: a code of the BU itself, or a code of the machine's certificate (6.0). */
sealed interface QrText permits QrText.BuCode, QrText.CertificateCode {

    /**
     * A {@code QRBU:i:n} code split into its three sections (BR-BU-QR.md §2).
     *
     * @param text the whole text as given, to tell exact duplicates from conflicting ones
     * @param version VRQR; empty for the early 2016 codes that have none
     * @param keyVersion VRCH, the key version (VRQR 1.5 only)
     * @param body the content section exactly as printed: what the hash chain covers
     * @param fields the records of the body, in order
     * @param hash the code's HASH
     * @param signature ASSI in hex (last code only)
     */
    record BuCode(String text, int index, int total, Optional<String> version, Optional<String> keyVersion,
            String body, List<BuField> fields, Sha512Hash hash, Optional<String> signature) implements QrText {
        public BuCode {
            fields = List.copyOf(fields);
        }

        /** VRQR and VRCH as one label, e.g. {@code 1.5/20240507}, for comparing codes and for messages. */
        String versionLabel() {
            return version.orElse("(none)") + keyVersion.map(k -> "/" + k).orElse("");
        }
    }

    /**
     * A {@code QRCE:i:n} code: part of the voting machine's certificate, printed after the BU codes
     * in VRQR 6.0 (BR-BU-QR.md §5).
     *
     * @param machine IDUE, the machine the certificate claims to belong to, when printed
     * @param certificateHex the CERT slice in hex
     */
    record CertificateCode(String text, int index, int total, Optional<String> machine, String certificateHex)
            implements QrText {
    }
}
