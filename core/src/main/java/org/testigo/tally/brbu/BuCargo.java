package org.testigo.tally.brbu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The votes of one office (or referendum question) in a BU: {@code CARG TIPO VERC}, then the votes
 * (inside party blocks when proportional), then the summary ({@code APTA … TOTC}, or {@code CSEC}
 * when the cargo had no candidates).
 *
 * @param election IDEL of the election block it belongs to
 * @param code CARG: 1 Presidente, 3 Governador, 5 Senador, 6/7/8 Deputado, 11 Prefeito, 13 Vereador;
 *     referendum questions use other codes
 * @param kind TIPO
 * @param candidateData VERC, the version of the candidate data
 * @param parties the party blocks (proportional cargos only)
 * @param votes the vote lines outside party blocks (majoritarian and referendum cargos)
 * @param fields every other record of the cargo, in order: TIPO, VERC, the summary, unknown keys
 */
public record BuCargo(int election, int code, Kind kind, String candidateData, List<BuParty> parties,
        List<BuVote> votes, List<BuField> fields) {

    /** TIPO: how the cargo is voted. */
    public enum Kind {
        MAJORITARIAN, PROPORTIONAL, REFERENDUM;

        /** The TIPO digit: 0, 1 or 2. */
        public int tipo() {
            return ordinal();
        }
    }

    public BuCargo {
        parties = List.copyOf(parties);
        votes = List.copyOf(votes);
        fields = List.copyOf(fields);
    }

    /** Every candidate's (or answer's) votes, party blocks included, in printed order. */
    public List<BuVote> allVotes() {
        List<BuVote> all = new ArrayList<>(votes);
        parties.forEach(p -> all.addAll(p.votes()));
        return all;
    }

    /** A numeric summary field such as NOMI, BRAN, NULO, TOTC, LEGC, APTA or CSEC, when printed. */
    public OptionalInt count(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst().map(BuField::count).orElse(OptionalInt.empty());
    }

    /** The value of the first record with this key, when printed. */
    public Optional<String> text(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).map(BuField::value).findFirst();
    }

    /** How messages and checks name the cargo, e.g. {@code cargo 13 (IDEL 2101)}. */
    public String label() {
        return "cargo " + code + " (IDEL " + election + ")";
    }
}
