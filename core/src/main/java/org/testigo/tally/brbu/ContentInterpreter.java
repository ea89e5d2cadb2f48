package org.testigo.tally.brbu;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Step 4: interprets the reassembled content records as a BU (the grammar of BR-BU-QR.md §2):
 *
 * <pre>
 * content  := bu-header election+
 * election := IDEL MAJO? PROP? cargo+
 * cargo    := CARG TIPO VERC ( party+ | vote* ) summary
 * party    := PART vote* LEGP TOTP          ; TIPO=1 only
 * summary  := APTA? APTS? APTT? CSEC? NOMI? LEGC? BRAN? NULO? TOTC?
 * </pre>
 *
 * Known fields must be well formed and appear once (HICA may repeat); unknown keys are kept where
 * they appear, because fields were added inside VRQR 1.5 over the years. Arithmetic is not judged
 * here ({@link ArithmeticChecks} does it): a BU whose sums disagree is still a BU.
 */
final class ContentInterpreter {
    private static final Pattern COUNT = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,24}");
    private static final Pattern LOAD_CODE = Pattern.compile("[0-9]{24}");
    private static final Pattern UF = Pattern.compile("[A-Z]{2}");
    private static final Pattern SOFTWARE = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,4}){0,5}");
    private static final Pattern SECTIONS = Pattern.compile("(0|[1-9][0-9]{0,8})(\\.(0|[1-9][0-9]{0,8}))*");
    private static final Pattern LOAD_HISTORY = Pattern.compile("(0|[1-9][0-9]{0,8}):[0-9]{24}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withResolverStyle(ResolverStyle.STRICT);

    /** What a known header value must look like, as {expected text, test}. */
    private static final Map<String, Rule> HEADER_RULES = Map.ofEntries(
            Map.entry("ORIG", rule("VOTA, RED or SA", v -> v.equals("VOTA") || v.equals("RED") || v.equals("SA"))),
            Map.entry("ORLC", rule("LEG or COM", v -> v.equals("LEG") || v.equals("COM"))),
            Map.entry("PROC", count()), Map.entry("PLEI", count()),
            Map.entry("DTPL", date()), Map.entry("DTAB", date()), Map.entry("DTFC", date()), Map.entry("DTEM", date()),
            Map.entry("HRAB", time()), Map.entry("HRFC", time()), Map.entry("HREM", time()),
            Map.entry("TURN", rule("1 or 2", v -> v.equals("1") || v.equals("2"))),
            Map.entry("FASE", rule("O, S or T", v -> v.equals("O") || v.equals("S") || v.equals("T"))),
            Map.entry("UNFE", rule("two uppercase letters (a UF, or ZZ abroad)", v -> UF.matcher(v).matches())),
            Map.entry("MUNI", count()), Map.entry("ZONA", count()), Map.entry("SECA", count()),
            Map.entry("AGRE", rule("section numbers joined by '.'", v -> SECTIONS.matcher(v).matches())),
            Map.entry("IDUE", rule("the machine's serial number (digits)", v -> DIGITS.matcher(v).matches())),
            Map.entry("IDCA", rule("a 24-digit load code", v -> LOAD_CODE.matcher(v).matches())),
            Map.entry("HIQT", count()),
            Map.entry("HICA", rule("seq:code with a 24-digit code", v -> LOAD_HISTORY.matcher(v).matches())),
            Map.entry("VERS", rule("a software version such as 9.29.0.1", v -> SOFTWARE.matcher(v).matches())),
            Map.entry("LOCA", count()), Map.entry("APTO", count()), Map.entry("APTS", count()), Map.entry("APTT", count()),
            Map.entry("COMP", count()), Map.entry("FALT", count()), Map.entry("HBMA", count()), Map.entry("HBBM", count()),
            Map.entry("HBBG", count()), Map.entry("HBSB", count()), Map.entry("JUNT", count()), Map.entry("TURM", count()));
    private static final List<String> HEADER_REQUIRED =
            List.of("ORIG", "PROC", "DTPL", "PLEI", "TURN", "FASE", "UNFE", "MUNI", "ZONA", "SECA", "IDUE", "IDCA", "VERS");
    private static final Set<String> SUMMARY = Set.of("APTA", "APTS", "APTT", "CSEC", "NOMI", "LEGC", "BRAN", "NULO", "TOTC");

    private record Rule(String expected, Predicate<String> test) {
    }

    /** The interpreted content. */
    record Content(BuHeader header, List<BuElection> elections) {
    }

    private final List<BuField> fields;
    private final int total;
    private int at;

    private ContentInterpreter(List<BuField> fields, int total) {
        this.fields = fields;
        this.total = total;
    }

    /**
     * @param content the content records of codes 1..n, in order
     * @param total n, for messages
     */
    static Content interpret(List<BuField> content, int total) throws BuRefusal {
        return new ContentInterpreter(content, total).content();
    }

    private Content content() throws BuRefusal {
        BuHeader header = header();
        List<BuElection> elections = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (at < fields.size()) {
            BuElection election = election();
            if (!seen.add(election.code())) {
                throw refuse(fields.get(at - 1), "IDEL", "election IDEL " + election.code() + " appears twice");
            }
            elections.add(election);
        }
        if (elections.isEmpty()) {
            throw new BuRefusal(BrBuProblem.FORMAT, "IDEL", "QR code " + total + " of " + total
                    + ": the BU ends without any election block (IDEL), so it carries no votes.", List.of(total));
        }
        return new Content(header, elections);
    }

    private BuHeader header() throws BuRefusal {
        List<BuField> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (at < fields.size() && !fields.get(at).key().equals("IDEL")) {
            BuField f = fields.get(at++);
            if (f.isVote()) {
                throw refuse(f, f.key(), "a vote line (" + f + ") before any IDEL/CARG");
            }
            Rule rule = HEADER_RULES.get(f.key());
            if (rule != null) {
                if (!f.key().equals("HICA") && !seen.add(f.key())) {
                    throw refuse(f, f.key(), f.key() + " appears twice in the header");
                }
                if (!rule.test().test(f.value())) {
                    throw refuse(f, f.key(), f + ": expected " + rule.expected());
                }
            }
            header.add(f);
        }
        for (String key : HEADER_REQUIRED) {
            if (!seen.contains(key)) {
                throw new BuRefusal(BrBuProblem.FORMAT, key, "QR code 1 of " + total + ": the BU header lacks " + key + ".",
                        List.of(1));
            }
        }
        String agre = value(header, "AGRE").orElse(null);
        return new BuHeader(
                BuHeader.Origin.valueOf(value(header, "ORIG").orElseThrow()),
                value(header, "ORLC"),
                number(header, "PROC"),
                LocalDate.parse(value(header, "DTPL").orElseThrow(), DATE),
                number(header, "PLEI"),
                number(header, "TURN"),
                BuHeader.Phase.valueOf(value(header, "FASE").orElseThrow()),
                value(header, "UNFE").orElseThrow(),
                number(header, "MUNI"),
                number(header, "ZONA"),
                number(header, "SECA"),
                agre == null ? List.of() : Arrays.stream(agre.split("\\.")).map(Integer::valueOf).toList(),
                value(header, "IDUE").orElseThrow(),
                value(header, "IDCA").orElseThrow(),
                value(header, "VERS").orElseThrow(),
                header);
    }

    private BuElection election() throws BuRefusal {
        BuField idel = fields.get(at++); // the caller stops only at IDEL
        int code = countOf(idel);
        List<BuField> own = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (at < fields.size() && !fields.get(at).key().equals("CARG") && !fields.get(at).key().equals("IDEL")) {
            BuField f = fields.get(at++);
            if (f.isVote()) {
                throw refuse(f, f.key(), "a vote line (" + f + ") in election IDEL " + code + " before any CARG");
            }
            if (f.key().equals("MAJO") || f.key().equals("PROP")) {
                if (!seen.add(f.key())) {
                    throw refuse(f, f.key(), f.key() + " appears twice in election IDEL " + code);
                }
                countOf(f);
            }
            own.add(f);
        }
        List<BuCargo> cargos = new ArrayList<>();
        Set<Integer> cargoCodes = new HashSet<>();
        while (at < fields.size() && fields.get(at).key().equals("CARG")) {
            BuField carg = fields.get(at);
            BuCargo cargo = cargo(code);
            if (!cargoCodes.add(cargo.code())) {
                throw refuse(carg, "CARG", "cargo " + cargo.code() + " appears twice in election IDEL " + code);
            }
            cargos.add(cargo);
        }
        if (cargos.isEmpty()) {
            throw refuse(idel, "CARG", "election IDEL " + code + " has no cargo (CARG)");
        }
        return new BuElection(code, own, cargos);
    }

    private BuCargo cargo(int election) throws BuRefusal {
        BuField carg = fields.get(at++);
        int code = countOf(carg);
        String label = "cargo " + code + " (IDEL " + election + ")";
        BuCargo.Kind kind = null;
        String verc = null;
        List<BuParty> parties = new ArrayList<>();
        List<BuVote> votes = new ArrayList<>();
        List<BuField> own = new ArrayList<>();
        Set<String> seenKeys = new HashSet<>();
        Set<String> seenCandidates = new HashSet<>();
        Set<Integer> seenParties = new HashSet<>();
        PartyBlock party = null;
        boolean summary = false;
        while (at < fields.size() && !fields.get(at).key().equals("CARG") && !fields.get(at).key().equals("IDEL")) {
            BuField f = fields.get(at++);
            if (f.isVote()) {
                if (summary) {
                    throw refuse(f, f.key(), "vote " + f + " after the summary of " + label);
                }
                if (kind == null) {
                    throw refuse(f, f.key(), "vote " + f + " before TIPO in " + label);
                }
                if (kind == BuCargo.Kind.PROPORTIONAL && (party == null || party.closed)) {
                    throw refuse(f, f.key(), "vote " + f + " outside a party block (PART) of proportional " + label);
                }
                if (!seenCandidates.add(f.key())) {
                    throw refuse(f, f.key(), "candidate " + f.key() + " appears twice in " + label);
                }
                BuVote vote = new BuVote(f.key(), countOf(f));
                if (party != null && !party.closed) {
                    party.votes.add(vote);
                } else {
                    votes.add(vote);
                }
                continue;
            }
            switch (f.key()) {
                case "TIPO" -> {
                    if (kind != null) {
                        throw refuse(f, "TIPO", "TIPO appears twice in " + label);
                    }
                    if (!f.value().matches("[012]")) {
                        throw refuse(f, "TIPO", f + " in " + label + ": expected 0 (majoritarian), 1 (proportional) or 2 (referendum)");
                    }
                    kind = BuCargo.Kind.values()[f.value().charAt(0) - '0'];
                    own.add(f);
                }
                case "VERC" -> {
                    if (verc != null) {
                        throw refuse(f, "VERC", "VERC appears twice in " + label);
                    }
                    if (!DIGITS.matcher(f.value()).matches()) {
                        throw refuse(f, "VERC", f + " in " + label + ": expected digits (a yyyymmddhhmm version)");
                    }
                    verc = f.value();
                    own.add(f);
                }
                case "PART" -> {
                    if (summary) {
                        throw refuse(f, "PART", "party " + f.value() + " after the summary of " + label);
                    }
                    if (kind != BuCargo.Kind.PROPORTIONAL) {
                        throw refuse(f, "PART", "party block " + f + " in " + label + ", which is not proportional (TIPO:1)");
                    }
                    if (party != null && !party.closed) {
                        throw refuse(f, "TOTP", "party " + party.number + " of " + label + " ends without LEGP and TOTP");
                    }
                    party = new PartyBlock(countOf(f));
                    if (!seenParties.add(party.number)) {
                        throw refuse(f, "PART", "party " + party.number + " appears twice in " + label);
                    }
                }
                case "LEGP" -> {
                    if (party == null || party.closed || party.legp != null) {
                        throw refuse(f, "LEGP", "LEGP outside a party block of " + label + " (or twice in one)");
                    }
                    party.legp = countOf(f);
                }
                case "TOTP" -> {
                    if (party == null || party.closed || party.legp == null) {
                        throw refuse(f, "TOTP", "TOTP outside a party block of " + label + ", or before its LEGP");
                    }
                    parties.add(new BuParty(party.number, party.votes, party.legp, countOf(f)));
                    party.closed = true;
                }
                default -> {
                    if (SUMMARY.contains(f.key())) {
                        if (party != null && !party.closed) {
                            throw refuse(f, "TOTP", "party " + party.number + " of " + label + " ends without LEGP and TOTP");
                        }
                        if (!seenKeys.add(f.key())) {
                            throw refuse(f, f.key(), f.key() + " appears twice in " + label);
                        }
                        countOf(f);
                        summary = true;
                    }
                    own.add(f); // a summary field, or a key this reader does not know
                }
            }
        }
        BuField lastOfCargo = fields.get(at - 1);
        if (party != null && !party.closed) {
            throw refuse(lastOfCargo, "TOTP", "party " + party.number + " of " + label + " ends without LEGP and TOTP");
        }
        if (kind == null) {
            throw refuse(carg, "TIPO", label + " has no TIPO");
        }
        if (verc == null) {
            throw refuse(carg, "VERC", label + " has no VERC");
        }
        return new BuCargo(election, code, kind, verc, parties, votes, own);
    }

    /** A party block being read. */
    private static final class PartyBlock {
        final int number;
        final List<BuVote> votes = new ArrayList<>();
        Integer legp;
        boolean closed;

        PartyBlock(int number) {
            this.number = number;
        }
    }

    private int countOf(BuField f) throws BuRefusal {
        if (!COUNT.matcher(f.value()).matches()) {
            throw refuse(f, f.key(), f + ": expected a whole number without leading zeros (at most 9 digits)");
        }
        return Integer.parseInt(f.value());
    }

    private BuRefusal refuse(BuField at, String field, String what) {
        return new BuRefusal(BrBuProblem.FORMAT, field, "QR code " + at.part() + " of " + total + ": " + what + ".",
                List.of(at.part()));
    }

    private static Optional<String> value(List<BuField> fields, String key) {
        return fields.stream().filter(f -> f.key().equals(key)).map(BuField::value).findFirst();
    }

    private static int number(List<BuField> fields, String key) {
        return Integer.parseInt(value(fields, key).orElseThrow());
    }

    private static Rule rule(String expected, Predicate<String> test) {
        return new Rule(expected, test);
    }

    private static Rule count() {
        return rule("a whole number without leading zeros (at most 9 digits)", v -> COUNT.matcher(v).matches());
    }

    private static Rule date() {
        return rule("a date yyyymmdd", v -> parses(v, DATE, true));
    }

    private static Rule time() {
        return rule("a time hhmmss", v -> parses(v, TIME, false));
    }

    private static boolean parses(String v, DateTimeFormatter format, boolean date) {
        if (v.length() != (date ? 8 : 6)) {
            return false;
        }
        try {
            if (date) {
                LocalDate.parse(v, format);
            } else {
                LocalTime.parse(v, format);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
