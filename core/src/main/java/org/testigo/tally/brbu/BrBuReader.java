package org.testigo.tally.brbu;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.testigo.tally.Check;
import org.testigo.tally.Problem;
import org.testigo.tally.Verification;

/**
 * Reads a Brazilian boletim de urna from the text of its QR codes, given in any order, independently
 * of any election's ballot. The steps, each its own class:
 *
 * <ol>
 *   <li>{@link QrPartReader}: each text into header, records and HASH/ASSI (strict lexical grammar);</li>
 *   <li>{@link HashChain}: the codes in order, complete, and chained by SHA-512;</li>
 *   <li>{@link ContentInterpreter}: the content as header, elections, cargos, parties and votes;</li>
 *   <li>{@link SignatureCheck}: the signature against a trusted key, as a verdict with a reason;</li>
 *   <li>{@link ArithmeticChecks}: the sums anyone can check.</li>
 * </ol>
 *
 * Bad input never throws: it is a {@link BrBuReading.Refused} with {@link BrBuProblem} codes. Thread-safe.
 */
public final class BrBuReader {
    /** More texts than any real BU prints, counting repeats and certificate codes. */
    static final int MAX_TEXTS = 1000;

    private final BuKeys keys;

    public BrBuReader(BuKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** A reader that trusts the keys pinned in this build. */
    public static BrBuReader withPinnedKeys() {
        return new BrBuReader(PinnedKeys.shipped());
    }

    /** Reads the texts of one BU's QR codes, in any order; exact repeats are tolerated. */
    public BrBuReading read(List<String> texts) {
        try {
            return new BrBuReading.Read(readOrRefuse(texts));
        } catch (BuRefusal refusal) {
            return new BrBuReading.Refused(refusal.problems());
        }
    }

    private BoletimDeUrna readOrRefuse(List<String> texts) throws BuRefusal {
        if (texts == null || texts.isEmpty()) {
            throw new BuRefusal(BrBuProblem.NO_QR, "payloads", "No QR code text was given.", List.of());
        }
        if (texts.size() > MAX_TEXTS) {
            throw new BuRefusal(BrBuProblem.QR_MALFORMED, "payloads",
                    texts.size() + " QR texts were given; a BU has at most " + MAX_TEXTS + ".", List.of());
        }
        List<QrText.BuCode> codes = new ArrayList<>();
        List<QrText.CertificateCode> certificate = new ArrayList<>();
        Set<Problem> problems = new LinkedHashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                switch (QrPartReader.read(texts.get(i), i + 1)) {
                    case QrText.BuCode code -> codes.add(code);
                    case QrText.CertificateCode cert -> certificate.add(cert);
                }
            } catch (BuRefusal refusal) {
                problems.addAll(refusal.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new BuRefusal(List.copyOf(problems));
        }
        if (codes.isEmpty()) {
            throw new BuRefusal(BrBuProblem.PART_MISSING, "QRBU",
                    "Only the machine certificate codes (QRCE) were given; read the BU's own codes (QRBU) too.", List.of());
        }
        if (!certificate.isEmpty() && !codes.get(0).version().equals(Optional.of("6.0"))) {
            throw new BuRefusal(BrBuProblem.VERSIONS_DIFFER, "QRCE", "Certificate codes (QRCE) belong to VRQR 6.0 BUs, but this BU is VRQR "
                    + codes.get(0).versionLabel() + ".", List.of());
        }
        HashChain.Linked linked = HashChain.link(codes);
        ContentInterpreter.Content content = ContentInterpreter.interpret(linked.content(), linked.total());
        SignatureCheck.Outcome signature = SignatureCheck.check(linked, content.header(), keys, certificate);
        List<Check> checks = new ArrayList<>();
        checks.add(Check.pass("hash chain", "the SHA-512 chain of the " + linked.total() + " code(s) holds; last HASH "
                + linked.last().hash().hex().substring(0, 16) + "…"));
        checks.addAll(ArithmeticChecks.run(content.header(), content.elections()));
        return new BoletimDeUrna(linked.version(), linked.keyVersion(), linked.total(), content.header(), content.elections(),
                linked.last().hash(), new Verification(signature.verdict(), signature.reason(), checks));
    }
}
