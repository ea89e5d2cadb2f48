package org.testigo.analysis.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.totals.NodeTotals;

/**
 * Runs every audit over the accepted tallies of an election. Pure: the same input gives the same report.
 * The scores per table stay available after the run (see {@link #score(int)}) for whoever needs more than
 * the top of the ranking.
 */
public final class Audit {
    /** Failed checks listed table by table in a report; the counts are always complete. */
    public static final int MAX_FLAGS = 1000;
    /** Tables in a report's ranking unless asked otherwise. */
    public static final int DEFAULT_RANKED = 100;

    static final Caveat CAVEAT = new Caveat(
            "These tests say where to look, not what happened. Each has a stated false-alarm rate; a result counts as"
                    + " evidence only when it points to tables whose actas, witnesses or images confirm it.",
            "Estas pruebas dicen dónde mirar, no qué pasó. Cada una tiene una tasa de falsas alarmas declarada; un"
                    + " resultado cuenta como prueba solo cuando señala mesas cuyas actas, testigos o imágenes lo confirman.");

    private final AuditInput input;
    private final int leader;
    private final int runnerUp;
    private final TableChecks checks;
    private final PeerOutliers peers;
    private final double[] score;

    private Audit(AuditInput input) {
        this.input = input;
        int k = input.candidateCount();
        long[] totals = new long[k];
        for (int i = 0; i < input.size(); i++) {
            for (int c = 0; c < k; c++) {
                totals[c] += input.votes(i, c);
            }
        }
        int first = 0;
        for (int c = 1; c < k; c++) {
            first = totals[c] > totals[first] ? c : first;
        }
        int second = first == 0 && k > 1 ? 1 : 0;
        for (int c = 0; c < k; c++) {
            second = c != first && totals[c] > totals[second] ? c : second;
        }
        this.leader = first;
        this.runnerUp = second;
        this.checks = TableChecks.run(input, leader, runnerUp);
        this.peers = PeerOutliers.run(input, leader);
        this.score = new double[input.size()];
        for (int i = 0; i < score.length; i++) {
            double flags = 0;
            for (CheckCode code : CheckCode.values()) {
                if ((checks.mask[i] & 1 << code.ordinal()) != 0) {
                    flags += code.impossible() ? PeerOutliers.IMPOSSIBLE_WEIGHT : PeerOutliers.COINCIDENCE_WEIGHT;
                }
            }
            score[i] = peers.peerScore[i] + flags;
        }
    }

    /** Audits the tallies; the per-table work is done here, the report by {@link #report}. */
    public static Audit of(AuditInput input) {
        if (input.size() == 0) {
            throw new IllegalArgumentException("there are no accepted tallies to audit yet");
        }
        return new Audit(input);
    }

    /** The combined anomaly score of the i-th tally (see {@link PeerOutliers}). */
    public double score(int row) {
        return score[row];
    }

    /** Input rows ordered by combined anomaly score, highest first (ties: geography order), the first {@code n}. */
    public int[] ranking(int n) {
        int m = Math.min(n, score.length);
        if (m == 0) {
            return new int[0];
        }
        double[] sorted = score.clone();
        Arrays.sort(sorted);
        double cut = sorted[sorted.length - m];
        int[] rows = new int[score.length];
        int count = 0;
        for (int i = 0; i < score.length; i++) {
            if (score[i] >= cut) {
                rows[count++] = i;
            }
        }
        Integer[] boxed = new Integer[count];
        for (int j = 0; j < count; j++) {
            boxed[j] = rows[j];
        }
        Arrays.sort(boxed, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a])
                : Integer.compare(input.table(a), input.table(b)));
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            out[j] = boxed[j];
        }
        return out;
    }

    PeerOutliers peers() {
        return peers;
    }

    public AuditInput input() {
        return input;
    }

    /**
     * The report.
     *
     * @param nation the nation's totals (for the certainty bound), or null to leave it out
     * @param ranked how many tables to rank
     */
    public AuditReport report(NodeTotals nation, int ranked) {
        Election e = input.election();
        List<StatResult> tests = new ArrayList<>();
        for (int c = 0; c < input.candidateCount(); c++) {
            String id = e.ballot().candidates().get(c).id();
            long[] second = DigitTests.secondDigits(input, c);
            if (DigitTests.total(second) >= DigitTests.MIN_COUNTS) {
                tests.add(DigitTests.secondDigitMean(id, second));
                tests.add(DigitTests.secondDigitChiSquare(id, second));
            }
            long[] last = DigitTests.lastDigits(input, c);
            if (DigitTests.total(last) >= DigitTests.MIN_COUNTS) {
                tests.add(DigitTests.lastDigitChiSquare(id, last));
                tests.add(DigitTests.zeroFive(id, last));
            }
        }
        int n = input.size();
        int[] cast = new int[n];
        int[] registered = new int[n];
        int[] lead = new int[n];
        int[] valid = new int[n];
        for (int i = 0; i < n; i++) {
            cast[i] = (int) input.cast(i);
            registered[i] = input.registered(i);
            lead[i] = input.votes(i, leader);
            valid[i] = (int) input.valid(i);
        }
        tests.add(IntegerPercentages.test("turnout", cast, registered));
        tests.add(IntegerPercentages.test(e.ballot().candidates().get(leader).id(), lead, valid));

        Geography geo = e.geography();
        int[] states = geo.children(0).stream().mapToInt(Integer::intValue).toArray();
        int[] position = new int[geo.nodeCount()];
        for (int s = 0; s < states.length; s++) {
            position[states[s]] = s;
        }
        int[] stateOf = new int[n];
        for (int i = 0; i < n; i++) {
            int node = geo.tableNode(input.table(i));
            while (geo.parent(node) > 0) {
                node = geo.parent(node);
            }
            stateOf[i] = position[node];
        }
        List<Fingerprint> fingerprints = Fingerprints.build(input, leader, stateOf, states);
        List<ExcessVotes> excess = List.of(ExcessVotes.estimate(input, leader), ExcessVotes.estimate(input, runnerUp));

        long outliers = 0;
        for (int i = 0; i < n; i++) {
            outliers += peers.peerScore[i] > PeerOutliers.THRESHOLD ? 1 : 0;
        }
        List<RankedTable> top = new ArrayList<>();
        for (int i : ranking(ranked)) {
            List<CheckCode> codes = new ArrayList<>();
            for (CheckCode code : CheckCode.values()) {
                if ((checks.mask[i] & 1 << code.ordinal()) != 0) {
                    codes.add(code);
                }
            }
            top.add(new RankedTable(geo.table(input.table(i)).id(), geo.code(states[stateOf[i]]), geo.code(peers.peerNode[i]),
                    peers.peerCount[i], orNull(peers.turnout[i]), orNull(peers.share[i]), orNull(peers.zTurnout[i]),
                    orNull(peers.zShare[i]), score[i], peers.peerScore[i] > PeerOutliers.THRESHOLD, codes));
        }
        Map<CheckCode, Long> counts = new EnumMap<>(checks.counts);
        List<TableFlag> flags = checks.flags.size() > MAX_FLAGS ? checks.flags.subList(0, MAX_FLAGS) : checks.flags;
        return new AuditReport(e.id(), n, e.expectedTables(), e.ballot().candidates().get(leader).id(),
                e.ballot().candidates().get(runnerUp).id(), counts, flags, tests, fingerprints, excess, outliers,
                PeerOutliers.FALSE_POSITIVE_RATE, top, BulletinChecks.run(input, nation), CAVEAT);
    }

    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
