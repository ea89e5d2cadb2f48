package org.testigo.tally.brbu;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 1: reads one QR text into its records (BR-BU-QR.md §2), strictly. The text is one line in QR
 * alphanumeric mode of at most 1,100 characters; records are separated by one space and split at the
 * first {@code :}; a key is four uppercase letters or all digits. The header is {@code QRBU:i:n}, then
 * VRQR (absent only in early 2016 codes), then VRCH (with VRQR 1.5 only); the code ends with
 * {@code HASH:} and, in the last code, {@code ASSI:}. Unknown content keys are accepted.
 */
final class QrPartReader {
    /** Longest text the TSE prints in one code. */
    static final int MAX_LENGTH = 1100;
    /** Bound on n: real BUs use a handful of codes; the bound keeps the reader's work bounded. */
    static final int MAX_CODES = 999;
    /** The QR alphanumeric-mode character set. */
    static final String CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private static final Set<String> VERSIONS = Set.of("1.4", "1.5", "6.0");
    private static final Pattern INDEX = Pattern.compile("([1-9][0-9]{0,2}):([1-9][0-9]{0,2})");
    private static final Pattern LEADING_INDEX = Pattern.compile("^QR(?:BU|CE):([1-9][0-9]{0,2}):([1-9][0-9]{0,2})(?: |$)");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,2}\\.[0-9]{1,2}");
    private static final DateTimeFormatter YYYYMMDD =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private QrPartReader() {
    }

    /**
     * Reads one text.
     *
     * @param position 1-based position of the text in the input, to name it when its header is unreadable
     */
    static QrText read(String text, int position) throws BuRefusal {
        if (text == null) {
            throw new BuRefusal(BrBuProblem.QR_MALFORMED, "text", "QR text " + position + " (in the order given) is missing", List.of());
        }
        Where where = where(text, position);
        if (!text.startsWith("QRBU:") && !text.startsWith("QRCE:")) {
            throw where.refuse(BrBuProblem.NOT_A_BU, "QRBU", "is not a boletim de urna QR code: it must start with QRBU: (got "
                    + quote(text, 24) + ")");
        }
        if (text.length() > MAX_LENGTH) {
            throw where.refuse(BrBuProblem.QR_MALFORMED, "length",
                    "has " + text.length() + " characters; a BU QR code holds at most " + MAX_LENGTH);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (CHARSET.indexOf(c) < 0) {
                throw where.refuse(BrBuProblem.QR_MALFORMED, "charset", "has " + describe(c) + " at character " + (i + 1)
                        + "; a BU QR code uses only the alphanumeric set 0-9 A-Z space $%*+-./:");
            }
        }
        List<BuField> records = records(text, where);
        return text.startsWith("QRCE:") ? certificate(text, records, where) : buCode(text, records, where);
    }

    private static List<BuField> records(String text, Where where) throws BuRefusal {
        String[] tokens = text.split(" ", -1);
        List<BuField> records = new ArrayList<>(tokens.length);
        for (int t = 0; t < tokens.length; t++) {
            String token = tokens[t];
            if (token.isEmpty()) {
                throw where.refuse(BrBuProblem.QR_MALFORMED, "record " + (t + 1),
                        "has an empty record " + (t + 1) + ": records are separated by exactly one space, with none at either end");
            }
            int colon = token.indexOf(':');
            if (colon < 0) {
                throw where.refuse(BrBuProblem.QR_MALFORMED, "record " + (t + 1),
                        "has record " + quote(token, 20) + " without the ':' of KEY:VALUE");
            }
            String key = token.substring(0, colon);
            String value = token.substring(colon + 1);
            if (!isKey(key)) {
                throw where.refuse(BrBuProblem.QR_MALFORMED, key.isEmpty() ? "record " + (t + 1) : key,
                        "has record " + quote(token, 20) + " whose key is neither four uppercase letters nor 1-9 digits");
            }
            if (value.isEmpty()) {
                throw where.refuse(BrBuProblem.QR_MALFORMED, key, "has record " + key + ": with an empty value");
            }
            records.add(new BuField(key, value, where.part));
        }
        return records;
    }

    private static QrText.BuCode buCode(String text, List<BuField> records, Where where) throws BuRefusal {
        Matcher index = INDEX.matcher(records.get(0).value());
        if (!records.get(0).key().equals("QRBU") || !index.matches()) {
            throw where.refuse(BrBuProblem.QR_MALFORMED, "QRBU", "must start with QRBU:i:n, i and n whole numbers from 1 to "
                    + MAX_CODES + " without leading zeros (got " + quote(records.get(0).toString(), 20) + ")");
        }
        int i = Integer.parseInt(index.group(1));
        int n = Integer.parseInt(index.group(2));
        if (i > n) {
            throw where.refuse(BrBuProblem.QR_MALFORMED, "QRBU", "claims to be code " + i + " of only " + n);
        }
        int next = 1;
        Optional<String> version = Optional.empty();
        if (next < records.size() && records.get(next).key().equals("VRQR")) {
            String v = records.get(next).value();
            if (!VERSION.matcher(v).matches()) {
                throw where.refuse(BrBuProblem.QR_MALFORMED, "VRQR", "has VRQR:" + quote(v, 10) + "; expected major.minor, e.g. 1.5");
            }
            if (!VERSIONS.contains(v)) {
                throw where.refuse(BrBuProblem.VERSION_UNSUPPORTED, "VRQR",
                        "is in format version VRQR " + v + "; this reader knows 1.4, 1.5 and 6.0");
            }
            version = Optional.of(v);
            next++;
        }
        Optional<String> keyVersion = Optional.empty();
        if (next < records.size() && records.get(next).key().equals("VRCH")) {
            String k = records.get(next).value();
            if (!version.equals(Optional.of("1.5"))) {
                throw where.refuse(BrBuProblem.QR_MALFORMED, "VRCH", "has VRCH, which only follows VRQR:1.5 (VRQR here: "
                        + version.orElse("absent") + ")");
            }
            if (!isDate(k)) {
                throw where.refuse(BrBuProblem.QR_MALFORMED, "VRCH", "has VRCH:" + quote(k, 10) + "; expected a key version date yyyymmdd");
            }
            keyVersion = Optional.of(k);
            next++;
        }
        if (version.equals(Optional.of("1.5")) && keyVersion.isEmpty()) {
            throw where.refuse(BrBuProblem.QR_MALFORMED, "VRCH", "is VRQR 1.5 but has no VRCH (the signing key version) after it");
        }
        int hashAt = records.size() - 1;
        Optional<String> signature = Optional.empty();
        if (records.get(hashAt).key().equals("ASSI")) {
            signature = Optional.of(records.get(hashAt).value());
            hashAt--;
        }
        if (hashAt < next || !records.get(hashAt).key().equals("HASH")) {
            throw where.refuse(BrBuProblem.QR_MALFORMED, "HASH",
                    "does not end with HASH:<128 hex digits> (followed by ASSI:<hex> in the last code)");
        }
        if (hashAt == next) {
            throw where.refuse(BrBuProblem.QR_MALFORMED, "content", "has no content between its header and HASH");
        }
        Optional<Sha512Hash> hash = Sha512Hash.parseHex(records.get(hashAt).value());
        if (hash.isEmpty()) {
            throw where.refuse(BrBuProblem.QR_MALFORMED, "HASH", "has a HASH that is not 128 hex digits (SHA-512)");
        }
        if (signature.isPresent()) {
            checkSignatureShape(signature.get(), version, where);
        }
        List<BuField> body = records.subList(next, hashAt);
        for (BuField f : body) {
            if (f.key().equals("QRBU") || f.key().equals("HASH") || f.key().equals("ASSI")) {
                throw where.refuse(BrBuProblem.QR_MALFORMED, f.key(), "has " + f.key() + " inside its content; it may only appear "
                        + (f.key().equals("QRBU") ? "first" : "at the end"));
            }
        }
        // The body is the exact text between the header and " HASH:": the chain hashes it as printed.
        int bodyStart = 0;
        for (int r = 0; r < next; r++) {
            bodyStart += records.get(r).key().length() + 1 + records.get(r).value().length() + 1;
        }
        int bodyEnd = text.lastIndexOf(" HASH:");
        return new QrText.BuCode(text, i, n, version, keyVersion, text.substring(bodyStart, bodyEnd), body,
                hash.get(), signature);
    }

    /** ASSI is 64 bytes of Ed25519 up to VRQR 1.5; in 6.0, 132 bytes of Ed521 or a 139-byte DER ECDSA P-521. */
    private static void checkSignatureShape(String assi, Optional<String> version, Where where) throws BuRefusal {
        boolean v6 = version.equals(Optional.of("6.0"));
        boolean lengthOk = v6 ? assi.length() == 264 || assi.length() == 278 : assi.length() == 128;
        if (!lengthOk || !Sha512Hash.isHex(assi)) {
            throw where.refuse(BrBuProblem.QR_MALFORMED, "ASSI", "has an ASSI of " + assi.length() + " characters; expected "
                    + (v6 ? "264 (Ed521) or 278 (ECDSA P-521)" : "128") + " hex digits");
        }
    }

    private static QrText.CertificateCode certificate(String text, List<BuField> records, Where where) throws BuRefusal {
        Matcher index = INDEX.matcher(records.get(0).value());
        if (!records.get(0).key().equals("QRCE") || !index.matches()
                || Integer.parseInt(index.group(1)) > Integer.parseInt(index.group(2))) {
            throw where.refuse(BrBuProblem.QR_MALFORMED, "QRCE", "must start with QRCE:i:n, 1 <= i <= n");
        }
        Optional<String> machine = Optional.empty();
        String cert = null;
        for (BuField f : records.subList(1, records.size())) {
            switch (f.key()) {
                case "IDUE" -> machine = Optional.of(f.value());
                case "CERT" -> cert = f.value();
                default -> { }
            }
        }
        if (cert == null || !Sha512Hash.isHex(cert)) {
            throw where.refuse(BrBuProblem.QR_MALFORMED, "CERT", "is a certificate code without CERT:<hex digits>");
        }
        return new QrText.CertificateCode(text, Integer.parseInt(index.group(1)), Integer.parseInt(index.group(2)), machine, cert);
    }

    /** Four uppercase letters, or 1 to 9 digits (a candidate or answer number). */
    private static boolean isKey(String key) {
        if (key.length() == 4 && key.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return true;
        }
        return !key.isEmpty() && key.length() <= 9 && key.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    static boolean isDate(String yyyymmdd) {
        if (yyyymmdd.length() != 8) {
            return false;
        }
        try {
            LocalDate.parse(yyyymmdd, YYYYMMDD);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** How messages name a text: by its QR number when the header is readable, else by its position. */
    private record Where(String label, int part) {
        BuRefusal refuse(BrBuProblem code, String field, String what) {
            return new BuRefusal(code, field, label + " " + what, part == 0 ? List.of() : List.of(part));
        }
    }

    private static Where where(String text, int position) {
        Matcher m = LEADING_INDEX.matcher(text);
        if (m.find()) {
            String kind = text.startsWith("QRCE:") ? "certificate code " : "QR code ";
            return new Where(kind + m.group(1) + " of " + m.group(2), text.startsWith("QRCE:") ? 0 : Integer.parseInt(m.group(1)));
        }
        return new Where("QR text " + position + " (in the order given)", 0);
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    static String quote(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return '"' + b.toString() + (s.length() > max ? "…" : "") + '"';
    }
}
