package org.testigo.tally.brbu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.testigo.election.Ballot;
import org.testigo.election.Counts;
import org.testigo.tally.Decoding;
import org.testigo.tally.Problem;
import org.testigo.tally.Tally;
import org.testigo.tally.TallyContext;
import org.testigo.tally.TallyFormat;

/**
 * The {@code br-bu} tally format: a Brazilian boletim de urna, projected onto one cargo of the
 * election's ballot. A BU counts several cargos (Presidente and Governador, Prefeito and Vereador,
 * referendums); the election says which one it counts with the option {@code cargo} (a CARG code such
 * as {@code 1}), which may be left out when the BU has a single cargo.
 *
 * <p>The ballot's candidate ids are the candidate numbers ({@code 13}, {@code 22}, or {@code 13001} for
 * a proportional cargo). The BU gives votes per candidate, so the tally has no card counts. The table is
 * {@code UF-MUNI-ZONA-SECA} (e.g. {@code SP-63452-75-182}); the acta id is the last HASH, which
 * identifies the printed document.
 */
public final class BrBuFormat implements TallyFormat {
    /** The format id used in election packages. */
    public static final String ID = "br-bu";
    /** The election option naming the counted cargo. */
    public static final String CARGO_OPTION = "cargo";

    private static final List<String> HEADER_COUNTERS =
            List.of("APTO", "APTS", "APTT", "COMP", "FALT", "HBMA", "HBBM", "HBBG", "HBSB");
    private static final List<String> CARGO_COUNTERS = List.of("APTA", "CSEC", "NOMI", "LEGC", "TOTC");

    private final BrBuReader reader;

    /** The format as {@link java.util.ServiceLoader} makes it: trusting the keys pinned in this build. */
    public BrBuFormat() {
        this(PinnedKeys.shipped());
    }

    /** The format trusting other keys (e.g. pinned ones plus keys admitted by fingerprint). */
    public BrBuFormat(BuKeys keys) {
        this.reader = new BrBuReader(keys);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Brazil boletim de urna (BU) QR codes: VRQR 1.4/1.5 signed with Ed25519 per UF, 6.0 chain-checked only";
    }

    @Override
    public boolean recognizes(List<String> payloads) {
        return payloads != null && !payloads.isEmpty() && payloads.get(0) != null && payloads.get(0).startsWith("QRBU:");
    }

    @Override
    public Optional<TallyContext> defaultContext() {
        return Optional.empty();
    }

    @Override
    public Decoding decode(List<String> payloads, TallyContext context) {
        Objects.requireNonNull(context, "context");
        return switch (reader.read(payloads)) {
            case BrBuReading.Refused refused -> new Decoding.Refused(refused.problems());
            case BrBuReading.Read read -> project(read.bu(), context);
        };
    }

    private static Decoding project(BoletimDeUrna bu, TallyContext context) {
        String option = context.options().get(CARGO_OPTION);
        List<BuCargo> cargos = bu.cargos();
        BuCargo cargo;
        if (option == null) {
            if (cargos.size() != 1) {
                return refuse(BrBuProblem.CARGO_OPTION_NEEDED, CARGO_OPTION, "This BU counts " + cargos.size() + " cargos ("
                        + codes(cargos) + "); the election must say which one it counts with the option cargo.", List.of());
            }
            cargo = cargos.get(0);
        } else {
            if (!option.matches("0|[1-9][0-9]{0,8}")) {
                return refuse(BrBuProblem.CARGO_OPTION_NEEDED, CARGO_OPTION, "The election's cargo option is \"" + option
                        + "\"; expected a CARG code such as 1 (Presidente) or 11 (Prefeito).", List.of());
            }
            List<BuCargo> matching = bu.cargos(Integer.parseInt(option));
            if (matching.isEmpty()) {
                return refuse(BrBuProblem.CARGO_NOT_FOUND, "CARG", "This BU has no cargo " + option + "; it counts "
                        + codes(cargos) + ".", List.of());
            }
            if (matching.size() > 1) {
                return refuse(BrBuProblem.CARGO_OPTION_NEEDED, CARGO_OPTION, "Cargo " + option + " appears in "
                        + matching.size() + " elections of this BU; the election cannot tell which it counts.", List.of());
            }
            cargo = matching.get(0);
        }
        Ballot ballot = context.ballot();
        long[] votes = new long[ballot.candidates().size()];
        List<Problem> problems = new ArrayList<>();
        for (BuVote vote : cargo.allVotes()) {
            int index = ballot.candidateIndex(vote.number());
            if (index < 0) {
                problems.add(new Problem(BrBuProblem.UNKNOWN_CANDIDATE, vote.number(), "The BU gives " + vote.votes()
                        + " votes to candidate " + vote.number() + " in " + cargo.label() + ", who is not on the election's ballot.",
                        List.of()));
            } else {
                votes[index] = vote.votes();
            }
        }
        int blank = cargo.count("BRAN").orElse(0);
        if (blank > 0 && !ballot.blank()) {
            problems.add(new Problem(BrBuProblem.BLANK_NOT_ON_BALLOT, "BRAN", "The BU counts " + blank + " blank votes in "
                    + cargo.label() + ", but the election's ballot has no blank option."));
        }
        if (!problems.isEmpty()) {
            return new Decoding.Refused(problems);
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        HEADER_COUNTERS.forEach(key -> put(counters, key, bu.header().count(key)));
        CARGO_COUNTERS.forEach(key -> put(counters, key, cargo.count(key)));
        Tally tally = new Tally(ID, bu.tableId(), bu.finalHash().hex(), Counts.of(votes), Counts.empty(),
                cargo.count("NULO").orElse(0), blank, counters);
        return new Decoding.Decoded(tally, bu.verification());
    }

    private static void put(Map<String, Long> counters, String key, OptionalInt value) {
        value.ifPresent(v -> counters.put(key, (long) v));
    }

    private static String codes(List<BuCargo> cargos) {
        return cargos.stream().map(c -> String.valueOf(c.code())).collect(Collectors.joining(", "));
    }

    private static Decoding refuse(BrBuProblem code, String field, String message, List<Integer> parts) {
        return new Decoding.Refused(new Problem(code, field, message, parts));
    }
}
