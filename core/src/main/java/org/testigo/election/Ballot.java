package org.testigo.election;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a voter could choose: candidates, and the cards (party boxes) that carry them, in printed order.
 * Null votes always exist; blank votes only where the ballot has a blank option ({@code blank}).
 */
public record Ballot(List<Candidate> candidates, List<Card> cards, boolean blank) {

    public Ballot {
        candidates = List.copyOf(candidates);
        cards = List.copyOf(cards);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a ballot needs at least one candidate");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Candidate c : candidates) {
            if (seen.put(c.id(), seen.size()) != null) {
                throw new IllegalArgumentException("candidate id " + c.id() + " appears twice");
            }
        }
        Map<String, Integer> seenCards = new HashMap<>();
        for (Card card : cards) {
            if (seenCards.put(card.id(), seenCards.size()) != null) {
                throw new IllegalArgumentException("card id " + card.id() + " appears twice");
            }
            if (!seen.containsKey(card.candidate())) {
                throw new IllegalArgumentException("card " + card.id() + " names unknown candidate " + card.candidate());
            }
        }
    }

    /** Position of a candidate in {@link #candidates()}, or -1. */
    public int candidateIndex(String candidateId) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).id().equals(candidateId)) {
                return i;
            }
        }
        return -1;
    }

    /** For each card, the index of the candidate it counts for. */
    public int[] cardToCandidate() {
        int[] map = new int[cards.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = candidateIndex(cards.get(i).candidate());
        }
        return map;
    }

    /** Adds card counts up into candidate counts. */
    public Counts candidateVotes(Counts cardVotes) {
        if (cardVotes.size() != cards.size()) {
            throw new IllegalArgumentException(
                    "ballot has " + cards.size() + " cards but " + cardVotes.size() + " counts were given");
        }
        int[] map = cardToCandidate();
        long[] sums = new long[candidates.size()];
        for (int i = 0; i < map.length; i++) {
            sums[map[i]] += cardVotes.get(i);
        }
        return Counts.of(sums);
    }
}
