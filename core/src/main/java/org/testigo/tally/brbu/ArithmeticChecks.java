package org.testigo.tally.brbu;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.testigo.tally.Check;

/**
 * Step 5: the consistency checks anyone can run without a key (BR-BU-QR.md §6). Each check runs only
 * when the fields it needs are printed, because fields came and went between versions. A failed
 * check does not refuse the BU: it is reported, naming the cargo and the numbers.
 */
final class ArithmeticChecks {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private ArithmeticChecks() {
    }

    static List<Check> run(BuHeader header, List<BuElection> elections) {
        List<Check> checks = new ArrayList<>();
        turnout(header, checks);
        for (BuElection election : elections) {
            for (BuCargo cargo : election.cargos()) {
                cargo(header, cargo, checks);
            }
        }
        return checks;
    }

    private static void turnout(BuHeader h, List<Check> checks) {
        OptionalInt apto = h.count("APTO");
        OptionalInt comp = h.count("COMP");
        OptionalInt falt = h.count("FALT");
        if (apto.isPresent() && comp.isPresent() && falt.isPresent()) {
            checks.add(equal("APTO = COMP + FALT", "APTO", apto.getAsInt(),
                    "COMP + FALT", (long) comp.getAsInt() + falt.getAsInt()));
        }
        OptionalInt hbbm = h.count("HBBM");
        OptionalInt hbbg = h.count("HBBG");
        OptionalInt hbsb = h.count("HBSB");
        if (hbbm.isPresent() && hbbg.isPresent() && hbsb.isPresent() && comp.isPresent()) {
            checks.add(equal("HBBM + HBBG + HBSB = COMP", "HBBM + HBBG + HBSB",
                    (long) hbbm.getAsInt() + hbbg.getAsInt() + hbsb.getAsInt(), "COMP", comp.getAsInt()));
        }
        OptionalInt apts = h.count("APTS");
        OptionalInt aptt = h.count("APTT");
        if (apts.isPresent() && aptt.isPresent() && apto.isPresent()) {
            checks.add(equal("APTS + APTT = APTO", "APTS + APTT", (long) apts.getAsInt() + aptt.getAsInt(),
                    "APTO", apto.getAsInt()));
        }
        OptionalInt hiqt = h.count("HIQT");
        if (hiqt.isPresent()) {
            long hica = h.fields().stream().filter(f -> f.key().equals("HICA")).count();
            checks.add(equal("HIQT = number of HICA", "HIQT", hiqt.getAsInt(), "number of HICA", hica));
        }
        if (h.text("DTAB").isPresent() && h.text("HRAB").isPresent() && h.text("DTFC").isPresent() && h.text("HRFC").isPresent()) {
            LocalDateTime open = LocalDateTime.parse(h.text("DTAB").get() + h.text("HRAB").get(), STAMP);
            LocalDateTime close = LocalDateTime.parse(h.text("DTFC").get() + h.text("HRFC").get(), STAMP);
            String detail = "opened " + open + ", closed " + close;
            checks.add(new Check("opening (DTAB HRAB) <= closing (DTFC HRFC)", !open.isAfter(close), detail));
        }
    }

    private static void cargo(BuHeader header, BuCargo cargo, List<Check> checks) {
        String c = cargo.label() + ": ";
        OptionalInt nomi = cargo.count("NOMI");
        if (nomi.isPresent()) {
            long sum = cargo.allVotes().stream().mapToLong(BuVote::votes).sum();
            checks.add(equal(c + "sum of votes = NOMI", "sum of votes", sum, "NOMI", nomi.getAsInt()));
        }
        OptionalInt totc = cargo.count("TOTC");
        if (totc.isPresent()) {
            long parts = (long) nomi.orElse(0) + cargo.count("LEGC").orElse(0) + cargo.count("BRAN").orElse(0)
                    + cargo.count("NULO").orElse(0);
            checks.add(equal(c + "NOMI + LEGC + BRAN + NULO = TOTC", "NOMI + LEGC + BRAN + NULO", parts, "TOTC", totc.getAsInt()));
        }
        for (BuParty party : cargo.parties()) {
            checks.add(equal(c + "party " + party.number() + ": sum of candidates + LEGP = TOTP", "sum of candidates + LEGP",
                    party.candidateVotes() + party.labelVotes(), "TOTP", party.total()));
        }
        OptionalInt legc = cargo.count("LEGC");
        if (legc.isPresent() && cargo.kind() == BuCargo.Kind.PROPORTIONAL) {
            long sum = cargo.parties().stream().mapToLong(BuParty::labelVotes).sum();
            checks.add(equal(c + "sum of LEGP = LEGC", "sum of LEGP", sum, "LEGC", legc.getAsInt()));
        }
        if (!cargo.parties().isEmpty()) {
            List<String> stray = new ArrayList<>();
            for (BuParty party : cargo.parties()) {
                party.votes().stream().map(BuVote::number).filter(n -> !n.startsWith(String.valueOf(party.number())))
                        .forEach(n -> stray.add(n + " in party " + party.number()));
            }
            checks.add(new Check(c + "candidate numbers start with their party's", stray.isEmpty(),
                    stray.isEmpty() ? "every candidate number starts with its PART" : "not so for " + String.join(", ", stray)));
        }
        OptionalInt apta = cargo.count("APTA");
        OptionalInt apts = cargo.count("APTS");
        OptionalInt aptt = cargo.count("APTT");
        if (apta.isPresent() && apts.isPresent() && aptt.isPresent()) {
            checks.add(equal(c + "APTS + APTT = APTA", "APTS + APTT", (long) apts.getAsInt() + aptt.getAsInt(),
                    "APTA", apta.getAsInt()));
        }
        OptionalInt apto = header.count("APTO");
        if (apta.isPresent() && apto.isPresent()) {
            boolean ok = apta.getAsInt() <= apto.getAsInt();
            checks.add(new Check(c + "APTA <= APTO", ok, "APTA " + apta.getAsInt() + (ok ? " <= " : " > ") + "APTO " + apto.getAsInt()));
        }
    }

    private static Check equal(String name, String leftName, long left, String rightName, long right) {
        return new Check(name, left == right, left == right
                ? leftName + " = " + rightName + " = " + left
                : leftName + " is " + left + " but " + rightName + " is " + right);
    }
}
