package org.testigo.analysis.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.testigo.election.Geography;
import org.testigo.election.TableId;

/**
 * The deterministic checks of every accepted tally (see {@link CheckCode}). The thresholds keep small
 * tables out of the coincidence checks: at a table of 8 voters, one candidate taking every vote or two
 * tables sharing a result is unremarkable.
 */
final class TableChecks {
    static final int MIN_VALID_UNANIMOUS = 50;
    static final int MIN_VALID_RIVAL_ZERO = 100;
    static final int MIN_VALID_IDENTICAL = 100;

    /** Per input row, a bit per {@link CheckCode} ordinal. */
    final int[] mask;
    final Map<CheckCode, Long> counts = new EnumMap<>(CheckCode.class);
    final List<TableFlag> flags = new ArrayList<>();

    private TableChecks(int size) {
        this.mask = new int[size];
        for (CheckCode c : CheckCode.values()) {
            counts.put(c, 0L);
        }
    }

    static TableChecks run(AuditInput in, int leader, int runnerUp) {
        TableChecks checks = new TableChecks(in.size());
        Geography geo = in.election().geography();
        int k = in.candidateCount();
        for (int i = 0; i < in.size(); i++) {
            long valid = in.valid(i);
            long cast = valid + in.nulls(i) + in.blanks(i);
            int registered = in.registered(i);
            if (registered >= 0 && valid > registered) {
                checks.flag(geo, in, i, CheckCode.VOTES_OVER_REGISTERED,
                        String.format(Locale.ROOT, "%d valid votes, %d registered voters", valid, registered));
            } else if (registered >= 0 && cast > registered) {
                checks.flag(geo, in, i, CheckCode.TURNOUT_OVER_100,
                        String.format(Locale.ROOT, "%d ballots cast, %d registered voters", cast, registered));
            }
            if (valid >= MIN_VALID_UNANIMOUS) {
                for (int c = 0; c < k; c++) {
                    if (in.votes(i, c) == valid) {
                        checks.flag(geo, in, i, CheckCode.UNANIMOUS, String.format(Locale.ROOT, "%s has all %d valid votes",
                                in.election().ballot().candidates().get(c).id(), valid));
                    }
                }
            }
            if (valid >= MIN_VALID_RIVAL_ZERO && k > 1) {
                for (int c : new int[] {leader, runnerUp}) {
                    if (in.votes(i, c) == 0) {
                        checks.flag(geo, in, i, CheckCode.MAIN_RIVAL_AT_ZERO, String.format(Locale.ROOT,
                                "%s has 0 of %d valid votes", in.election().ballot().candidates().get(c).id(), valid));
                    }
                }
            }
        }
        checks.identical(in, geo);
        int[] rows = in.crossChecks().isEmpty() ? new int[0] : rowsByTable(in, geo);
        for (CrossCheck x : in.crossChecks()) {
            if (x.disagrees()) {
                int t = geo.tableIndex(x.table()).orElse(-1);
                // a cross-checked table without an accepted tally is flagged, but has no row to score
                int row = t < 0 ? -1 : rows[t];
                checks.flagRow(row, x.table(), CheckCode.SOURCES_DISAGREE,
                        x.first() + " " + x.firstResult() + " vs " + x.second() + " " + x.secondResult());
            }
        }
        return checks;
    }

    /** Groups tables by a 40-bit hash of their full result packed with their row, then compares equal hashes exactly. */
    private void identical(AuditInput in, Geography geo) {
        int k = in.candidateCount();
        long[] keys = new long[in.size()];
        int m = 0;
        for (int i = 0; i < in.size(); i++) {
            if (in.valid(i) < MIN_VALID_IDENTICAL) {
                continue;
            }
            long h = 1469598103934665603L;
            for (int c = 0; c < k; c++) {
                h = (h ^ in.votes(i, c)) * 1099511628211L;
            }
            h = (h ^ in.nulls(i)) * 1099511628211L;
            h = (h ^ in.blanks(i)) * 1099511628211L;
            h ^= h >>> 29;
            keys[m++] = (h & 0xFFFFFFFFFFL) << 24 | i;
        }
        if (in.size() > 1 << 24) {
            throw new IllegalStateException("more than 16,777,216 tallies do not fit the packed keys");
        }
        Arrays.sort(keys, 0, m);
        for (int a = 0; a < m; ) {
            int b = a + 1;
            while (b < m && keys[b] >>> 24 == keys[a] >>> 24) {
                b++;
            }
            for (int x = a; x < b; x++) {
                int i = (int) (keys[x] & 0xFFFFFF);
                for (int y = a; y < b; y++) {
                    int j = (int) (keys[y] & 0xFFFFFF);
                    if (i != j && sameResult(in, i, j)) {
                        flag(geo, in, i, CheckCode.IDENTICAL_RESULTS, "the same result as table "
                                + geo.table(in.table(j)).id() + ": " + result(in, i));
                        break;
                    }
                }
            }
            a = b;
        }
    }

    private static boolean sameResult(AuditInput in, int i, int j) {
        for (int c = 0; c < in.candidateCount(); c++) {
            if (in.votes(i, c) != in.votes(j, c)) {
                return false;
            }
        }
        return in.nulls(i) == in.nulls(j) && in.blanks(i) == in.blanks(j);
    }

    private static String result(AuditInput in, int i) {
        StringBuilder s = new StringBuilder("[");
        for (int c = 0; c < in.candidateCount(); c++) {
            s.append(in.votes(i, c)).append(", ");
        }
        return s.append("null ").append(in.nulls(i)).append(", blank ").append(in.blanks(i)).append(']').toString();
    }

    private static int[] rowsByTable(AuditInput in, Geography geo) {
        int[] rows = new int[geo.tableCount()];
        Arrays.fill(rows, -1);
        for (int i = 0; i < in.size(); i++) {
            rows[in.table(i)] = i;
        }
        return rows;
    }

    private void flag(Geography geo, AuditInput in, int row, CheckCode code, String detail) {
        flagRow(row, geo.table(in.table(row)).id(), code, detail);
    }

    private void flagRow(int row, TableId table, CheckCode code, String detail) {
        if (row >= 0) {
            if ((mask[row] & 1 << code.ordinal()) != 0 && code != CheckCode.SOURCES_DISAGREE) {
                return; // one flag per table and code (a table with two rivals at 0 is one finding)
            }
            mask[row] |= 1 << code.ordinal();
        }
        counts.merge(code, 1L, Long::sum);
        flags.add(new TableFlag(table, code, detail));
    }
}
