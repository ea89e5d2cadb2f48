package org.testigo.analysis.audit;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.testigo.election.Geography;

/**
 * Robust outliers among tables that should look alike: those of the same centre (same neighbourhood,
 * same voters' mix), or, when the centre has fewer than {@link #MIN_PEERS} counted tables, those of the
 * nearest place above it that has that many.
 *
 * <p>For each table, its turnout t and the nation's leader's share s of its valid votes are compared with
 * the median m of its peers, in units of a robust spread: z = (x − m) / scale. The spread of a few peers
 * is unstable (five tables that agree by chance have a MAD near 0), so it is pooled with the spread of
 * the place above the peers, as if that place had lent {@link #PRIOR_PEERS} tables:
 * scale² = (k·s_peers² + K·s_above²) / (k + K), each s = 1.4826·MAD (the median absolute deviation, scaled
 * to equal σ for normal data); and scale is never below the binomial noise √(m(1 − m)/N) of a table of N
 * voters. The peer score looks for inflated tables, the
 * signature of ballot stuffing (turnout up, and the share of whoever the ballots were for moved):
 * Q = t² + min(z_s², t²) with t = max(z_t, 0). A low turnout alone is no sign of stuffing, and a share that
 * differs at an ordinary turnout is ordinary local politics, so neither counts alone. Since Q ≤ 2t², for
 * normal data P(Q &gt; c) ≤ P(Z &gt; √(c/2)); with c = {@link #THRESHOLD} = 2·3.0902² that is 0.001: a table is an
 * outlier beyond it, a stated false-positive rate of at most {@link #FALSE_POSITIVE_RATE}.
 *
 * <p>The combined anomaly score that ranks tables is Q plus {@link #IMPOSSIBLE_WEIGHT} for each impossibility
 * and {@link #COINCIDENCE_WEIGHT} for each coincidence the deterministic checks find (see {@link CheckCode}),
 * so impossibilities come first, then the most extreme tables among their peers.
 */
public final class PeerOutliers {
    public static final int MIN_PEERS = 5;
    public static final double THRESHOLD = 19.098635; // 2 · 3.090232², 3.090232 being the normal's 99.9% point
    public static final double FALSE_POSITIVE_RATE = 0.001;
    public static final double IMPOSSIBLE_WEIGHT = 100;
    public static final double COINCIDENCE_WEIGHT = 10;
    public static final int PRIOR_PEERS = 10;
    private static final double MAD_TO_SD = 1.4826;

    public static final Caveat CAVEAT = new Caveat(
            "A table far from the tables of its own centre (turnout, or the leader's share) is worth checking against"
                    + " its acta and its witnesses. About 1 honest table in 1,000 crosses the line by chance, more where"
                    + " a centre mixes very different neighbourhoods; an outlier is a lead, not a finding.",
            "Una mesa muy distinta de las de su propio centro (participación o voto del ganador) merece revisarse con"
                    + " su acta y sus testigos. Cerca de 1 mesa honesta de cada 1.000 cruza la línea por azar, más si un"
                    + " centro mezcla barrios muy distintos; un valor atípico es una pista, no un hallazgo.");

    final double[] turnout;
    final double[] share;
    final double[] zTurnout;
    final double[] zShare;
    final double[] peerScore;
    final int[] peerNode;
    final int[] peerCount;

    private PeerOutliers(int n) {
        turnout = new double[n];
        share = new double[n];
        zTurnout = new double[n];
        zShare = new double[n];
        peerScore = new double[n];
        peerNode = new int[n];
        peerCount = new int[n];
    }

    static PeerOutliers run(AuditInput in, int leader) {
        int n = in.size();
        PeerOutliers o = new PeerOutliers(n);
        Geography geo = in.election().geography();
        for (int i = 0; i < n; i++) {
            int r = in.registered(i);
            long valid = in.valid(i);
            o.turnout[i] = r > 0 ? (double) in.cast(i) / r : Double.NaN;
            o.share[i] = valid > 0 ? (double) in.votes(i, leader) / valid : Double.NaN;
        }
        int[] rowsUnder = new int[geo.nodeCount()];
        for (int i = 0; i < n; i++) {
            for (int node = geo.tableNode(in.table(i)); node >= 0; node = geo.parent(node)) {
                rowsUnder[node]++;
            }
        }
        for (int i = 0; i < n; i++) {
            int node = geo.tableNode(in.table(i));
            while (node > 0 && rowsUnder[node] < MIN_PEERS) {
                node = geo.parent(node);
            }
            o.peerNode[i] = node;
            o.peerCount[i] = rowsUnder[node];
        }
        // Rows grouped by peer node, each group's medians computed on its own.
        int[] start = new int[geo.nodeCount() + 1];
        int[] order = group(o.peerNode, start);
        // Each row's residual from its peers' median, then the residuals' spread over each top-level place.
        double[] turnoutResidual = new double[n];
        double[] shareResidual = new double[n];
        IntStream.range(0, geo.nodeCount()).parallel().forEach(g -> {
            if (start[g + 1] > start[g]) {
                double[] scratch = new double[start[g + 1] - start[g]];
                double mt = medianAndMad(o.turnout, order, start[g], start[g + 1], scratch)[0];
                double ms = medianAndMad(o.share, order, start[g], start[g + 1], scratch)[0];
                for (int x = start[g]; x < start[g + 1]; x++) {
                    turnoutResidual[order[x]] = Math.abs(o.turnout[order[x]] - mt);
                    shareResidual[order[x]] = Math.abs(o.share[order[x]] - ms);
                }
            }
        });
        int[] state = new int[n];
        for (int i = 0; i < n; i++) {
            int node = o.peerNode[i];
            while (node > 0 && geo.parent(node) > 0) {
                node = geo.parent(node);
            }
            state[i] = node;
        }
        int[] stateStart = new int[geo.nodeCount() + 1];
        int[] stateOrder = group(state, stateStart);
        double[][] stateSpread = new double[geo.nodeCount()][];
        IntStream.range(0, geo.nodeCount()).parallel().forEach(g -> {
            if (stateStart[g + 1] > stateStart[g]) {
                double[] scratch = new double[stateStart[g + 1] - stateStart[g]];
                stateSpread[g] = new double[] {
                    medianOf(turnoutResidual, stateOrder, stateStart[g], stateStart[g + 1], scratch),
                    medianOf(shareResidual, stateOrder, stateStart[g], stateStart[g + 1], scratch)};
            }
        });
        IntStream.range(0, geo.nodeCount()).parallel().forEach(g -> {
            if (start[g + 1] > start[g]) {
                o.score(in, order, start[g], start[g + 1], stateSpread[state[order[start[g]]]]);
            }
        });
        return o;
    }

    /** Row indices grouped by {@code key} (a counting sort); group g is {@code order[start[g] .. start[g+1])}. */
    private static int[] group(int[] key, int[] start) {
        for (int k : key) {
            start[k + 1]++;
        }
        for (int g = 0; g + 1 < start.length; g++) {
            start[g + 1] += start[g];
        }
        int[] fill = Arrays.copyOf(start, start.length);
        int[] order = new int[key.length];
        for (int i = 0; i < key.length; i++) {
            order[fill[key[i]]++] = i;
        }
        return order;
    }

    private void score(AuditInput in, int[] order, int from, int to, double[] aboveMad) {
        double[] values = new double[to - from];
        double[] turnoutStats = medianAndMad(turnout, order, from, to, values);
        double[] shareStats = medianAndMad(share, order, from, to, values);
        int k = to - from;
        double turnoutSpread = pooled(turnoutStats[1], aboveMad == null ? Double.NaN : aboveMad[0], k);
        double shareSpread = pooled(shareStats[1], aboveMad == null ? Double.NaN : aboveMad[1], k);
        for (int x = from; x < to; x++) {
            int i = order[x];
            zTurnout[i] = z(turnout[i], turnoutStats[0], turnoutSpread, in.registered(i));
            zShare[i] = z(share[i], shareStats[0], shareSpread, in.valid(i));
            double t = Double.isNaN(zTurnout[i]) ? 0 : Math.max(0, zTurnout[i]);
            double s = Double.isNaN(zShare[i]) ? 0 : zShare[i];
            peerScore[i] = t * t + Math.min(s * s, t * t);
        }
    }

    /** √((k·s² + K·s_above²) / (k + K)) with s = 1.4826·MAD; the peers' own spread alone when there is nothing above. */
    static double pooled(double mad, double aboveMad, int k) {
        if (Double.isNaN(mad)) {
            return Double.NaN;
        }
        if (Double.isNaN(aboveMad)) {
            return MAD_TO_SD * mad;
        }
        double s = MAD_TO_SD * mad;
        double a = MAD_TO_SD * aboveMad;
        return Math.sqrt((k * s * s + PRIOR_PEERS * a * a) / (k + PRIOR_PEERS));
    }

    private static double z(double x, double median, double spread, long voters) {
        if (Double.isNaN(x) || Double.isNaN(median) || voters <= 0) {
            return Double.NaN;
        }
        double m = Math.min(1, median);
        double noise = Math.sqrt(Math.max(m * (1 - m), 0.25 / voters) / voters); // never 0, even at m = 0 or 1
        return (x - median) / Math.max(spread, noise);
    }

    /** The median and the median absolute deviation of the defined values, or NaNs when there are none. */
    static double[] medianAndMad(double[] column, int[] order, int from, int to, double[] scratch) {
        int m = 0;
        for (int x = from; x < to; x++) {
            double v = column[order[x]];
            if (!Double.isNaN(v)) {
                scratch[m++] = v;
            }
        }
        if (m == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double median = median(scratch, m);
        for (int j = 0; j < m; j++) {
            scratch[j] = Math.abs(scratch[j] - median);
        }
        return new double[] {median, median(scratch, m)};
    }

    private static double medianOf(double[] column, int[] order, int from, int to, double[] scratch) {
        int m = 0;
        for (int x = from; x < to; x++) {
            double v = column[order[x]];
            if (!Double.isNaN(v)) {
                scratch[m++] = v;
            }
        }
        return m == 0 ? Double.NaN : median(scratch, m);
    }

    static double median(double[] a, int m) {
        Arrays.sort(a, 0, m);
        return m % 2 == 1 ? a[m / 2] : (a[m / 2 - 1] + a[m / 2]) / 2;
    }
}
