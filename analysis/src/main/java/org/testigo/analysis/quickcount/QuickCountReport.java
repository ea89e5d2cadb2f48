package org.testigo.analysis.quickcount;

import java.util.List;

/**
 * What a quick count says at one moment. Shares, leads and turnouts are fractions (0.67139 for
 * 67.139 %); margins are in the same unit (0.0083 is ±0.83 points).
 *
 * @param sampled tables in the sample
 * @param reported sampled tables whose result has been phoned in
 * @param candidates each candidate's share of valid votes, in ballot order; {@code share} is null before any report
 * @param lead the leader's share minus the runner-up's; null before any report or with one candidate
 * @param turnout votes cast (valid, null and blank) over registered voters; null when no report or
 *     when a reporting table's registered voters are unknown
 * @param turnoutByTime the turnout phoned in at each configured time of day
 * @param strata retrieval per stratum
 * @param warnings why the estimate may be biased or its margin understated (see {@link QuickCount})
 * @param release the sentence to publish, in Spanish and English
 */
public record QuickCountReport(
        int sampled,
        int reported,
        List<CandidateShare> candidates,
        Lead lead,
        RatioEstimate turnout,
        List<TurnoutAt> turnoutByTime,
        List<StratumRetrieval> strata,
        List<Warning> warnings,
        Release release) {

    public QuickCountReport {
        candidates = List.copyOf(candidates);
        turnoutByTime = List.copyOf(turnoutByTime);
        strata = List.copyOf(strata);
        warnings = List.copyOf(warnings);
    }

    public double retrieval() {
        return sampled == 0 ? 0 : (double) reported / sampled;
    }

    public record CandidateShare(String id, String name, RatioEstimate share) {
    }

    public record Lead(String leader, String runnerUp, RatioEstimate points) {
    }

    /** @param at the time of day, HH:MM; {@code reported} tables have phoned in their count for it */
    public record TurnoutAt(String at, int reported, RatioEstimate turnout) {
    }

    /** @param tables the stratum's tables in the population (N_h); {@code rate} = reported / sampled */
    public record StratumRetrieval(String code, String name, long tables, int sampled, int reported, double rate) {
    }

    /** A stable code ({@code LOW_RETRIEVAL}, {@code STRATUM_MISSING}, {@code UNEVEN_RETRIEVAL}, {@code SINGLE_REPORT}) and words. */
    public record Warning(String code, String message) {
    }

    public record Release(String es, String en) {
    }
}
