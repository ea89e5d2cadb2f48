package org.testigo.tally.ve2024;

import java.util.ArrayList;
import java.util.List;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Card;

/**
 * The ballot of Venezuela's presidential election of 28 July 2024: 10 candidates on 38 party cards.
 * Candidate ids are the codes of the published per-table results (EG, NM, …), in that dataset's
 * column order; cards are in the order the acta QR lists their counts.
 */
public final class Ve2024Ballot {
    private Ve2024Ballot() {
    }

    private static final String[][] CANDIDATES = {
        {"EG", "Edmundo González"},
        {"NM", "Nicolás Maduro"},
        {"LM", "Luis Martínez"},
        {"JABE", "Javier Bertucci"},
        {"JOBR", "José Brito"},
        {"AE", "Antonio Ecarri"},
        {"CF", "Claudio Fermín"},
        {"DC", "Daniel Ceballos"},
        {"EM", "Enrique Márquez"},
        {"BERA", "Benjamín Rausseo"},
    };

    /** QR position order: {card label, candidate id}. */
    private static final String[][] CARDS = {
        {"PSUV", "NM"}, {"PCV", "NM"}, {"TUPAMARO", "NM"}, {"PPT", "NM"}, {"MSV", "NM"}, {"PODEMOS", "NM"},
        {"MEP", "NM"}, {"APC", "NM"}, {"ORA", "NM"}, {"UPV", "NM"}, {"EV", "NM"}, {"PVV", "NM"}, {"PFV", "NM"},
        {"AD", "LM"}, {"COPEI", "LM"}, {"MR", "LM"}, {"BR", "LM"}, {"DDP", "LM"}, {"UNE", "LM"},
        {"EL CAMBIO", "JABE"},
        {"PV", "JOBR"}, {"VU", "JOBR"}, {"UVV", "JOBR"}, {"MPJ", "JOBR"},
        {"AP", "AE"}, {"MOVEV", "AE"}, {"CMC", "AE"}, {"FV", "AE"}, {"ALIANZA DEL LAPIZ", "AE"}, {"MIN UNIDAD", "AE"},
        {"SPV", "CF"},
        {"VPA", "DC"}, {"AREPA", "DC"},
        {"UNTC", "EG"}, {"MPV", "EG"}, {"MUD", "EG"},
        {"CENTRADOS", "EM"},
        {"CONDE", "BERA"},
    };

    public static final int CARD_COUNT = CARDS.length;

    public static final Ballot BALLOT = build();

    private static Ballot build() {
        List<Candidate> candidates = new ArrayList<>();
        for (String[] c : CANDIDATES) {
            candidates.add(new Candidate(c[0], c[1]));
        }
        List<Card> cards = new ArrayList<>();
        for (String[] c : CARDS) {
            cards.add(new Card(c[0].replace(' ', '-'), c[0], c[1]));
        }
        return new Ballot(candidates, cards, false);
    }
}
