package org.testigo.tally.brbu;

/**
 * One vote line of a cargo: {@code number:votes}.
 *
 * @param number the candidate number (or referendum answer) as printed, all digits, e.g. {@code 13}
 *     or {@code 13001}
 * @param votes votes it received
 */
public record BuVote(String number, int votes) {
}
