-- Testigo's evidence store, schema version 1.
--
-- What this schema promises:
--  * One database holds one election (the election table has at most one row), so evidence can never be
--    counted against the wrong election.
--  * Evidence is append-only and content-addressed: each submission points at the SHA-256 of the bytes
--    that were sent, the database checks that the hash matches the bytes, and triggers refuse UPDATE,
--    DELETE and TRUNCATE on evidence and blobs. Corrections are new rows, never edits.
--  * A retry is not new evidence: (channel, submitter, content) is unique, so the same submission sent
--    again by the same submitter finds the first copy.
--  * Nothing secret is stored: tokens are kept as their SHA-256 only.
--
-- Identifiers from the election package (node codes, table ids) are kept as the package spells them, as
-- text: they are what people read on the acta and type into a search box.

-- The election this database counts. The package's description (ballot, format and its options,
-- levels, official bulletins, expected sizes) is one jsonb document: it is read whole at start-up and
-- never queried piecemeal, and keeping it as a document lets the package format grow without
-- migrations. The geography, which other queries join against, gets real tables below.
create table election (
    -- Always true: the primary key on a constant column allows exactly one row.
    singleton   boolean primary key default true check (singleton),
    id          text        not null,
    name        text        not null,
    manifest    jsonb       not null,
    -- SHA-256 over the manifest, the nodes and the tables, in order: saving the same election again
    -- is a no-op, saving a changed package with the same id refreshes it.
    fingerprint bytea       not null check (length(fingerprint) = 32),
    loaded_at   timestamptz not null default now()
);

-- The geography tree without its root: the nation is implicit (parent null).
-- position keeps the package's order, which fixes the dense indices the read model uses.
-- The constraints are named because ElectionStore drops them while it COPYs a geography in and adds
-- them back afterwards: building the indexes and checking the foreign keys once, over the whole
-- table, is about four times faster than maintaining them row by row (a million tables: ~2 s, not ~20 s).
create table geo_node (
    code     text     not null,
    parent   text,
    level    smallint not null check (level >= 0),
    name     text     not null,
    position integer  not null,
    constraint geo_node_pk primary key (code),
    constraint geo_node_position_unique unique (position),
    constraint geo_node_parent_fk foreign key (parent) references geo_node (code)
);

create table polling_table (
    table_id   text    not null,
    node       text    not null,
    -- null: the package does not say how many voters the table has.
    registered integer check (registered >= 0),
    position   integer not null,
    constraint polling_table_pk primary key (table_id),
    constraint polling_table_position_unique unique (position),
    constraint polling_table_node_fk foreign key (node) references geo_node (code)
);

-- Content-addressed bytes: what a witness actually sent (QR text today, images later).
-- The bytes live here (bytes) or, for large images, elsewhere under location (a content-addressed
-- folder or bucket key; reserved, not written by this version). Either way sha256 names the content.
create table blob (
    sha256     bytea  primary key check (length(sha256) = 32),
    media_type text   not null,
    size       bigint not null check (size >= 0),
    bytes      bytea,
    location   text,
    constraint blob_stored_somewhere check (bytes is not null or location is not null),
    constraint blob_size_matches check (bytes is null or length(bytes) = size),
    -- The database itself refuses a blob whose name is not the hash of its bytes.
    constraint blob_named_by_its_sha256 check (bytes is null or pg_catalog.sha256(bytes) = sha256)
);

-- One row per piece of evidence, with what its tally format made of it at the time.
create table evidence (
    id             bigserial   primary key,
    content_sha256 bytea       not null references blob (sha256),
    channel        text        not null check (channel ~ '^[a-z][a-z0-9-]{0,31}$'),
    -- A pseudonym, never a name or a phone number: volunteers have been hunted through what they sent.
    submitter      text        not null check (length(submitter) between 1 and 200),
    format         text        not null check (length(format) between 1 and 64),
    -- When the submission reached Testigo (the application's clock; microsecond precision).
    received_at    timestamptz not null,
    -- When this row was written (the database's clock), so an import of old evidence stays visible as such.
    stored_at      timestamptz not null default now(),

    -- The tally as decoded. table_id has no foreign key to polling_table on purpose: evidence for a
    -- table the package does not list is still evidence, and must be kept.
    tally_format   text        not null,
    table_id       text        not null,
    acta_id        text        not null,
    candidates     integer[]   not null,
    cards          integer[]   not null,
    null_votes     integer     not null check (null_votes >= 0),
    blank_votes    integer     not null check (blank_votes >= 0),
    counters       jsonb       not null,

    -- How far the tally can be trusted on its own.
    verdict        text        not null check (verdict in ('VALID', 'INVALID', 'NOT_VERIFIABLE')),
    reason         text        not null,
    checks         jsonb       not null,

    constraint evidence_once_per_submitter unique (channel, submitter, content_sha256)
);

-- Every copy of one table's acta, in arrival order (consolidation and the public table page).
create index evidence_by_table on evidence (table_id, id);

-- Evidence and blobs are never changed in place.
create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'restrict_violation';
end
$$;

create trigger evidence_append_only before update or delete on evidence
    for each row execute function refuse_change();
create trigger evidence_not_truncated before truncate on evidence
    for each statement execute function refuse_change();
create trigger blob_append_only before update or delete on blob
    for each row execute function refuse_change();
create trigger blob_not_truncated before truncate on blob
    for each statement execute function refuse_change();

-- Bearer tokens for witnesses, volunteers, coordinators and admins. A token is 256 random bits, so
-- its SHA-256 is as good as a slow password hash here and lets authentication be one index lookup.
create table token (
    id         bigserial   primary key,
    sha256     bytea       not null unique check (length(sha256) = 32),
    role       text        not null check (role in ('witness', 'volunteer', 'coordinator', 'admin')),
    -- A pseudonym chosen by whoever hands out the token.
    name       text        not null check (length(name) between 1 and 200),
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
