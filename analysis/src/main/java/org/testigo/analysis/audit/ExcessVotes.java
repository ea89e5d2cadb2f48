package org.testigo.analysis.audit;

/**
 * Shpilkin's estimate of the votes a candidate gained beyond what the cleaner part of the election
 * predicts (S. Shpilkin's analyses of Russian elections, 2009-; see Kobak, Shpilkin &amp; Pshenichnikov,
 * "Statistical anomalies in 2011-2012 Russian elections revealed by 2D correlation analysis", 2012).
 *
 * <p>Method. (1) Turnout is cut in 1-point bins and each bin weighed by the registered voters of its
 * tables; the weights are smoothed over 5 bins
 * (triangular weights 1, 2, 3, 2, 1) and the heaviest bin (the lowest on a tie) is the baseline turnout (the mode).
 * (2) In the tables at or below the mode, the candidate's votes per vote for everyone else (other
 * candidates, null, blank) is the baseline ratio r. (3) In each table above the mode, the candidate is
 * expected to get r times the others' votes there; what they got beyond that, summed with its sign
 * over those tables, is the excess. Stuffing adds votes for one candidate and raises turnout, so it
 * appears as excess; in a clean election, the sum stays near zero.
 *
 * @param candidate the candidate's id
 * @param modeTurnout the baseline turnout (centre of the modal bin)
 * @param baselineRatio r
 * @param excessVotes the excess, in votes (negative when the candidate did worse at high turnout)
 * @param shareOfCandidate excess / the candidate's votes
 */
public record ExcessVotes(String candidate, double modeTurnout, double baselineRatio, long excessVotes,
        double shareOfCandidate, long tablesAboveMode, Caveat caveat) {

    static final Caveat CAVEAT = new Caveat(
            "The estimate assumes a candidate's share would not change with turnout if the count were clean. Where"
                    + " turnout and preference go together naturally (cities against countryside, one side's"
                    + " strongholds) it finds an 'excess' without any fraud, and it cannot say which tables hold it.",
            "La estimación supone que el voto de un candidato no cambiaría con la participación si el conteo fuera"
                    + " limpio. Donde participación y preferencia van juntas de forma natural (ciudad frente a campo,"
                    + " bastiones de un lado) encuentra un 'exceso' sin fraude alguno, y no puede decir en qué mesas está.");

    static ExcessVotes estimate(AuditInput in, int candidate) {
        int bins = 101;
        double[] weight = new double[bins];
        for (int i = 0; i < in.size(); i++) {
            int r = in.registered(i);
            if (r > 0) {
                weight[turnoutBin(in, i, bins)] += r;
            }
        }
        int mode = 0;
        double best = -1;
        for (int b = 0; b < bins; b++) {
            double s = 0;
            for (int j = Math.max(0, b - 2); j <= Math.min(bins - 1, b + 2); j++) {
                s += (3 - Math.abs(j - b)) * weight[j];
            }
            if (s > best) {
                best = s;
                mode = b;
            }
        }
        long base = 0;
        long others = 0;
        long total = 0;
        for (int i = 0; i < in.size(); i++) {
            if (in.registered(i) > 0 && turnoutBin(in, i, bins) <= mode) {
                base += in.votes(i, candidate);
                others += in.cast(i) - in.votes(i, candidate);
            }
            total += in.votes(i, candidate);
        }
        double ratio = others == 0 ? 0 : (double) base / others;
        double excess = 0;
        long above = 0;
        for (int i = 0; i < in.size(); i++) {
            if (in.registered(i) > 0 && turnoutBin(in, i, bins) > mode) {
                excess += in.votes(i, candidate) - ratio * (in.cast(i) - in.votes(i, candidate));
                above++;
            }
        }
        long votes = Math.round(excess);
        return new ExcessVotes(in.election().ballot().candidates().get(candidate).id(), (mode + 0.5) / 100, ratio, votes,
                total == 0 ? 0 : (double) votes / total, above, CAVEAT);
    }

    /** 1-point bins from 0 to 100; a turnout over 100% goes in the last. */
    private static int turnoutBin(AuditInput in, int i, int bins) {
        return (int) Math.min(bins - 1, 100 * in.cast(i) / in.registered(i));
    }
}
