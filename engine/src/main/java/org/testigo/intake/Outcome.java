package org.testigo.intake;

/** A submission either got a receipt (it is durable) or a refusal (nothing was stored). */
public sealed interface Outcome permits Outcome.Accepted, Outcome.Refused {
    record Accepted(Receipt receipt) implements Outcome {
    }

    record Refused(Refusal refusal) implements Outcome {
    }
}
