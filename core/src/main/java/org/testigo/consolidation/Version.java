package org.testigo.consolidation;

import java.util.List;
import org.testigo.tally.Tally;
import org.testigo.tally.Verdict;

/** One distinct result claimed for a table, with every copy that claims it, oldest first. */
public record Version(Tally tally, List<Copy> copies) {
    public Version {
        copies = List.copyOf(copies);
    }

    public long independentCopies() {
        return copies.stream().map(Copy::submitter).distinct().count();
    }

    public boolean signed() {
        return copies.stream().anyMatch(c -> c.signature() == Verdict.VALID);
    }

    public boolean reviewed() {
        return copies.stream().anyMatch(Copy::deskReview);
    }

    public boolean imported() {
        return copies.stream().anyMatch(Copy::imported);
    }
}
