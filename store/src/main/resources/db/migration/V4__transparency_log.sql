-- Testigo's evidence store, schema version 4: the transparency log.
--
-- Every piece of evidence and every change of a table's state is also a leaf of an append-only Merkle
-- tree (RFC 9162 hashing; the tree itself is in the ledger module). The deployment signs checkpoints of
-- that tree (C2SP signed notes) and publishes them; anyone holding an earlier checkpoint can demand
-- proof that the log only grew. This schema keeps what the tree is built from and what was signed.
--
-- What this schema promises:
--  * The log is append-only and gap-free: positions are 0, 1, 2, … with no hole (a trigger checks each
--    new position against the last), and no row is ever changed or removed.
--  * The database computes each leaf hash itself, SHA-256(0x00 ‖ entry), so a restart rebuilds exactly
--    the tree that was signed without trusting the application's arithmetic.
--  * Checkpoints are kept once per tree size, as the signed note text that was published.
create table log_entry (
    position    bigint      primary key check (position >= 0),
    -- One canonical JSON line (see org.testigo.ledger.LogEntry); tlog-tiles entry bundles cap an entry at 65,535 bytes.
    entry       bytea       not null check (length(entry) between 1 and 65535),
    leaf_hash   bytea       not null generated always as (pg_catalog.sha256('\x00'::bytea || entry)) stored,
    appended_at timestamptz not null default now()
);

create function log_entry_follows_the_last() returns trigger language plpgsql as $$
declare
    expected bigint;
begin
    select coalesce(max(position) + 1, 0) into expected from log_entry;
    if new.position <> expected then
        raise exception 'the transparency log has % entries; the next one is at position %, not %', expected, expected, new.position
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end
$$;

create trigger log_entry_gap_free before insert on log_entry
    for each row execute function log_entry_follows_the_last();
create trigger log_entry_append_only before update or delete on log_entry
    for each row execute function refuse_change();
create trigger log_entry_not_truncated before truncate on log_entry
    for each statement execute function refuse_change();

create table log_checkpoint (
    size      bigint      primary key check (size >= 0),
    -- The signed note exactly as published (origin, size, root hash, signature lines).
    note      text        not null,
    issued_at timestamptz not null default now()
);

create trigger log_checkpoint_append_only before update or delete on log_checkpoint
    for each row execute function refuse_change();
