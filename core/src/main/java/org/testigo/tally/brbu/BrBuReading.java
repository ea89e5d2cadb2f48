package org.testigo.tally.brbu;

import java.util.List;
import org.testigo.tally.Problem;

/** What {@link BrBuReader#read} made of some QR texts: a BU, or why not. */
public sealed interface BrBuReading permits BrBuReading.Read, BrBuReading.Refused {

    /** The texts form one complete, chained BU (its signature verdict is inside). */
    record Read(BoletimDeUrna bu) implements BrBuReading {
    }

    /** The texts are not one readable BU; each problem has a {@link BrBuProblem} code. */
    record Refused(List<Problem> problems) implements BrBuReading {
        public Refused {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs at least one problem");
            }
            problems = List.copyOf(problems);
        }
    }
}
