package org.testigo.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transcription desk's work (schema version 10): tasks, the leases volunteers hold on them and the
 * entries they type. The queue is these rows: {@link #next} picks with {@code FOR UPDATE SKIP LOCKED}, so
 * volunteers asking at once never wait for each other and never get the same slot, and a restarted server
 * (or a second one) finds every task where it was. Every change to a task's leases or entries happens
 * under that task's row lock. What the entries mean (agreement, disagreement) is decided by the caller
 * ({@link Decider}); the store keeps it.
 *
 * <p>All times come from the caller's clock, so tests can move time (lease expiry) without waiting.
 */
public final class DeskStore {
    /** A task. {@code reading} is the agreed reading once decided. */
    public record Task(long id, String kind, Long imageId, String table, String status, int needed, Instant createdAt,
                       Instant closedAt, Long evidenceId, String reading) {
    }

    /** A volunteer's entry. */
    public record Entry(long id, long taskId, String volunteer, Instant enteredAt, String reading, boolean voided) {
    }

    /** A task leased to a volunteer until {@code expiresAt}. */
    public record Leased(Task task, Instant leasedAt, Instant expiresAt, boolean resumed) {
    }

    /** What the entries of a task add up to, as the caller's rules see them. */
    public sealed interface Decision {
        /** Wait for more entries (possibly more than before: a disagreement asks one more person). */
        record Open(int needed) implements Decision {
        }

        /** Decided: {@code status} is {@code agreed}, {@code unreadable} or {@code stuck}. */
        record Closed(String status, String reading) implements Decision {
        }
    }

    @FunctionalInterface
    public interface Decider {
        Decision decide(Task task, List<Entry> entries);
    }

    /** Why an entry was not taken. */
    public enum EntryRefusal { UNKNOWN_TASK, TASK_CLOSED, NOT_LEASED, ALREADY_ENTERED }

    /** The answer to {@link #enter}: the task after the entry, or why the entry was refused. */
    public record Entered(Task task, Decision decision, EntryRefusal refusal) {
    }

    /** One volunteer's record. {@code disagreed}: entries on decided tasks that differ from the reading agreed. */
    public record VolunteerRecord(String volunteer, long entries, long pending, long decided, long disagreed, long leased,
                                  Instant lastEntry) {
    }

    /** What {@link #requeue} undid. */
    public record Requeued(int leasesEnded, int entriesVoided) {
    }

    private static final String TASK_COLUMNS = "t.id, t.kind, t.image_id, t.table_id, t.status, t.needed, t.created_at, t.closed_at,"
            + " t.evidence_id, t.reading";

    private final Database database;

    public DeskStore(Database database) {
        this.database = database;
    }

    /** Makes a task for every photo that needs a person and has none yet; returns how many were made. */
    public int addImageTasks(Instant now) {
        return update("queue the photos that need transcribing", "insert into desk_task (kind, image_id, created_at)"
                + " select 'image', s.id, ? from image_submission s where s.status = 'needs-transcription'"
                + " and not exists (select 1 from desk_task t where t.kind = 'image' and t.image_id = s.id) order by s.id"
                + " on conflict do nothing", ps -> ps.setObject(1, time(now)));
    }

    /**
     * Makes a task to settle a conflicted table, unless one is open or one was already made for its evidence
     * up to {@code throughEvidence} (a closed task is not made again until new evidence arrives).
     */
    public boolean addConflictTask(String table, long throughEvidence, Instant now) {
        return update("queue a conflicted table", "insert into desk_task (kind, table_id, through_evidence, created_at)"
                + " select 'conflict', ?, ?, ? where not exists (select 1 from desk_task t where t.kind = 'conflict' and t.table_id = ?"
                + " and (t.status = 'open' or t.through_evidence >= ?)) on conflict do nothing", ps -> {
                    ps.setString(1, table);
                    ps.setLong(2, throughEvidence);
                    ps.setObject(3, time(now));
                    ps.setString(4, table);
                    ps.setLong(5, throughEvidence);
                }) == 1;
    }

    /** Closes the open conflict tasks of tables no longer conflicted (a signed acta came, say); returns how many. */
    public int supersedeConflicts(Collection<String> stillConflicted, Instant now) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("update desk_task set status = 'superseded', closed_at = ?"
                     + " where kind = 'conflict' and status = 'open' and not (table_id = any (?))")) {
            ps.setObject(1, time(now));
            ps.setArray(2, c.createArrayOf("text", stillConflicted.toArray()));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Database.unavailable("supersede conflict tasks", e);
        }
    }

    /**
     * The next task for {@code volunteer}: the one they hold a live lease on, if any (a reload shows the same
     * task); otherwise the oldest open task they have never been leased nor entered, with a slot free (its
     * entries plus live leases fewer than it needs), leased for {@code leaseFor}.
     */
    public Optional<Leased> next(String volunteer, Instant now, Duration leaseFor) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Leased> held = held(c, volunteer, now);
                if (held.isPresent()) {
                    c.commit();
                    return held;
                }
                List<Long> skipped = new ArrayList<>();
                while (true) {
                    Long candidate = null;
                    try (PreparedStatement ps = c.prepareStatement("select t.id from desk_task t where t.status = 'open'"
                            + " and not (t.id = any (?))"
                            + " and not exists (select 1 from desk_lease l where l.task_id = t.id and l.volunteer = ?)"
                            + " and not exists (select 1 from desk_entry e where e.task_id = t.id and e.volunteer = ?)"
                            + " and (select count(*) from desk_entry e where e.task_id = t.id and e.voided_at is null)"
                            + "   + (select count(*) from desk_lease l where l.task_id = t.id and l.ended_at is null and l.expires_at > ?)"
                            + "   < t.needed"
                            + " order by t.id limit 1 for update of t skip locked")) {
                        ps.setArray(1, c.createArrayOf("bigint", skipped.toArray()));
                        ps.setString(2, volunteer);
                        ps.setString(3, volunteer);
                        ps.setObject(4, time(now));
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                candidate = rs.getLong(1);
                            }
                        }
                    }
                    if (candidate == null) {
                        c.commit();
                        return Optional.empty();
                    }
                    // The row is ours now; count again in a fresh snapshot, in case a lease committed meanwhile.
                    Task task = task(c, candidate).orElseThrow();
                    if (!task.status().equals("open") || taken(c, candidate, now) >= task.needed()) {
                        skipped.add(candidate);
                        continue;
                    }
                    Instant until = now.plus(leaseFor);
                    try (PreparedStatement ps = c.prepareStatement("insert into desk_lease (task_id, volunteer, leased_at, expires_at)"
                            + " values (?, ?, ?, ?)")) {
                        ps.setLong(1, candidate);
                        ps.setString(2, volunteer);
                        ps.setObject(3, time(now));
                        ps.setObject(4, time(until));
                        ps.executeUpdate();
                    }
                    c.commit();
                    return Optional.of(new Leased(task, now, until, false));
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Database.unavailable("lease the next desk task", e);
        }
    }

    private Optional<Leased> held(Connection c, String volunteer, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select l.task_id, l.leased_at, l.expires_at from desk_lease l"
                + " join desk_task t on t.id = l.task_id where l.volunteer = ? and l.ended_at is null and l.expires_at > ?"
                + " and t.status = 'open' order by l.leased_at limit 1")) {
            ps.setString(1, volunteer);
            ps.setObject(2, time(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                Instant leased = rs.getObject(2, OffsetDateTime.class).toInstant();
                Instant expires = rs.getObject(3, OffsetDateTime.class).toInstant();
                return Optional.of(new Leased(task(c, id).orElseThrow(), leased, expires, true));
            }
        }
    }

    private static long taken(Connection c, long task, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select (select count(*) from desk_entry e where e.task_id = ? and e.voided_at is null)"
                + " + (select count(*) from desk_lease l where l.task_id = ? and l.ended_at is null and l.expires_at > ?)")) {
            ps.setLong(1, task);
            ps.setLong(2, task);
            ps.setObject(3, time(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Records a volunteer's entry on a task they were leased (even if the lease ran out, as long as the task
     * is still open: late work is not thrown away), then lets {@code decider} say what the entries add up to.
     */
    public Entered enter(long taskId, String volunteer, String reading, Instant now, Decider decider) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                Task task;
                try (PreparedStatement ps = c.prepareStatement("select " + TASK_COLUMNS + " from desk_task t where t.id = ? for update")) {
                    ps.setLong(1, taskId);
                    List<Task> found = tasks(ps);
                    if (found.isEmpty()) {
                        c.rollback();
                        return new Entered(null, null, EntryRefusal.UNKNOWN_TASK);
                    }
                    task = found.get(0);
                }
                EntryRefusal refusal = null;
                if (!task.status().equals("open")) {
                    refusal = EntryRefusal.TASK_CLOSED;
                } else if (!exists(c, "select 1 from desk_lease where task_id = ? and volunteer = ?", taskId, volunteer)) {
                    refusal = EntryRefusal.NOT_LEASED;
                } else if (exists(c, "select 1 from desk_entry where task_id = ? and volunteer = ?", taskId, volunteer)) {
                    refusal = EntryRefusal.ALREADY_ENTERED;
                }
                if (refusal != null) {
                    c.rollback();
                    return new Entered(task, null, refusal);
                }
                try (PreparedStatement ps = c.prepareStatement("insert into desk_entry (task_id, volunteer, entered_at, reading) values (?, ?, ?, ?)")) {
                    ps.setLong(1, taskId);
                    ps.setString(2, volunteer);
                    ps.setObject(3, time(now));
                    ps.setString(4, reading);
                    ps.executeUpdate();
                }
                endLease(c, taskId, volunteer, now);
                Decision decision = decider.decide(task, entries(c, taskId));
                switch (decision) {
                    case Decision.Open open -> {
                        try (PreparedStatement ps = c.prepareStatement("update desk_task set needed = ? where id = ?")) {
                            ps.setInt(1, open.needed());
                            ps.setLong(2, taskId);
                            ps.executeUpdate();
                        }
                    }
                    case Decision.Closed closed -> {
                        try (PreparedStatement ps = c.prepareStatement("update desk_task set status = ?, reading = ?, closed_at = ? where id = ?")) {
                            ps.setString(1, closed.status());
                            ps.setString(2, closed.reading());
                            ps.setObject(3, time(now));
                            ps.setLong(4, taskId);
                            ps.executeUpdate();
                        }
                        // Whoever still holds a lease on it has nothing left to do.
                        try (PreparedStatement ps = c.prepareStatement("update desk_lease set ended_at = ? where task_id = ? and ended_at is null")) {
                            ps.setObject(1, time(now));
                            ps.setLong(2, taskId);
                            ps.executeUpdate();
                        }
                    }
                }
                Task after = task(c, taskId).orElseThrow();
                c.commit();
                return new Entered(after, decision, null);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Database.unavailable("record a desk entry", e);
        }
    }

    /** Ties an agreed task to the evidence it became. */
    public void recorded(long taskId, long evidenceId) {
        update("tie a desk task to its evidence", "update desk_task set evidence_id = ? where id = ? and status = 'agreed'", ps -> {
            ps.setLong(1, evidenceId);
            ps.setLong(2, taskId);
        });
    }

    /** Agreed tasks whose evidence is not recorded yet (a process stopped in between). */
    public List<Task> agreedWithoutEvidence() {
        return query("select " + TASK_COLUMNS + " from desk_task t where t.status = 'agreed' and t.evidence_id is null order by t.id", ps -> { });
    }

    /** Gives a leased task back without entering it; true when a live lease was ended. */
    public boolean release(long taskId, String volunteer, Instant now) {
        try (Connection c = database.connection()) {
            return endLease(c, taskId, volunteer, now) == 1;
        } catch (SQLException e) {
            throw Database.unavailable("give a desk task back", e);
        }
    }

    private static int endLease(Connection c, long taskId, String volunteer, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update desk_lease set ended_at = ? where task_id = ? and volunteer = ? and ended_at is null")) {
            ps.setObject(1, time(now));
            ps.setLong(2, taskId);
            ps.setString(3, volunteer);
            return ps.executeUpdate();
        }
    }

    /**
     * Puts a volunteer's unfinished and unconfirmed work back in the queue: ends their leases and voids
     * their entries on tasks still open, so those entries no longer count. The tasks go to other people
     * (this volunteer has seen them).
     */
    public Requeued requeue(String volunteer, Instant now) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                int leases;
                try (PreparedStatement ps = c.prepareStatement("update desk_lease set ended_at = ? where volunteer = ? and ended_at is null")) {
                    ps.setObject(1, time(now));
                    ps.setString(2, volunteer);
                    leases = ps.executeUpdate();
                }
                int entries;
                try (PreparedStatement ps = c.prepareStatement("update desk_entry e set voided_at = ? from desk_task t where t.id = e.task_id"
                        + " and t.status = 'open' and e.volunteer = ? and e.voided_at is null")) {
                    ps.setObject(1, time(now));
                    ps.setString(2, volunteer);
                    entries = ps.executeUpdate();
                }
                c.commit();
                return new Requeued(leases, entries);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Database.unavailable("re-queue the work of " + volunteer, e);
        }
    }

    /** Every volunteer who ever held a lease or made an entry, with their record. */
    public List<VolunteerRecord> volunteers(Instant now) {
        try (Connection c = database.connection()) {
            Map<String, VolunteerRecord> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select e.volunteer, count(*),"
                    + " count(*) filter (where e.voided_at is null and t.status = 'open'),"
                    + " count(*) filter (where e.voided_at is null and t.status in ('agreed', 'unreadable')),"
                    + " count(*) filter (where e.voided_at is null and t.status in ('agreed', 'unreadable') and e.reading <> t.reading),"
                    + " max(e.entered_at)"
                    + " from desk_entry e join desk_task t on t.id = e.task_id group by e.volunteer order by e.volunteer")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new VolunteerRecord(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                                0, rs.getObject(6, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select volunteer, count(*) filter (where ended_at is null and expires_at > ?)"
                    + " from desk_lease group by volunteer order by volunteer")) {
                ps.setObject(1, time(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String v = rs.getString(1);
                        VolunteerRecord r = out.get(v);
                        out.put(v, r == null ? new VolunteerRecord(v, 0, 0, 0, 0, rs.getLong(2), null)
                                : new VolunteerRecord(v, r.entries(), r.pending(), r.decided(), r.disagreed(), rs.getLong(2), r.lastEntry()));
                    }
                }
            }
            return out.values().stream().sorted(java.util.Comparator.comparing(VolunteerRecord::volunteer)).toList();
        } catch (SQLException e) {
            throw Database.unavailable("read the volunteers' records", e);
        }
    }

    public Optional<Task> task(long id) {
        try (Connection c = database.connection()) {
            return task(c, id);
        } catch (SQLException e) {
            throw Database.unavailable("read desk task " + id, e);
        }
    }

    /** Up to {@code limit} tasks after id {@code afterId}, oldest first; {@code status} null for every status. */
    public List<Task> tasks(String status, long afterId, int limit) {
        return query("select " + TASK_COLUMNS + " from desk_task t where t.id > ? and (?::text is null or t.status = ?) order by t.id limit ?",
                ps -> {
                    ps.setLong(1, afterId);
                    ps.setString(2, status);
                    ps.setString(3, status);
                    ps.setInt(4, limit);
                });
    }

    /** How many tasks are in each status. */
    public Map<String, Long> counts() {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select status, count(*) from desk_task group by status");
             ResultSet rs = ps.executeQuery()) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (String s : List.of("open", "agreed", "unreadable", "stuck", "superseded")) {
                out.put(s, 0L);
            }
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw Database.unavailable("count desk tasks", e);
        }
    }

    /** Every entry of a task, voided ones included, in the order they were made. */
    public List<Entry> entries(long taskId) {
        try (Connection c = database.connection()) {
            return entries(c, taskId);
        } catch (SQLException e) {
            throw Database.unavailable("read the entries of desk task " + taskId, e);
        }
    }

    /** The photos of a table: decoded ones, and those the desk transcribed to it; oldest first. */
    public List<Long> tableImages(String table) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select s.id from image_submission s join evidence e on e.id = s.evidence_id"
                     + " where e.table_id = ? and s.web_sha256 is not null"
                     + " union select t.image_id from desk_task t join evidence e on e.id = t.evidence_id"
                     + " where t.kind = 'image' and e.table_id = ? order by 1")) {
            ps.setString(1, table);
            ps.setString(2, table);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Database.unavailable("find the photos of table " + table, e);
        }
    }

    private static List<Entry> entries(Connection c, long taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, task_id, volunteer, entered_at, reading, voided_at is not null"
                + " from desk_entry where task_id = ? order by id")) {
            ps.setLong(1, taskId);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant(),
                            rs.getString(5), rs.getBoolean(6)));
                }
            }
            return out;
        }
    }

    private static Optional<Task> task(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + TASK_COLUMNS + " from desk_task t where t.id = ?")) {
            ps.setLong(1, id);
            return tasks(ps).stream().findFirst();
        }
    }

    private static List<Task> tasks(PreparedStatement ps) throws SQLException {
        List<Task> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OffsetDateTime closed = rs.getObject(8, OffsetDateTime.class);
                out.add(new Task(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant(), closed == null ? null : closed.toInstant(),
                        (Long) rs.getObject(9), rs.getString(10)));
            }
        }
        return out;
    }

    private static boolean exists(Connection c, String sql, long taskId, String volunteer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setString(2, volunteer);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String doing, String sql, Binder binder) {
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Database.unavailable(doing, e);
        }
    }

    private List<Task> query(String sql, Binder binder) {
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return tasks(ps);
        } catch (SQLException e) {
            throw Database.unavailable("read desk tasks", e);
        }
    }

    private static OffsetDateTime time(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

}
