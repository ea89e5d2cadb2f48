package org.testigo.quickcount;

/**
 * Why a check-in was not accepted (nothing was stored): a stable code, the request field at fault and
 * words for people. {@code NO_SAMPLE} is a state of the deployment (no sample drawn yet); every other
 * code is a mistake in the check-in.
 */
public record CheckInRefusal(String code, String field, String message) {
}
