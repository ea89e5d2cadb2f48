-- Testigo's evidence store, schema version 4: the transparency log.
--
-- Every piece of evidence and every change of a table's state is also a leaf of an append-only Merkle
-- tree (RFC 9162 hashing; the tree itself is in the ledger module). The deployment signs checkpoints of
-- that tree (C2SP signed notes) and publishes them; anyone holding an earlier checkpoint can demand
-- proof that the log only grew. This schema keeps what the tree is built from and what was signed.
--
-- What this schema promises:
--  * The log is append-only and gap-free: positions are 0, 1, 2, … with no hole (a trigger checks that
--    each statement's new positions continue the last), and no row is ever changed or removed.
--  * Nothing is evidence without being in the log: each evidence row has exactly one log entry
--    (log_entry.evidence_id), checked when the transaction that wrote it commits.
--  * The database computes each leaf hash itself, SHA-256(0x00 ‖ entry), so a restart rebuilds exactly
--    the tree that was signed without trusting the application's arithmetic.
--  * Checkpoints are kept once per tree size, as the signed note text that was published.
create table log_entry (
    position    bigint      primary key check (position >= 0),
    -- One canonical JSON line (see org.testigo.ledger.LogEntry); tlog-tiles entry bundles cap an entry at 65,535 bytes.
    entry       bytea       not null check (length(entry) between 1 and 65535),
    leaf_hash   bytea       not null generated always as (pg_catalog.sha256('\x00'::bytea || entry)) stored,
    -- The evidence this entry records; null for entries about state changes.
    evidence_id bigint      unique references evidence (id),
    appended_at timestamptz not null default now()
);

-- Checked once per statement over the rows it added (a COPY of thousands of entries pays one check):
-- they must continue the log exactly where it ended, without holes (positions are unique already).
create function log_entry_follows_the_last() returns trigger language plpgsql as $$
declare
    first_new bigint;
    last_new  bigint;
    added_n   bigint;
    expected  bigint;
begin
    select min(position), max(position), count(*) into first_new, last_new, added_n from added;
    select coalesce(max(position) + 1, 0) into expected from log_entry where position < first_new;
    if first_new <> expected or last_new - first_new + 1 <> added_n then
        raise exception 'the transparency log has % entries; the next one is at position %, not %', expected, expected, first_new
            using errcode = 'integrity_constraint_violation';
    end if;
    return null;
end
$$;

create trigger log_entry_gap_free after insert on log_entry referencing new table as added
    for each statement execute function log_entry_follows_the_last();
create trigger log_entry_append_only before update or delete on log_entry
    for each row execute function refuse_change();
create trigger log_entry_not_truncated before truncate on log_entry
    for each statement execute function refuse_change();

-- Checked at commit, so evidence and its entry can be written in either order within the transaction.
create function evidence_is_logged() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from log_entry where evidence_id = new.id) then
        raise exception 'evidence % has no entry in the transparency log', new.id using errcode = 'integrity_constraint_violation';
    end if;
    return null;
end
$$;

create constraint trigger evidence_logged after insert on evidence deferrable initially deferred
    for each row execute function evidence_is_logged();

create table log_checkpoint (
    size      bigint      primary key check (size >= 0),
    -- The signed note exactly as published (origin, size, root hash, signature lines).
    note      text        not null,
    issued_at timestamptz not null default now()
);

create trigger log_checkpoint_append_only before update or delete on log_checkpoint
    for each row execute function refuse_change();
