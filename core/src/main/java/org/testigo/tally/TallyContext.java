package org.testigo.tally;

import java.util.Map;
import org.testigo.election.Ballot;

/**
 * What a format needs from the election to turn payloads into a tally: the ballot, and the format's
 * options from the election package (e.g. which office of a Brazilian BU is being counted).
 */
public record TallyContext(Ballot ballot, Map<String, String> options) {
    public TallyContext {
        options = Map.copyOf(options);
    }

    public TallyContext(Ballot ballot) {
        this(ballot, Map.of());
    }
}
