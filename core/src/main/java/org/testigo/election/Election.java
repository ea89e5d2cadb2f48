package org.testigo.election;

import java.util.List;
import java.util.Map;
import org.testigo.tally.TallyContext;

/**
 * An election as data: what is being counted (the ballot), where (the geography and its tables), how
 * tallies are read ({@code tallyFormat}), what size to expect, and what the authority announced.
 * Loaded from an election package (see docs/election-package.md).
 *
 * @param formatOptions options for the tally format (e.g. which office of a Brazilian BU is counted)
 * @param levels names of the geography levels from the top, e.g. estado, municipio, parroquia, centro
 * @param expectedTables tables the election really has (may exceed those listed in the geography)
 * @param expectedElectorate registered voters in the whole election, or -1 when unknown
 */
public record Election(
        String id,
        String name,
        String date,
        String tallyFormat,
        Map<String, String> formatOptions,
        List<String> levels,
        Ballot ballot,
        Geography geography,
        long expectedTables,
        long expectedElectorate,
        List<OfficialBulletin> official) {

    public Election {
        Candidate.requireCode(id, "election id");
        formatOptions = Map.copyOf(formatOptions);
        levels = List.copyOf(levels);
        official = List.copyOf(official);
        if (geography.depth() > levels.size()) {
            throw new IllegalArgumentException("the geography is " + geography.depth()
                    + " levels deep but only " + levels.size() + " level names are given");
        }
        if (expectedTables < geography.tableCount()) {
            throw new IllegalArgumentException("expected tables (" + expectedTables
                    + ") is less than the tables listed (" + geography.tableCount() + ")");
        }
    }

    /** What the election's tally format needs to decode payloads for this election. */
    public TallyContext tallyContext() {
        return new TallyContext(ballot, formatOptions);
    }
}
