package org.testigo.tally.brbu;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The BU's header: what produced it, for which election and where (BR-BU-QR.md §2, "Header").
 *
 * @param origin ORIG
 * @param scope ORLC: {@code LEG} (official) or {@code COM} (community election); absent before VRQR 1.5
 * @param process PROC
 * @param electionDate DTPL
 * @param pleito PLEI
 * @param round TURN, 1 or 2
 * @param phase FASE
 * @param uf UNFE: the state, or {@code ZZ} for voting abroad
 * @param municipality MUNI
 * @param zone ZONA
 * @param section SECA
 * @param aggregatedSections AGRE, the sections joined to this one (often empty)
 * @param machine IDUE, the voting machine's serial
 * @param loadCode IDCA, the 24-digit load code
 * @param software VERS
 * @param fields every header record in printed order, known and unknown (APTO, COMP, DTAB, HICA, …)
 */
public record BuHeader(Origin origin, Optional<String> scope, int process, LocalDate electionDate, int pleito, int round,
        Phase phase, String uf, int municipality, int zone, int section, List<Integer> aggregatedSections,
        String machine, String loadCode, String software, List<BuField> fields) {

    /** ORIG: which system printed the BU. */
    public enum Origin {
        /** The voting machine. */
        VOTA,
        /** Recuperador de Dados: the data recovered from a failed machine. */
        RED,
        /** Sistema de Apuração: paper ballots counted by a board. */
        SA
    }

    /** FASE, whose letter also names the key file ({@code o}, {@code s}, {@code t}). */
    public enum Phase {
        /** Oficial. */
        O,
        /** Simulado. */
        S,
        /** Treinamento. */
        T
    }

    public BuHeader {
        aggregatedSections = List.copyOf(aggregatedSections);
        fields = List.copyOf(fields);
    }

    /** A numeric header field such as APTO, COMP or FALT, when printed. */
    public OptionalInt count(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst().map(BuField::count).orElse(OptionalInt.empty());
    }

    /** The value of the first header record with this key, when printed. */
    public Optional<String> text(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).map(BuField::value).findFirst();
    }
}
