-- Testigo's evidence store, schema version 7: the quick-count sample.
--
-- Before election day the quick-count team draws a sample of tables from a seed and publishes its
-- commitment (the SHA-256 of the sample document, see org.testigo.analysis.sample.Sample). The
-- deployment keeps the document so that witness check-ins know which tables are sampled, and so that
-- the sample cannot be changed once committed.
--
-- What this schema promises:
--  * At most one sample per database (one election per database).
--  * The document, its commitment, the turnout times and the drawing time never change. The one thing
--    that may change is revealed_at, once, from null to a time: when the seed and the list are published.
create table quick_count_sample (
    id            integer     primary key default 1 check (id = 1),
    -- The committed document exactly (UTF-8 text), and its SHA-256, which the database computes itself.
    document      bytea       not null check (length(document) between 1 and 16777216),
    commitment    bytea       not null generated always as (pg_catalog.sha256(document)) stored,
    -- The times of day at which witnesses phone in turnout, as HH:MM separated by commas.
    turnout_times text        not null check (turnout_times ~ '^([01][0-9]|2[0-3]):[0-5][0-9](,([01][0-9]|2[0-3]):[0-5][0-9]){0,23}$'),
    drawn_at      timestamptz not null default now(),
    revealed_at   timestamptz
);

create function quick_count_sample_reveals_once() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'the quick-count sample is never deleted' using errcode = 'restrict_violation';
    end if;
    if new.document <> old.document or new.turnout_times <> old.turnout_times or new.drawn_at <> old.drawn_at then
        raise exception 'the quick-count sample is committed: its document and turnout times never change'
            using errcode = 'restrict_violation';
    end if;
    if old.revealed_at is not null and new.revealed_at is distinct from old.revealed_at then
        raise exception 'the quick-count sample was revealed already' using errcode = 'restrict_violation';
    end if;
    return new;
end
$$;

create trigger quick_count_sample_committed before update or delete on quick_count_sample
    for each row execute function quick_count_sample_reveals_once();
create trigger quick_count_sample_not_truncated before truncate on quick_count_sample
    for each statement execute function refuse_change();
