package org.testigo.analysis.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Card;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;

/**
 * A hand-made election for the audit's small examples: two states, three centres.
 * <pre>
 *   E1  centre C1: tables C1.1 … C1.6 (registered 500 each); centre C2: table C2.1 (400)
 *   E2  centre C3: tables C3.1 … C3.5 (1000 each)
 * </pre>
 * Candidates A, B and Z (one card each).
 */
final class Town {
    static final Ballot BALLOT = new Ballot(
            List.of(new Candidate("A", "Ana"), new Candidate("B", "Beto"), new Candidate("Z", "Zoe")),
            List.of(new Card("a", "A", "A"), new Card("b", "B", "B"), new Card("z", "Z", "Z")), false);

    private Town() {
    }

    static Election election(List<OfficialBulletin> official) {
        List<PollingTable> tables = new ArrayList<>();
        for (int t = 1; t <= 6; t++) {
            tables.add(new PollingTable(new TableId("C1." + t), "C1", 500));
        }
        tables.add(new PollingTable(new TableId("C2.1"), "C2", 400));
        for (int t = 1; t <= 5; t++) {
            tables.add(new PollingTable(new TableId("C3." + t), "C3", 1000));
        }
        Geography geo = new Geography("Town", List.of(
                new GeoNode("E1", "", 0, "East One"), new GeoNode("E2", "", 0, "East Two"),
                new GeoNode("C1", "E1", 1, "Centre one"), new GeoNode("C2", "E1", 1, "Centre two"),
                new GeoNode("C3", "E2", 1, "Centre three")), tables);
        return new Election("town", "Town election", "2026-01-01", "test", Map.of(), List.of("estado", "centro"), BALLOT,
                geo, 12, 10_000, official);
    }

    static Election election() {
        return election(List.of());
    }
}
