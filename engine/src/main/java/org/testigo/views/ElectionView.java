package org.testigo.views;

import java.util.List;
import org.testigo.election.Ballot;
import org.testigo.election.Election;
import org.testigo.election.OfficialBulletin;

/** What election this deployment counts: the ballot, the shape of the geography, what to expect. */
public record ElectionView(
        String id,
        String name,
        String date,
        String tallyFormat,
        List<String> levels,
        long nodes,
        long tablesListed,
        long tablesExpected,
        Long electorate,
        Ballot ballot,
        List<OfficialBulletin> official,
        int confirmationsRequired) {

    public static ElectionView of(Election e, int confirmations) {
        return new ElectionView(e.id(), e.name(), e.date(), e.tallyFormat(), e.levels(),
                e.geography().nodeCount() - 1L, e.geography().tableCount(), e.expectedTables(),
                e.expectedElectorate() < 0 ? null : e.expectedElectorate(), e.ballot(), e.official(), confirmations);
    }
}
