package org.testigo.analysis.audit;

import java.util.ArrayList;
import java.util.List;
import org.testigo.election.Geography;

/** Builds {@link Fingerprint}s for the nation and each top-level place in one pass over the tables. */
final class Fingerprints {
    static final Caveat CAVEAT = new Caveat(
            "A fingerprint shows how tables spread over turnout and the leader's share. Ballot stuffing drags tables"
                    + " towards the top right corner and ties turnout to the leader's share; but places where one"
                    + " side is strong can also vote more. Compare places, look at the tables in the corner, and"
                    + " check their actas.",
            "La huella muestra cómo se reparten las mesas por participación y por voto del ganador. El relleno de"
                    + " urnas arrastra mesas hacia la esquina superior derecha y ata la participación al voto del"
                    + " ganador; pero donde un lado es fuerte también se puede votar más. Compare lugares, mire las"
                    + " mesas de la esquina y revise sus actas.");

    private Fingerprints() {
    }

    /** @param stateOf per input row, the index (0-based among top-level places) of its top-level place */
    static List<Fingerprint> build(AuditInput in, int leader, int[] stateOf, int[] states) {
        Geography geo = in.election().geography();
        int b = Fingerprint.BINS;
        int groups = states.length + 1; // 0 = the nation
        int[][] counts = new int[groups][b * b];
        double[][] moments = new double[groups][7]; // n, Σx, Σy, Σx², Σy², Σxy, corner
        for (int i = 0; i < in.size(); i++) {
            int registered = in.registered(i);
            long valid = in.valid(i);
            if (registered <= 0 || valid == 0) {
                continue;
            }
            double turnout = (double) in.cast(i) / registered;
            double share = (double) in.votes(i, leader) / valid;
            int cell = Fingerprint.bin(share, b) * b + Fingerprint.bin(turnout, b);
            for (int g : new int[] {0, stateOf[i] + 1}) {
                counts[g][cell]++;
                double[] m = moments[g];
                m[0]++;
                m[1] += turnout;
                m[2] += share;
                m[3] += turnout * turnout;
                m[4] += share * share;
                m[5] += turnout * share;
                m[6] += turnout >= 0.8 && share >= 0.8 ? 1 : 0;
            }
        }
        String leaderId = in.election().ballot().candidates().get(leader).id();
        List<Fingerprint> out = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            double[] m = moments[g];
            if (g > 0 && m[0] == 0) {
                continue;
            }
            String code = g == 0 ? "" : geo.code(states[g - 1]);
            String name = geo.node(g == 0 ? 0 : states[g - 1]).name();
            out.add(new Fingerprint(code, name, leaderId, b, (long) m[0], counts[g], correlation(m),
                    m[0] == 0 ? 0 : m[6] / m[0]));
        }
        return out;
    }

    static double correlation(double[] m) {
        double n = m[0];
        double cov = m[5] / n - m[1] / n * m[2] / n;
        double vx = m[3] / n - m[1] / n * m[1] / n;
        double vy = m[4] / n - m[2] / n * m[2] / n;
        return n < 3 || vx <= 0 || vy <= 0 ? 0 : cov / Math.sqrt(vx * vy);
    }
}
