package org.testigo.analysis.audit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.testigo.election.Candidate;
import org.testigo.election.Election;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;
import org.testigo.totals.NodeTotals;

/**
 * Compares the bulletins with the collected totals and checks their arithmetic. The rules:
 *
 * <ul>
 * <li>{@code ROUND_PERCENTAGE}: a vote figure c of a bulletin whose total T (its valid votes, or the sum
 *     of its vote figures) is, to within half a vote, exactly p% of T for a percentage p with at most
 *     {@link #MAX_DECIMALS} decimals: |c − T·k/10^(d+2)| ≤ ½ for whole k. Such figures lie on a grid of
 *     spacing T/10^(d+2), so an honest count lands on it with a chance of about 10^(d+2)/T. The figure is
 *     flagged when that chance is below {@link #ROUND_CHANCE}. When every vote figure of the bulletin is
 *     round ({@code ALL_ROUND}), the chance is that per figure raised to the number of figures less one
 *     (the last follows from the others and the total): figures computed from percentages, not counted.</li>
 * <li>{@code SUM_MISMATCH}: the candidates' (and others') figures do not add up to the valid votes, or
 *     valid and null votes do not add up to the votes cast.</li>
 * <li>{@code EXCEEDS_ELECTORATE}: more votes cast than registered voters.</li>
 * <li>{@code COLLECTED_EXCEEDS_OFFICIAL}: the collected actas give a candidate more votes than the
 *     bulletin does, even after taking away the candidate's votes in the largest share of tables the
 *     bulletin may not have counted yet (100% less its counted percentage of the expected tables, taken
 *     as the tables where the candidate did best).</li>
 * </ul>
 */
final class BulletinChecks {
    static final int MAX_DECIMALS = 2;
    static final double ROUND_CHANCE = 0.01;

    static final Caveat ROUND_CAVEAT = new Caveat(
            "A count that is exactly a round percentage of the total is rare by chance; several in one bulletin suggest"
                    + " the figures were computed from percentages rather than added up from actas.",
            "Un conteo que es exactamente un porcentaje redondo del total es raro por azar; varios en un mismo boletín"
                    + " sugieren que las cifras se calcularon a partir de porcentajes en vez de sumarse desde las actas.");
    static final Caveat ARITHMETIC_CAVEAT = new Caveat(
            "The bulletin's own numbers do not fit together; a misprint in the press can also cause this, so check the"
                    + " source.",
            "Las cifras del boletín no cuadran entre sí; una errata de prensa también puede causarlo, así que revise la"
                    + " fuente.");
    static final Caveat COLLECTED_CAVEAT = new Caveat(
            "The actas in hand already give the candidate more votes than the bulletin, even granting every table it"
                    + " may not have counted to the candidate's best tables. Both cannot be right: check the actas.",
            "Las actas reunidas ya dan al candidato más votos que el boletín, aun concediendo que todas las mesas que"
                    + " el boletín quizá no contó fueran las mejores del candidato. Ambos no pueden ser ciertos: revise las actas.");

    private BulletinChecks() {
    }

    static OfficialComparison run(AuditInput in, NodeTotals nation) {
        Election e = in.election();
        int k = in.candidateCount();
        long[] collected = new long[k];
        long nulls = 0;
        long cast = 0;
        long registered = 0;
        boolean registeredKnown = true;
        for (int i = 0; i < in.size(); i++) {
            for (int c = 0; c < k; c++) {
                collected[c] += in.votes(i, c);
            }
            nulls += in.nulls(i);
            cast += in.cast(i);
            registeredKnown &= in.registered(i) >= 0;
            registered += Math.max(0, in.registered(i));
        }
        long valid = Arrays.stream(collected).sum();
        List<OfficialComparison.BulletinComparison> comparisons = new ArrayList<>();
        List<BulletinFinding> findings = new ArrayList<>();
        for (OfficialBulletin b : e.official()) {
            Set<String> named = new HashSet<>();
            b.figures().forEach(f -> named.add(f.item()));
            List<OfficialComparison.Row> rows = new ArrayList<>();
            for (OfficialFigure f : b.figures()) {
                BigDecimal mine = switch (f.item()) {
                    case OfficialFigure.OTHERS -> {
                        long others = 0;
                        for (int c = 0; c < k; c++) {
                            others += named.contains(e.ballot().candidates().get(c).id()) ? 0 : collected[c];
                        }
                        yield BigDecimal.valueOf(others);
                    }
                    case OfficialFigure.VALID -> BigDecimal.valueOf(valid);
                    case OfficialFigure.NULL -> BigDecimal.valueOf(nulls);
                    case OfficialFigure.CAST -> BigDecimal.valueOf(cast);
                    case OfficialFigure.TABLES_PERCENT -> percent(in.size(), e.expectedTables());
                    case OfficialFigure.TURNOUT_PERCENT -> registeredKnown && registered > 0 ? percent(cast, registered) : null;
                    default -> {
                        int c = e.ballot().candidateIndex(f.item());
                        yield c < 0 ? null : BigDecimal.valueOf(collected[c]);
                    }
                };
                rows.add(new OfficialComparison.Row(f.item(), f.value(), mine, mine == null ? null : mine.subtract(f.value())));
            }
            comparisons.add(new OfficialComparison.BulletinComparison(b.id(), b.announced(), rows));
            findings.addAll(roundPercentages(b, e));
            findings.addAll(arithmetic(b, e));
            findings.addAll(collectedExceeds(b, in, collected));
        }
        return new OfficialComparison(comparisons, certainty(nation), findings);
    }

    private static BigDecimal percent(long part, long whole) {
        return whole <= 0 ? null : BigDecimal.valueOf(100.0 * part / whole).setScale(2, RoundingMode.HALF_UP);
    }

    private static boolean isVotes(Election e, String item) {
        return item.equals(OfficialFigure.OTHERS) || e.ballot().candidateIndex(item) >= 0;
    }

    static List<BulletinFinding> roundPercentages(OfficialBulletin b, Election e) {
        List<OfficialFigure> votes = b.figures().stream().filter(f -> isVotes(e, f.item())).toList();
        BigDecimal total = b.figure(OfficialFigure.VALID).map(OfficialFigure::value)
                .orElse(votes.stream().map(OfficialFigure::value).reduce(BigDecimal.ZERO, BigDecimal::add));
        List<BulletinFinding> out = new ArrayList<>();
        if (total.signum() <= 0 || votes.isEmpty()) {
            return out;
        }
        double worst = 0;
        int round = 0;
        for (OfficialFigure f : votes) {
            int d = roundDecimals(f.value(), total);
            if (d < 0) {
                continue;
            }
            double chance = Math.min(1, Math.pow(10, d + 2) / total.doubleValue());
            if (chance < ROUND_CHANCE) {
                round++;
                worst = Math.max(worst, chance);
                BigDecimal pct = f.value().multiply(BigDecimal.valueOf(100)).divide(total, d, RoundingMode.HALF_UP);
                out.add(new BulletinFinding(b.id(), f.item(), "ROUND_PERCENTAGE", String.format(Locale.ROOT,
                        "%s is %s%% of %s to within half a vote", f.value().toPlainString(), pct.toPlainString(),
                        total.toPlainString()), chance, ROUND_CAVEAT));
            }
        }
        if (round == votes.size() && round > 1) {
            out.add(new BulletinFinding(b.id(), "", "ALL_ROUND", "all " + round + " vote figures are round percentages of "
                    + total.toPlainString(), Math.pow(worst, round - 1), ROUND_CAVEAT));
        }
        return out;
    }

    /** The fewest decimals (0 to {@link #MAX_DECIMALS}) of a percentage that {@code count} is of {@code total}, or -1. */
    static int roundDecimals(BigDecimal count, BigDecimal total) {
        for (int d = 0; d <= MAX_DECIMALS; d++) {
            BigDecimal grid = BigDecimal.TEN.pow(d + 2);
            // k = round(c · 10^(d+2) / T); is |c − T·k / 10^(d+2)| ≤ ½?
            BigDecimal k = count.multiply(grid).divide(total, 0, RoundingMode.HALF_UP);
            BigDecimal exact = total.multiply(k).divide(grid, MathContext.DECIMAL128);
            if (count.subtract(exact).abs().compareTo(new BigDecimal("0.5")) <= 0) {
                return d;
            }
        }
        return -1;
    }

    static List<BulletinFinding> arithmetic(OfficialBulletin b, Election e) {
        List<BulletinFinding> out = new ArrayList<>();
        var valid = b.figure(OfficialFigure.VALID);
        var nulls = b.figure(OfficialFigure.NULL);
        var cast = b.figure(OfficialFigure.CAST);
        BigDecimal sum = b.figures().stream().filter(f -> isVotes(e, f.item())).map(OfficialFigure::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (valid.isPresent() && sum.compareTo(valid.get().value()) != 0) {
            out.add(new BulletinFinding(b.id(), OfficialFigure.VALID, "SUM_MISMATCH", "the vote figures add up to "
                    + sum.toPlainString() + ", the valid votes are " + valid.get().value().toPlainString(), null, ARITHMETIC_CAVEAT));
        }
        if (valid.isPresent() && nulls.isPresent() && cast.isPresent()
                && valid.get().value().add(nulls.get().value()).compareTo(cast.get().value()) != 0) {
            out.add(new BulletinFinding(b.id(), OfficialFigure.CAST, "SUM_MISMATCH", "valid " + valid.get().value().toPlainString()
                    + " + null " + nulls.get().value().toPlainString() + " is not the votes cast " + cast.get().value().toPlainString(),
                    null, ARITHMETIC_CAVEAT));
        }
        BigDecimal votes = cast.map(OfficialFigure::value).orElse(sum);
        if (e.expectedElectorate() >= 0 && votes.compareTo(BigDecimal.valueOf(e.expectedElectorate())) > 0) {
            out.add(new BulletinFinding(b.id(), cast.isPresent() ? OfficialFigure.CAST : "", "EXCEEDS_ELECTORATE",
                    votes.toPlainString() + " votes for " + e.expectedElectorate() + " registered voters", null, ARITHMETIC_CAVEAT));
        }
        return out;
    }

    static List<BulletinFinding> collectedExceeds(OfficialBulletin b, AuditInput in, long[] collected) {
        List<BulletinFinding> out = new ArrayList<>();
        var pct = b.figure(OfficialFigure.TABLES_PERCENT);
        if (pct.isEmpty()) {
            return out;
        }
        long uncounted = (long) Math.ceil((100 - pct.get().value().doubleValue()) / 100 * in.election().expectedTables());
        for (OfficialFigure f : b.figures()) {
            int c = in.election().ballot().candidateIndex(f.item());
            if (c < 0) {
                continue;
            }
            long best = largest(in, c, uncounted);
            long floor = collected[c] - best;
            if (BigDecimal.valueOf(floor).compareTo(f.value()) > 0) {
                Candidate who = in.election().ballot().candidates().get(c);
                out.add(new BulletinFinding(b.id(), f.item(), "COLLECTED_EXCEEDS_OFFICIAL", String.format(Locale.ROOT,
                        "the collected actas give %s %,d votes; without the %,d tables where %s did best (the most the"
                                + " bulletin may not have counted, %s%% of %,d) still %,d, above the bulletin's %s",
                        who.name(), collected[c], uncounted, who.id(), pct.get().value().toPlainString(),
                        in.election().expectedTables(), floor, f.value().toPlainString()), null, COLLECTED_CAVEAT));
            }
        }
        return out;
    }

    /** The sum of the {@code m} largest counts of a candidate. */
    private static long largest(AuditInput in, int candidate, long m) {
        int[] v = new int[in.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.votes(i, candidate);
        }
        Arrays.sort(v);
        long sum = 0;
        for (int i = v.length - 1; i >= 0 && v.length - i <= m; i--) {
            sum += v[i];
        }
        return sum;
    }

    static OfficialComparison.CertaintyBound certainty(NodeTotals nation) {
        if (nation == null) {
            return null;
        }
        var c = nation.certainty();
        return new OfficialComparison.CertaintyBound(nation.lead().leader(), nation.lead().runnerUp(), c.lead(),
                c.outstanding() < 0 ? null : c.outstanding(), c.basis(), c.certain(),
                c.outstandingOfficial() < 0 ? null : c.outstandingOfficial(),
                c.outstandingOfficial() < 0 ? null : c.certainByOfficialCount());
    }
}
