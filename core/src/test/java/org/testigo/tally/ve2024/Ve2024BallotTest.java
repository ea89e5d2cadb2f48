package org.testigo.tally.ve2024;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testigo.election.Ballot;
import org.testigo.election.Card;
import org.testigo.testing.SharedData;

class Ve2024BallotTest {

    private static final Ballot BALLOT = Ve2024Ballot.BALLOT;

    @Test
    void listsTheCardsInTheOrderOfThePublishedQrPositions() {
        List<Map<String, String>> rows = CsvRows.read(SharedData.file("qr_ballot_positions_2024.csv"));

        assertThat(BALLOT.cards()).hasSize(rows.size());
        assertThat(Ve2024Ballot.CARD_COUNT).isEqualTo(rows.size());
        for (Map<String, String> row : rows) {
            int position = Integer.parseInt(row.get("position_0based"));
            Card card = BALLOT.cards().get(position);
            assertThat(card.name()).as("card at position %d", position).isEqualTo(row.get("party_card_label"));
            assertThat(card.candidate()).as("candidate of card %s", card.name())
                    .isEqualTo(row.get("candidate_code_resultadosconvzla"));
            String name = BALLOT.candidates().get(BALLOT.candidateIndex(card.candidate())).name();
            assertThat(withoutAccents(name)).isEqualTo(row.get("candidate"));
        }
    }

    @Test
    void givesEachCandidateTheGroupSizeTheIndependentDecodersUse() {
        // SOURCES.md: group sizes 13, 6, 1, 4, 6, 1, 2, 3, 1, 1 in QR order (NM, LM, JABE, JOBR, AE, CF, DC, EG, EM, BERA).
        String[] order = {"NM", "LM", "JABE", "JOBR", "AE", "CF", "DC", "EG", "EM", "BERA"};
        int[] sizes = {13, 6, 1, 4, 6, 1, 2, 3, 1, 1};
        for (int i = 0; i < order.length; i++) {
            String id = order[i];
            assertThat(BALLOT.cards().stream().filter(c -> c.candidate().equals(id)).count()).as(id).isEqualTo(sizes[i]);
        }
        assertThat(BALLOT.candidates()).hasSize(10);
        assertThat(BALLOT.blank()).isFalse();
    }

    private static String withoutAccents(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
