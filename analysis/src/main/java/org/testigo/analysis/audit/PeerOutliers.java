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
 * the median m of its peers, in units of a robust spread: z = (x − m) / scale, where scale is the larger
 * of 1.4826·MAD (the median absolute deviation, scaled to equal σ for normal data) and the binomial
 * noise √(m(1 − m)/N) of a table of N voters (so that peers who agree by chance — MAD near 0 — do not
 * make ordinary tables extreme). The peer score is Q = z_t² + z_s², which is χ² with 2 degrees of freedom
 * for normal data: a table is an outlier when Q &gt; {@link #THRESHOLD} (χ²₂'s 99.9% point), a stated
 * false-positive rate of {@link #FALSE_POSITIVE_RATE}.
 *
 * <p>The combined anomaly score that ranks tables is Q plus {@link #FLAG_WEIGHT} for each deterministic
 * check the table fails, so impossibilities come first, then the most extreme tables among their peers.
 */
public final class PeerOutliers {
    public static final int MIN_PEERS = 5;
    public static final double THRESHOLD = 13.815511; // -2 ln(0.001)
    public static final double FALSE_POSITIVE_RATE = 0.001;
    public static final double FLAG_WEIGHT = 100;
    private static final double MAD_TO_SD = 1.4826;

    static final Caveat CAVEAT = new Caveat(
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
        // Rows grouped by peer node (a counting sort), each group's medians computed on its own.
        int[] start = new int[geo.nodeCount() + 1];
        for (int i = 0; i < n; i++) {
            start[o.peerNode[i] + 1]++;
        }
        for (int g = 0; g < geo.nodeCount(); g++) {
            start[g + 1] += start[g];
        }
        int[] order = new int[n];
        int[] fill = Arrays.copyOf(start, start.length);
        for (int i = 0; i < n; i++) {
            order[fill[o.peerNode[i]]++] = i;
        }
        IntStream.range(0, geo.nodeCount()).parallel().forEach(g -> {
            if (start[g + 1] > start[g]) {
                o.score(in, order, start[g], start[g + 1]);
            }
        });
        return o;
    }

    private void score(AuditInput in, int[] order, int from, int to) {
        double[] values = new double[to - from];
        double[] turnoutStats = medianAndMad(turnout, order, from, to, values);
        double[] shareStats = medianAndMad(share, order, from, to, values);
        for (int x = from; x < to; x++) {
            int i = order[x];
            zTurnout[i] = z(turnout[i], turnoutStats, in.registered(i));
            zShare[i] = z(share[i], shareStats, in.valid(i));
            double q = 0;
            q += Double.isNaN(zTurnout[i]) ? 0 : zTurnout[i] * zTurnout[i];
            q += Double.isNaN(zShare[i]) ? 0 : zShare[i] * zShare[i];
            peerScore[i] = q;
        }
    }

    private static double z(double x, double[] stats, long voters) {
        if (Double.isNaN(x) || Double.isNaN(stats[0]) || voters <= 0) {
            return Double.NaN;
        }
        double m = Math.min(1, stats[0]);
        double noise = Math.sqrt(Math.max(m * (1 - m), 0.25 / voters) / voters); // never 0, even at m = 0 or 1
        return (x - stats[0]) / Math.max(MAD_TO_SD * stats[1], noise);
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

    static double median(double[] a, int m) {
        Arrays.sort(a, 0, m);
        return m % 2 == 1 ? a[m / 2] : (a[m / 2 - 1] + a[m / 2]) / 2;
    }
}
