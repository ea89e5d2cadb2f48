package org.testigo.bench.load;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testigo.election.Ballot;
import org.testigo.resultados.ImportedRow;
import org.testigo.resultados.ResultadosCsv;
import org.testigo.resultados.ResultadosImport;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.tally.ve2024.Ve2024Payload;
import org.testigo.election.Counts;

/**
 * Turns the published per-table results into ve-2024 QR payloads, one per line, for load tests: each
 * candidate's votes on the candidate's first card (the CSV has no per-card split), null votes as
 * published. Usage: {@code V2Payloads RESULTADOS.csv OUT.txt}.
 */
public final class V2Payloads {
    private V2Payloads() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: V2Payloads RESULTADOS_2024_CSV_V2.csv payloads.txt");
            System.exit(2);
        }
        ResultadosImport imported = ResultadosCsv.read(Path.of(args[0]));
        Ballot ballot = Ve2024Ballot.BALLOT;
        int[] firstCard = new int[ballot.candidates().size()];
        java.util.Arrays.fill(firstCard, -1);
        int[] cardToCandidate = ballot.cardToCandidate();
        for (int card = 0; card < cardToCandidate.length; card++) {
            if (firstCard[cardToCandidate[card]] < 0) {
                firstCard[cardToCandidate[card]] = card;
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (ImportedRow row : imported.rows()) {
                int[] cards = new int[ballot.cards().size()];
                for (int c = 0; c < firstCard.length; c++) {
                    cards[firstCard[c]] = row.tally().candidates().get(c);
                }
                out.write(Ve2024Payload.format(row.tally().table(), Counts.of(cards), row.tally().nullVotes(), 0));
                out.write('\n');
            }
        }
        System.out.println("wrote " + imported.rows().size() + " payloads to " + args[1]);
    }
}
