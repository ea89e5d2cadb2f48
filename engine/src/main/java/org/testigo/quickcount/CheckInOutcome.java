package org.testigo.quickcount;

/** A check-in either got a receipt (it is durable) or a refusal (nothing was stored). */
public sealed interface CheckInOutcome permits CheckInOutcome.Accepted, CheckInOutcome.Refused {
    record Accepted(CheckInReceipt receipt) implements CheckInOutcome {
    }

    record Refused(CheckInRefusal refusal) implements CheckInOutcome {
    }
}
