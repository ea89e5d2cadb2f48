package org.testigo.tally.brbu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Step 2: puts the codes of one BU back in order and checks the SHA-512 chain that links them
 * (BR-BU-QR.md §3). With {@code body_i} the text between the header and {@code " HASH:"}:
 *
 * <pre>
 * text_1 = body_1
 * text_i = acc_{i-1} + " " + body_i             (i > 1)
 * HASH_i = UPPERHEX(SHA-512(ASCII(text_i)))
 * acc_i  = text_i + " HASH:" + HASH_i
 * </pre>
 *
 * So a missing, repeated or foreign code, or any changed character of the content, breaks the chain
 * at a known code. The chain alone proves nothing against a forger, who can recompute it: the
 * signature over the last HASH does ({@link SignatureCheck}).
 */
final class HashChain {
    private HashChain() {
    }

    /**
     * A BU whose codes are complete, in order and chained.
     *
     * @param codes the codes 1..n
     * @param content every content record, in order, as if printed in one code
     */
    record Linked(List<QrText.BuCode> codes, List<BuField> content) {
        int total() {
            return codes.size();
        }

        QrText.BuCode last() {
            return codes.get(codes.size() - 1);
        }

        Optional<String> version() {
            return codes.get(0).version();
        }

        Optional<String> keyVersion() {
            return codes.get(0).keyVersion();
        }
    }

    /** Orders the codes (given in any order, exact duplicates tolerated) and checks the chain. */
    static Linked link(List<QrText.BuCode> given) throws BuRefusal {
        int total = given.get(0).total();
        if (given.stream().anyMatch(c -> c.total() != total)) {
            throw new BuRefusal(BrBuProblem.PART_TOTALS_DIFFER, "QRBU", "The codes are not from one BU: they claim different totals ("
                    + given.stream().map(c -> c.index() + " of " + c.total()).distinct().collect(Collectors.joining(", ")) + ")",
                    given.stream().map(QrText.BuCode::index).distinct().sorted().toList());
        }
        String version = given.get(0).versionLabel();
        if (given.stream().anyMatch(c -> !c.versionLabel().equals(version))) {
            throw new BuRefusal(BrBuProblem.VERSIONS_DIFFER, "VRQR", "The codes are not from one BU: their VRQR/VRCH differ ("
                    + given.stream().map(c -> "code " + c.index() + ": " + c.versionLabel()).distinct()
                            .collect(Collectors.joining(", ")) + ")",
                    given.stream().map(QrText.BuCode::index).distinct().sorted().toList());
        }
        SortedMap<Integer, QrText.BuCode> byIndex = new TreeMap<>();
        for (QrText.BuCode code : given) {
            QrText.BuCode before = byIndex.putIfAbsent(code.index(), code);
            if (before != null && !before.text().equals(code.text())) {
                throw new BuRefusal(BrBuProblem.PART_REPEATED_DIFFERENT, "QRBU", "Two different texts are both QR code " + code.index()
                        + " of " + total + "; they come from different BUs or one was misread. Read that code again.",
                        List.of(code.index()));
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new BuRefusal(BrBuProblem.PART_MISSING, "QRBU", (missing.size() == 1 ? "QR code " : "QR codes ")
                    + missing.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " of " + total
                    + (missing.size() == 1 ? " is" : " are") + " missing; read every code printed on the BU.", missing);
        }
        List<QrText.BuCode> codes = List.copyOf(byIndex.values());
        StringBuilder acc = new StringBuilder();
        for (QrText.BuCode code : codes) {
            if (code.index() > 1) {
                acc.append(' ');
            }
            acc.append(code.body());
            Sha512Hash expected = Sha512Hash.ofAscii(acc.toString());
            if (!expected.equals(code.hash())) {
                throw new BuRefusal(BrBuProblem.CHAIN_BROKEN, "HASH", "QR code " + code.index() + " of " + total
                        + ": its HASH is not the SHA-512 of the content up to it"
                        + (code.index() > 1 ? " (chained to codes 1.." + (code.index() - 1) + ")" : "")
                        + "; the code was misread or altered, or comes from another BU. Read it again.",
                        List.of(code.index()));
            }
            acc.append(" HASH:").append(code.hash().hex());
        }
        for (QrText.BuCode code : codes.subList(0, codes.size() - 1)) {
            if (code.signature().isPresent()) {
                throw new BuRefusal(BrBuProblem.SIGNATURE_MISPLACED, "ASSI", "QR code " + code.index() + " of " + total
                        + " carries an ASSI, which only the last code may carry.", List.of(code.index()));
            }
        }
        if (codes.get(total - 1).signature().isEmpty()) {
            throw new BuRefusal(BrBuProblem.SIGNATURE_MISSING, "ASSI", "QR code " + total + " of " + total
                    + " (the last) has no ASSI, the BU's signature.", List.of(total));
        }
        List<BuField> content = new ArrayList<>();
        codes.forEach(c -> content.addAll(c.fields()));
        return new Linked(codes, content);
    }
}
