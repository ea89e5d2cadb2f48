package org.testigo.assignments;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testigo.election.Election;
import org.testigo.election.TableId;
import org.testigo.store.AssignmentStore;
import org.testigo.store.SettingStore;

/**
 * Which witness watches which table, and whether witnesses may submit for other tables (the
 * {@value #FREE_SUBMISSION} setting: on, off, or automatic — free while no table is assigned to anyone,
 * so a deployment that does not use assignments is not blocked, and held to assignments as soon as a
 * coordinator assigns any). Held in memory as an immutable snapshot, read on every submission;
 * written through to the store, and read again from it every few seconds, so that the CLI changing
 * assignments while the server runs is seen within {@link #REFRESH}.
 *
 * <p>A witness is named by the pseudonymous id evidence is recorded under, {@code witness-<token number>}
 * (the bare number is accepted too). Only witnesses are restricted: volunteers, coordinators and admins
 * may submit for any table.
 */
public final class Assignments {
    public static final String FREE_SUBMISSION = "free_submission";
    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Pattern WITNESS = Pattern.compile("(?:witness-)?([1-9][0-9]{0,17})");

    /**
     * What the deployment knows at one moment. {@code byWitness}: token → table indices; {@code setting}: the
     * free-submission setting as stored (null: never set, automatic).
     */
    private record Snapshot(Map<Long, BitSet> byWitness, int[] witnesses, Boolean setting, long version, Instant readAt) {
        /** Automatic: free while no table is assigned to anyone, held to assignments once any is. */
        boolean free() {
            return setting != null ? setting : byWitness.isEmpty();
        }
    }

    /** A line of an import that cannot be taken, with its line number (1 is the header). */
    public record Problem(int line, String field, String message) {
    }

    /** Thrown by {@link #importCsv} when any line is wrong: nothing is imported. */
    public static final class ImportRefused extends RuntimeException {
        private final List<Problem> problems;

        ImportRefused(List<Problem> problems) {
            super(problems.size() + " line(s) cannot be imported; the first: line " + problems.get(0).line() + ": "
                    + problems.get(0).message(), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private final Election election;
    private final AssignmentStore store;
    private final SettingStore settings;
    private final Clock clock;
    private volatile Snapshot snapshot;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    public Assignments(Election election, AssignmentStore store, SettingStore settings, Clock clock) {
        this.election = election;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.snapshot = read(0);
    }

    private Snapshot read(long previousVersion) {
        Map<Long, BitSet> byWitness = new HashMap<>();
        int[] witnesses = new int[election.geography().tableCount()];
        for (AssignmentStore.Assignment a : store.all()) {
            Optional<Integer> t = election.geography().tableIndex(new TableId(a.table()));
            if (t.isPresent()) {
                byWitness.computeIfAbsent(a.witness(), k -> new BitSet()).set(t.get());
                witnesses[t.get()]++;
            }
        }
        Boolean free = settings.get(FREE_SUBMISSION).filter(v -> !v.equals("auto")).map(Boolean::parseBoolean).orElse(null);
        Snapshot before = snapshot;
        boolean same = before != null && java.util.Objects.equals(before.setting(), free) && java.util.Arrays.equals(before.witnesses(), witnesses)
                && before.byWitness().equals(byWitness);
        return new Snapshot(byWitness, witnesses, free, same ? previousVersion : previousVersion + 1, clock.instant());
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (clock.instant().isAfter(s.readAt().plus(REFRESH)) && refreshing.compareAndSet(false, true)) {
            try {
                snapshot = read(s.version());
            } finally {
                refreshing.set(false);
            }
        }
        return snapshot;
    }

    /** Reads the store again now (after this process changed it). */
    private synchronized void reload() {
        snapshot = read(snapshot.version());
    }

    /** Changes whenever an assignment or the setting changes; a cache validator. */
    public long version() {
        return current().version();
    }

    /** The token number a witness id names, or empty. */
    public static Optional<Long> witnessToken(String witness) {
        Matcher m = WITNESS.matcher(witness == null ? "" : witness.strip());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /**
     * Whether {@code submitter} may submit for any table at all (not a witness, or free submission): then nobody
     * needs to decode a submission first to learn its table (intake decodes it anyway).
     */
    public boolean allowsEveryTable(String submitter) {
        return !submitter.startsWith("witness-") || current().free();
    }

    /** Whether {@code submitter} (a pseudonymous id such as {@code witness-17}) may submit for {@code table}. */
    public boolean allows(String submitter, TableId table) {
        if (!submitter.startsWith("witness-")) {
            return true;
        }
        Snapshot s = current();
        if (s.free()) {
            return true;
        }
        Optional<Integer> index = election.geography().tableIndex(table);
        if (index.isEmpty()) {
            return true; // not this rule's business: the intake refuses an unknown table itself
        }
        BitSet tables = witnessToken(submitter).map(s.byWitness()::get).orElse(null);
        return tables != null && tables.get(index.get());
    }

    /** Whether witnesses may submit for any table now. */
    public boolean freeSubmission() {
        return current().free();
    }

    /** The setting as a coordinator left it: {@code on}, {@code off}, or {@code auto} (never set). */
    public String freeSubmissionSetting() {
        Boolean s = current().setting();
        return s == null ? "auto" : s ? "on" : "off";
    }

    /**
     * @param free true (any table), false (assigned tables only), or null: automatic, free while no table is
     *     assigned to anyone (a deployment that does not use assignments), held to assignments once any is
     * @param by the pseudonymous id of who changed it
     */
    public void setFreeSubmission(Boolean free, String by) {
        settings.put(FREE_SUBMISSION, free == null ? "auto" : Boolean.toString(free), by);
        reload();
    }

    /** The tables assigned to a witness token, in geography order. */
    public List<Integer> tablesOf(long witness) {
        BitSet b = current().byWitness().get(witness);
        List<Integer> out = new ArrayList<>();
        if (b != null) {
            b.stream().forEach(out::add);
        }
        return out;
    }

    /** How many witnesses watch a table. */
    public int witnesses(int tableIndex) {
        return current().witnesses()[tableIndex];
    }

    public AssignmentStore.Added add(TableId table, long witness) {
        requireTable(table);
        AssignmentStore.Added added = store.add(table.value(), witness);
        reload();
        return added;
    }

    public boolean remove(TableId table, long witness) {
        boolean removed = store.remove(table.value(), witness);
        reload();
        return removed;
    }

    public List<AssignmentStore.Assignment> all() {
        return store.all();
    }

    private void requireTable(TableId table) {
        if (election.geography().tableIndex(table).isEmpty()) {
            throw new IllegalArgumentException("no table " + table + " in election " + election.id());
        }
    }

    /**
     * Imports {@code table_id,witness} lines (a header line first; {@code witness} as {@code witness-17} or
     * {@code 17}), all or nothing; returns how many assignments were new.
     *
     * @throws ImportRefused listing every line that cannot be taken (unknown table, not a witness token, malformed)
     */
    public int importCsv(Reader csv) throws IOException {
        BufferedReader in = new BufferedReader(csv);
        String header = in.readLine();
        List<Problem> problems = new ArrayList<>();
        if (header == null || !header.strip().replace("\uFEFF", "").replace(" ", "").equalsIgnoreCase("table_id,witness")) {
            throw new ImportRefused(List.of(new Problem(1, "header", "the first line must be the header \"table_id,witness\" (got "
                    + (header == null ? "nothing" : "\"" + header + "\"") + ")")));
        }
        Set<Long> witnessTokens = new TreeSet<>();
        List<AssignmentStore.Assignment> rows = new ArrayList<>();
        int lineNo = 1;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 2) {
                problems.add(new Problem(lineNo, "line", "expected 2 cells (table_id,witness), got " + cells.length));
                continue;
            }
            String table = cells[0].strip();
            if (!TableId.isValid(table)) {
                problems.add(new Problem(lineNo, "table_id", "\"" + table + "\" is not a table id"));
                continue;
            }
            if (election.geography().tableIndex(new TableId(table)).isEmpty()) {
                problems.add(new Problem(lineNo, "table_id", "no table " + table + " in election " + election.id()));
                continue;
            }
            Optional<Long> witness = witnessToken(cells[1]);
            if (witness.isEmpty()) {
                problems.add(new Problem(lineNo, "witness", "\"" + cells[1].strip() + "\" is not a witness id (witness-17, or 17)"));
                continue;
            }
            witnessTokens.add(witness.get());
            rows.add(new AssignmentStore.Assignment(table, witness.get(), null));
        }
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        int added;
        try {
            added = store.addAll(rows);
        } catch (IllegalArgumentException e) {
            throw new ImportRefused(List.of(new Problem(0, "witness", e.getMessage())));
        }
        reload();
        return added;
    }
}
