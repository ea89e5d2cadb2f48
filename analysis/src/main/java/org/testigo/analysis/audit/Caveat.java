package org.testigo.analysis.audit;

/** What a result can and cannot show, in plain English and Spanish. */
public record Caveat(String en, String es) {
}
