package org.testigo.tally;

import java.util.List;

/** The outcome of reading payloads with a format: a tally with its verification, or why not. */
public sealed interface Decoding permits Decoding.Decoded, Decoding.Refused {

    record Decoded(Tally tally, Verification verification) implements Decoding {
    }

    record Refused(List<Problem> problems) implements Decoding {
        public Refused {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs at least one problem");
            }
            problems = List.copyOf(problems);
        }

        public Refused(Problem problem) {
            this(List.of(problem));
        }
    }
}
