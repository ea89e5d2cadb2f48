package org.testigo.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.testigo.election.Ballot;
import org.testigo.election.Counts;
import org.testigo.election.Election;
import org.testigo.election.PollingTable;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.tally.ve2024.Ve2024Format;
import org.testigo.tally.ve2024.Ve2024Payload;

/**
 * A deterministic, invented election in Venezuela's 2024 shape, of any size: the {@link Election}
 * (geography, tables with registered voters, the 2024 ballot, format {@code ve-2024}) and, for every
 * table, its true result and that result's acta QR text.
 *
 * <p>Results vary by place: turnout and the leader's share are logit-normal with a state, a parish and
 * a table effect (see {@link SynthParameters.Rate}); minor candidates get Poisson counts around small
 * shares that vary from parish to parish; a few tables have null votes; each candidate's votes split among its cards by fixed-ish
 * weights. Ballots cast never exceed the registered voters.
 *
 * <p>The election is held in memory (about 200 bytes a table); results are computed on demand from the
 * seed and the table's index, so a million payloads can be streamed without being stored, in any order
 * and in parallel.
 */
public final class SyntheticElection {
    private final SynthSpec spec;
    private final Election election;
    private final int[] tableParish;
    private final double[] parishTurnout;   // logit scale, state and parish effects included
    private final double[] parishShare;     // the leader's share, logit scale
    private final double[] parishMinorShares; // [parish × minors + j]: minor candidate j's mean share there
    private final Votes votes;
    private final Stuffing stuffing;

    private SyntheticElection(SynthSpec spec, Election election, int[] tableParish, double[] parishTurnout,
            double[] parishShare, double[] parishMinorShares, Votes votes, Stuffing stuffing) {
        this.stuffing = stuffing;
        this.spec = spec;
        this.election = election;
        this.tableParish = tableParish;
        this.parishTurnout = parishTurnout;
        this.parishShare = parishShare;
        this.parishMinorShares = parishMinorShares;
        this.votes = votes;
    }

    /**
     * Generates the election of {@code spec}.
     *
     * @throws IllegalArgumentException when the tables cannot be numbered within the CNE's 2/2/2/3/2-digit
     *         codes for the configured number of states
     */
    public static SyntheticElection generate(SynthSpec spec) {
        return generate(spec, Stuffing.NONE);
    }

    /** Generates the election of {@code spec} with ballot stuffing planted in some tables (see {@link Stuffing}). */
    public static SyntheticElection generate(SynthSpec spec, Stuffing stuffing) {
        SynthParameters p = spec.parameters();
        SyntheticGeography places = SyntheticGeography.build(spec);

        double[] stateTurnout = new double[places.stateCount];
        double[] stateShare = new double[places.stateCount];
        for (int s = 0; s < places.stateCount; s++) {
            Dice dice = Dice.of(spec.seed(), Streams.STATE_EFFECTS, s);
            stateTurnout[s] = p.turnout().stateSd() * dice.gaussian();
            stateShare[s] = p.leaderShare().stateSd() * dice.gaussian();
        }
        int parishes = places.parishState.length;
        double[] parishTurnout = new double[parishes];
        double[] parishShare = new double[parishes];
        double turnout = Dice.logit(p.turnout().mean());
        double share = Dice.logit(p.leaderShare().mean());
        Votes votes = new Votes(p, Ve2024Ballot.BALLOT);
        double[] parishMinorShares = new double[parishes * votes.minors.length];
        for (int q = 0; q < parishes; q++) {
            Dice dice = Dice.of(spec.seed(), Streams.PARISH_EFFECTS, q);
            int s = places.parishState[q];
            parishTurnout[q] = turnout + stateTurnout[s] + p.turnout().parishSd() * dice.gaussian();
            parishShare[q] = share + stateShare[s] + p.leaderShare().parishSd() * dice.gaussian();
            for (int j = 0; j < votes.minors.length; j++) {
                parishMinorShares[q * votes.minors.length + j] = votes.minorShares[j] * dice.logNormal(p.minorSpread())
                        * votes.minorMeanCorrection;
            }
        }

        Election election = new Election(
                spec.electionId(),
                "Elección presidencial sintética (semilla " + spec.seed() + ", " + spec.tables() + " mesas)",
                "2024-07-28",
                Ve2024Format.ID,
                Map.of(),
                SyntheticGeography.LEVELS,
                Ve2024Ballot.BALLOT,
                places.geography,
                spec.tables(),
                places.registered,
                List.of());
        return new SyntheticElection(spec, election, places.tableParish, parishTurnout, parishShare,
                parishMinorShares, votes, stuffing);
    }

    public Stuffing stuffing() {
        return stuffing;
    }

    /**
     * Whether ballots were stuffed at the table at {@code index}: it was picked (its own random stream,
     * from the seed) and its true turnout was below the level drawn for it.
     */
    public boolean planted(int index) {
        return stuffedCast(index, trueCast(index)) > 0;
    }

    /** The indices of the tables with planted stuffing, in geography order. */
    public int[] plantedTables() {
        return IntStream.range(0, tableCount()).filter(this::planted).toArray();
    }

    /** Extra ballots planted at a table whose true ballots cast are {@code cast}; 0 when none. */
    private int stuffedCast(int index, int cast) {
        if (stuffing.fraction() == 0) {
            return 0;
        }
        Dice dice = Dice.of(spec.seed(), Streams.STUFFING, index);
        if (dice.uniform() >= stuffing.fraction()) {
            return 0;
        }
        double level = stuffing.turnoutMin() + (stuffing.turnoutMax() - stuffing.turnoutMin()) * dice.uniform();
        int target = (int) Math.round(election.geography().table(index).registered() * level);
        return Math.max(0, target - cast);
    }

    private int trueCast(int index) {
        PollingTable table = election.geography().table(index);
        Dice dice = Dice.of(spec.seed(), Streams.TABLE, index);
        return (int) Math.round(table.registered() * rate(spec.parameters().turnout(), parishTurnout[tableParish[index]], dice));
    }

    public SynthSpec spec() {
        return spec;
    }

    public Election election() {
        return election;
    }

    /** Made-up outlines of the states (each a wobbly cell of a grid), for the map; deterministic for the seed. */
    public org.testigo.election.Geometry geometry() {
        return SyntheticShapes.of(election.geography(), spec.seed());
    }

    public int tableCount() {
        return tableParish.length;
    }

    /** The table at {@code index} of the geography with its result; the same every time. */
    public SyntheticTable table(int index) {
        PollingTable table = election.geography().table(index);
        Dice dice = Dice.of(spec.seed(), Streams.TABLE, index);
        SynthParameters p = spec.parameters();
        int parish = tableParish[index];

        double turnout = rate(p.turnout(), parishTurnout[parish], dice);
        int cast = (int) Math.round(table.registered() * turnout);
        int nulls = Math.min(cast, nullVotes(p, dice));
        int valid = cast - nulls;
        double leaderShare = rate(p.leaderShare(), parishShare[parish], dice);
        int[] candidates = votes.candidates(valid, leaderShare, parishMinorShares, parish * votes.minors.length, dice);
        int[] cards = votes.cards(candidates, dice);
        int extra = stuffedCast(index, cast);
        if (extra > 0) {
            int c = Ve2024Ballot.BALLOT.candidateIndex(stuffing.candidate());
            candidates[c] += extra;
            cards[votes.mainCard(c, cards)] += extra;
        }

        Counts cardCounts = Counts.of(cards);
        return new SyntheticTable(index, table, cardCounts, Counts.of(candidates), nulls,
                Ve2024Payload.format(table.id(), cardCounts, nulls, 0));
    }

    /** Every table in geography order, computed as the stream is consumed. */
    public Stream<SyntheticTable> tables() {
        return IntStream.range(0, tableCount()).mapToObj(this::table);
    }

    /** Hands every table to {@code action} in geography order, holding none of them. */
    public void forEachTable(Consumer<? super SyntheticTable> action) {
        for (int i = 0; i < tableCount(); i++) {
            action.accept(table(i));
        }
    }

    private static double rate(SynthParameters.Rate rate, double placeLogit, Dice dice) {
        double value = Dice.logistic(placeLogit + rate.tableSd() * dice.gaussian());
        return Math.max(rate.min(), Math.min(rate.max(), value));
    }

    /** Usually none; otherwise 1 and more with geometrically falling odds, up to the maximum. */
    private static int nullVotes(SynthParameters p, Dice dice) {
        if (p.nullMax() == 0 || dice.uniform() >= p.nullRate()) {
            return 0;
        }
        int nulls = 1;
        while (nulls < p.nullMax() && dice.uniform() < 0.4) {
            nulls++;
        }
        return nulls;
    }

    /** How valid votes go to candidates and candidates' votes to cards. */
    private static final class Votes {
        private final int leader;
        private final int runnerUp;
        private final int[] minors;
        private final double[] minorShares;
        private final double minorMeanCorrection;
        private final int candidateCount;
        private final int cardCount;
        private final int[][] cardsOf;        // candidate → its card positions
        private final double[][] cardWeights;  // candidate → weights of those cards
        private final double cardJitter;

        Votes(SynthParameters p, Ballot ballot) {
            this.leader = ballot.candidateIndex(p.leader());
            this.runnerUp = ballot.candidateIndex(p.runnerUp());
            List<Integer> minorList = new ArrayList<>();
            for (int c = 0; c < ballot.candidates().size(); c++) {
                if (p.minorShares().containsKey(ballot.candidates().get(c).id())) {
                    minorList.add(c);
                }
            }
            this.minors = minorList.stream().mapToInt(Integer::intValue).toArray();
            this.minorShares = minorList.stream().mapToDouble(c -> p.minorShares().get(ballot.candidates().get(c).id())).toArray();
            // A log-normal factor with median 1 has mean exp(σ²/2); dividing it out keeps the shares' means.
            this.minorMeanCorrection = StrictMath.exp(-p.minorSpread() * p.minorSpread() / 2);
            this.candidateCount = ballot.candidates().size();
            this.cardCount = ballot.cards().size();
            int[] cardCandidate = ballot.cardToCandidate();
            this.cardsOf = new int[candidateCount][];
            this.cardWeights = new double[candidateCount][];
            for (int c = 0; c < candidateCount; c++) {
                int candidate = c;
                cardsOf[c] = IntStream.range(0, cardCount).filter(k -> cardCandidate[k] == candidate).toArray();
                cardWeights[c] = IntStream.of(cardsOf[c])
                        .mapToDouble(k -> p.cardWeights().getOrDefault(ballot.cards().get(k).id(), 1.0)).toArray();
            }
            // A uniform factor in [1 - a, 1 + a] has standard deviation a / √3.
            this.cardJitter = p.cardSpread() * StrictMath.sqrt(3); // at most 0.87: weights stay positive
        }

        /** Minor candidate j's mean share here is {@code shares[offset + j]}. */
        int[] candidates(int valid, double leaderShare, double[] shares, int offset, Dice dice) {
            int[] votes = new int[candidateCount];
            votes[leader] = (int) Math.round(valid * leaderShare);
            int rest = valid - votes[leader];
            for (int j = 0; j < minors.length; j++) {
                int v = Math.min(rest, dice.poisson(valid * shares[offset + j]));
                votes[minors[j]] = v;
                rest -= v;
            }
            votes[runnerUp] = rest;
            return votes;
        }

        /** The candidate's card with the most votes in {@code cards} (its first card on a tie). */
        int mainCard(int candidate, int[] cards) {
            int best = cardsOf[candidate][0];
            for (int k : cardsOf[candidate]) {
                best = cards[k] > cards[best] ? k : best;
            }
            return best;
        }

        int[] cards(int[] candidates, Dice dice) {
            int[] cards = new int[cardCount];
            for (int c = 0; c < candidateCount; c++) {
                int[] positions = cardsOf[c];
                if (positions.length == 1) {
                    cards[positions[0]] = candidates[c];
                } else if (positions.length > 1 && candidates[c] > 0) {
                    double[] weights = new double[positions.length];
                    for (int k = 0; k < weights.length; k++) {
                        weights[k] = cardWeights[c][k] * (1 + cardJitter * (2 * dice.uniform() - 1));
                    }
                    int[] split = Apportion.randomly(candidates[c], weights, dice);
                    for (int k = 0; k < positions.length; k++) {
                        cards[positions[k]] = split[k];
                    }
                }
            }
            return cards;
        }
    }
}
