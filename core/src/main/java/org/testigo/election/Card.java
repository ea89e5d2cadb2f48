package org.testigo.election;

/**
 * One box on the ballot (a party card in Venezuela): votes cast on it count for {@code candidate}.
 * Several cards may back the same candidate; the order of cards is the ballot's, which is the order
 * in which machine-readable tallies list them.
 */
public record Card(String id, String name, String candidate) {
    public Card {
        Candidate.requireCode(id, "card id");
        Candidate.requireCode(candidate, "card candidate");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("card " + id + " needs a name");
        }
    }
}
