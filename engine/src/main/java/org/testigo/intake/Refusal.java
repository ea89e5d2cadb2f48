package org.testigo.intake;

import java.util.List;
import org.testigo.tally.Problem;

/**
 * Why a submission was not accepted. Nothing was stored. {@code problems} carries the format's own
 * findings when the payload itself is wrong.
 */
public record Refusal(Reason reason, String field, String message, List<Problem> problems) {

    /** Stable reasons, each a distinct client mistake. */
    public enum Reason {
        NO_PAYLOAD,
        TOO_MANY_PAYLOADS,
        PAYLOAD_TOO_LARGE,
        UNKNOWN_FORMAT,
        WRONG_FORMAT,
        INVALID_PAYLOAD,
        SIGNATURE_INVALID,
        UNKNOWN_TABLE
    }

    public Refusal {
        problems = List.copyOf(problems);
    }

    public Refusal(Reason reason, String field, String message) {
        this(reason, field, message, List.of());
    }
}
