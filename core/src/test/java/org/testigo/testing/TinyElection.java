package org.testigo.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Card;
import org.testigo.election.Counts;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.tally.Tally;

/**
 * A hand-made election small enough to compute every total by hand: two regions, three tables.
 * <pre>
 *   nation (expected 4 tables, electorate 1000)
 *   ├── N  North: table N.1 (300 registered), N.2 (200)
 *   └── S  South: table S.1 (250)
 * </pre>
 * Ballot: A (cards a1, a2) and B (card b1).
 */
public final class TinyElection {
    private TinyElection() {
    }

    public static final Ballot BALLOT = new Ballot(
            List.of(new Candidate("A", "Ana"), new Candidate("B", "Beto")),
            List.of(new Card("a1", "A one", "A"), new Card("a2", "A two", "A"), new Card("b1", "B one", "B")),
            false);

    public static Election election() {
        return election(List.of());
    }

    public static Election election(List<OfficialBulletin> official) {
        Geography geo = new Geography("Tinyland",
                List.of(new GeoNode("N", "", 0, "North"), new GeoNode("S", "", 0, "South")),
                List.of(new PollingTable(new TableId("N.1"), "N", 300),
                        new PollingTable(new TableId("N.2"), "N", 200),
                        new PollingTable(new TableId("S.1"), "S", 250)));
        return new Election("tiny", "Tiny election", "2026-01-01", "test", Map.of(), List.of("region"), BALLOT, geo, 4,
                1000, official);
    }

    public static OfficialBulletin bulletinWithCast(long cast) {
        return new OfficialBulletin("b1", "2026-01-02", "", List.of(new OfficialFigure(OfficialFigure.CAST,
                java.math.BigDecimal.valueOf(cast))));
    }

    /** A tally with the given card votes (a1, a2, b1) and nulls. */
    public static Tally tally(String table, int a1, int a2, int b1, int nulls) {
        Counts cards = Counts.of(a1, a2, b1);
        return new Tally("test", new TableId(table), table, BALLOT.candidateVotes(cards), cards, nulls, 0, Map.of());
    }

    public static Instant at(int second) {
        return Instant.parse("2026-01-01T20:00:00Z").plusSeconds(second);
    }
}
