package org.testigo.analysis.quickcount;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.testigo.analysis.quickcount.QuickCountReport.CandidateShare;
import org.testigo.analysis.quickcount.QuickCountReport.Lead;
import org.testigo.analysis.quickcount.QuickCountReport.StratumRetrieval;
import org.testigo.analysis.quickcount.QuickCountReport.TurnoutAt;
import org.testigo.analysis.quickcount.QuickCountReport.Warning;
import org.testigo.election.Candidate;

/**
 * A live quick count: takes each sampled table's phoned-in figures as they arrive (a later report of
 * the same table replaces the earlier one) and estimates, at any moment, every candidate's share of
 * valid votes, the lead and the turnout with {@link StratifiedRatio}. Each report updates per-stratum
 * sums in O(m²) for m counts per table, and an estimate costs O(strata · candidates · m²), independent of
 * the number of reports. Thread-safe.
 *
 * <p><b>When non-response may bias the estimate</b> ({@link QuickCountReport#warnings()}): the estimator
 * assumes the tables that have not reported resemble those of their stratum that have. That is doubtful
 * when
 * <ul>
 *   <li>{@code LOW_RETRIEVAL}: fewer than {@value #MIN_RETRIEVAL_PERCENT} % of the sampled tables have reported;</li>
 *   <li>{@code STRATUM_MISSING}: a stratum with sampled tables has no report at all (it is then left out
 *       of the totals: the estimate speaks for the other strata only);</li>
 *   <li>{@code UNEVEN_RETRIEVAL}: the retrieval rates of the strata differ by more than
 *       {@value #MAX_SPREAD_POINTS} points (highest minus lowest), so some regions weigh on fewer reports;</li>
 * </ul>
 * and the margin is understated when {@code SINGLE_REPORT}: a stratum has exactly one report (its
 * variance cannot be estimated and counts as 0).
 */
public final class QuickCount {
    public static final int MIN_RETRIEVAL_PERCENT = 80;
    public static final int MAX_SPREAD_POINTS = 30;
    public static final List<LocalTime> DEFAULT_TURNOUT_TIMES = List.of(LocalTime.of(10, 0), LocalTime.of(14, 0), LocalTime.of(18, 0));

    /**
     * What the sample is: the ballot's candidates, the strata (codes, names, N_h and sampled n_h) and the
     * times of day turnout is phoned in.
     */
    public record Design(List<Candidate> candidates, List<String> stratumCodes, List<String> stratumNames, long[] populations,
            int[] sampled, List<LocalTime> turnoutTimes) {
        public Design {
            candidates = List.copyOf(candidates);
            stratumCodes = List.copyOf(stratumCodes);
            stratumNames = List.copyOf(stratumNames);
            populations = populations.clone();
            sampled = sampled.clone();
            turnoutTimes = List.copyOf(turnoutTimes);
            if (stratumCodes.size() != populations.length || stratumNames.size() != populations.length || sampled.length != populations.length) {
                throw new IllegalArgumentException("each stratum needs a code, a name, a population and a sample size");
            }
        }
    }

    private final Design design;
    private final int k;
    private final int m; // votes per candidate, null, blank, registered
    private final Moments[] results;
    private final Moments[][] turnouts; // [slot][stratum] over (voters, registered)
    private final int[] reportedByStratum;
    private final Map<Integer, Report> lastResult = new HashMap<>();
    private final Map<Long, Report> lastTurnout = new HashMap<>();
    private int unknownRegistered;
    private final Map<Integer, Integer> unknownRegisteredBySlot = new HashMap<>();

    private record Report(int stratum, long[] vector, boolean registeredKnown) {
    }

    public QuickCount(Design design) {
        this.design = design;
        this.k = design.candidates().size();
        this.m = k + 3;
        int h = design.populations().length;
        this.results = new Moments[h];
        for (int i = 0; i < h; i++) {
            results[i] = new Moments(m);
        }
        this.turnouts = new Moments[design.turnoutTimes().size()][h];
        for (Moments[] slot : turnouts) {
            for (int i = 0; i < h; i++) {
                slot[i] = new Moments(2);
            }
        }
        this.reportedByStratum = new int[h];
    }

    public Design design() {
        return design;
    }

    /**
     * Takes a table's result, replacing any earlier one of the same table.
     *
     * @param table any number identifying the table (its index in the geography)
     * @param registered the table's registered voters, or a negative number when unknown
     */
    public synchronized void putResult(int table, int stratum, int[] votes, long nullVotes, long blankVotes, long registered) {
        if (votes.length != k) {
            throw new IllegalArgumentException("a result gives " + k + " candidates' votes, not " + votes.length);
        }
        long[] v = new long[m];
        for (int i = 0; i < k; i++) {
            v[i] = votes[i];
        }
        v[k] = nullVotes;
        v[k + 1] = blankVotes;
        v[k + 2] = Math.max(0, registered);
        Report before = lastResult.put(table, new Report(stratum, v, registered >= 0));
        if (before != null) {
            results[before.stratum()].remove(before.vector());
            reportedByStratum[before.stratum()]--;
            unknownRegistered -= before.registeredKnown() ? 0 : 1;
        }
        results[stratum].add(v);
        reportedByStratum[stratum]++;
        unknownRegistered += registered >= 0 ? 0 : 1;
    }

    /** Takes the number of voters a table had seen at turnout time {@code slot}, replacing an earlier count. */
    public synchronized void putTurnout(int table, int stratum, int slot, long voters, long registered) {
        long[] v = {voters, Math.max(0, registered)};
        Report before = lastTurnout.put(((long) slot << 32) | table, new Report(stratum, v, registered >= 0));
        if (before != null) {
            turnouts[slot][before.stratum()].remove(before.vector());
            unknownRegisteredBySlot.merge(slot, before.registeredKnown() ? 0 : -1, Integer::sum);
        }
        turnouts[slot][stratum].add(v);
        unknownRegisteredBySlot.merge(slot, registered >= 0 ? 0 : 1, Integer::sum);
    }

    /** How many sampled tables have reported a result. */
    public synchronized int reported() {
        return lastResult.size();
    }

    public synchronized QuickCountReport estimate() {
        long[] populations = design.populations();
        double[] valid = new double[m];
        for (int i = 0; i < k; i++) {
            valid[i] = 1;
        }
        List<CandidateShare> shares = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            double[] a = new double[m];
            a[c] = 1;
            Candidate cand = design.candidates().get(c);
            shares.add(new CandidateShare(cand.id(), cand.name(), StratifiedRatio.estimate(populations, results, a, valid)));
        }
        Lead lead = null;
        if (k >= 2 && shares.get(0).share() != null) {
            int first = -1;
            int second = -1;
            for (int c = 0; c < k; c++) {
                double s = shares.get(c).share().value();
                if (first < 0 || s > shares.get(first).share().value()) {
                    second = first;
                    first = c;
                } else if (second < 0 || s > shares.get(second).share().value()) {
                    second = c;
                }
            }
            double[] diff = new double[m];
            diff[first] = 1;
            diff[second] = -1;
            lead = new Lead(shares.get(first).id(), shares.get(second).id(), StratifiedRatio.estimate(populations, results, diff, valid));
        }
        RatioEstimate turnout = null;
        if (unknownRegistered == 0) {
            double[] cast = new double[m];
            for (int i = 0; i < k + 2; i++) {
                cast[i] = 1;
            }
            double[] registered = new double[m];
            registered[k + 2] = 1;
            turnout = StratifiedRatio.estimate(populations, results, cast, registered);
        }
        List<TurnoutAt> byTime = new ArrayList<>();
        for (int slot = 0; slot < turnouts.length; slot++) {
            int reported = 0;
            for (Moments s : turnouts[slot]) {
                reported += (int) s.count();
            }
            RatioEstimate t = unknownRegisteredBySlot.getOrDefault(slot, 0) == 0
                    ? StratifiedRatio.estimate(populations, turnouts[slot], new double[] {1, 0}, new double[] {0, 1}) : null;
            byTime.add(new TurnoutAt(design.turnoutTimes().get(slot).toString(), reported, t));
        }
        List<StratumRetrieval> strata = new ArrayList<>();
        int sampled = 0;
        for (int h = 0; h < populations.length; h++) {
            int n = design.sampled()[h];
            sampled += n;
            strata.add(new StratumRetrieval(design.stratumCodes().get(h), design.stratumNames().get(h), populations[h], n,
                    reportedByStratum[h], n == 0 ? 0 : (double) reportedByStratum[h] / n));
        }
        int reported = lastResult.size();
        List<Warning> warnings = warnings(sampled, reported, strata);
        QuickCountReport draft = new QuickCountReport(sampled, reported, shares, lead, turnout, byTime, strata, warnings, null);
        return new QuickCountReport(sampled, reported, shares, lead, turnout, byTime, strata, warnings, ReleaseSentence.of(draft));
    }

    private static List<Warning> warnings(int sampled, int reported, List<StratumRetrieval> strata) {
        List<Warning> out = new ArrayList<>();
        if (sampled == 0) {
            return out;
        }
        double overall = (double) reported / sampled;
        if (overall * 100 < MIN_RETRIEVAL_PERCENT) {
            out.add(new Warning("LOW_RETRIEVAL", String.format(Locale.ROOT, "only %d of %d sampled tables (%.1f%%) have reported;"
                    + " below %d%% the tables still missing may differ from those in", reported, sampled, 100 * overall, MIN_RETRIEVAL_PERCENT)));
        }
        List<String> missing = new ArrayList<>();
        List<String> single = new ArrayList<>();
        StratumRetrieval lowest = null;
        StratumRetrieval highest = null;
        for (StratumRetrieval s : strata) {
            if (s.sampled() == 0) {
                continue;
            }
            if (s.reported() == 0) {
                missing.add(label(s));
            } else if (s.reported() == 1) {
                single.add(label(s));
            }
            if (lowest == null || s.rate() < lowest.rate()) {
                lowest = s;
            }
            if (highest == null || s.rate() > highest.rate()) {
                highest = s;
            }
        }
        if (!missing.isEmpty() && reported > 0) {
            out.add(new Warning("STRATUM_MISSING", missing.size() + " strata have no report yet and are left out of the estimate: "
                    + list(missing)));
        }
        if (lowest != null && reported > 0 && (highest.rate() - lowest.rate()) * 100 > MAX_SPREAD_POINTS) {
            out.add(new Warning("UNEVEN_RETRIEVAL", String.format(Locale.ROOT, "retrieval is uneven across strata: %.0f%% in %s but %.0f%% in %s",
                    100 * highest.rate(), label(highest), 100 * lowest.rate(), label(lowest))));
        }
        if (!single.isEmpty()) {
            out.add(new Warning("SINGLE_REPORT", single.size() + " strata have a single report, whose variance cannot be estimated:"
                    + " the margins are understated (" + list(single) + ")"));
        }
        return out;
    }

    private static String label(StratumRetrieval s) {
        return s.code().isEmpty() ? "the nation" : s.code() + " " + s.name();
    }

    private static String list(List<String> items) {
        return items.size() <= 5 ? String.join(", ", items) : String.join(", ", items.subList(0, 5)) + " and " + (items.size() - 5) + " more";
    }
}
