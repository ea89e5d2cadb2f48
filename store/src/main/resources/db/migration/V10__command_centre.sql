-- Testigo's evidence store, schema version 10: the command centre.
--
-- Four things the field and the command centre need that are not evidence themselves:
--  * assignments: which witness token watches which table (a witness may submit only for the tables
--    assigned to them unless the coordinator allowed free submission, a deployment setting);
--  * the transcription desk: a task per photo nobody's software could read (or per conflicted table
--    with photos), the leases volunteers hold on them, and the entries they typed;
--  * the private text of incident reports: the incident itself is evidence (channel 'incident'), whose
--    content commits to the text by a salted SHA-256; the text stays here, for the command centre only,
--    because a witness's free text may name people or give phone numbers.
--
-- What this schema promises:
--  * Evidence stays append-only (version 1's triggers). The desk records what two volunteers agreed on
--    as ordinary evidence through the intake; these tables only track the work.
--  * A volunteer enters a task at most once, and is leased a task at most once (never the same task twice).
--  * An incident note is named by its commitment and never changes.

create table assignment (
    table_id    text        not null,
    -- The witness's token (its pseudonymous id is 'witness-<token>'); never a name.
    witness     bigint      not null references token (id),
    assigned_at timestamptz not null default now(),
    primary key (table_id, witness)
);
create index assignment_by_witness on assignment (witness, table_id);

-- Deployment settings changed at run time by a coordinator or an admin (e.g. free_submission).
create table deployment_setting (
    name       text        primary key check (name ~ '^[a-z][a-z0-9_]{0,63}$'),
    value      text        not null,
    updated_at timestamptz not null default now(),
    -- The pseudonymous id of who changed it (e.g. coordinator-3).
    updated_by text        not null
);

create table desk_task (
    id          bigserial   primary key,
    -- 'image': read a photo nobody's software could read; 'conflict': settle a conflicted table from its photos.
    kind        text        not null check (kind in ('image', 'conflict')),
    -- The photo to read (kind 'image').
    image_id    bigint      references image_submission (id),
    -- The conflicted table (kind 'conflict').
    table_id    text,
    status      text        not null default 'open' check (status in ('open', 'agreed', 'unreadable', 'stuck', 'superseded')),
    -- Entries needed before the task can be decided: 2, one more after each disagreement.
    needed      integer     not null default 2 check (needed between 2 and 5),
    created_at  timestamptz not null,
    closed_at   timestamptz,
    -- The evidence an agreement became (null for unreadable, stuck or superseded tasks).
    evidence_id bigint      references evidence (id),
    -- The reading agreed on (canonical JSON, as desk_entry.reading), once agreed or found unreadable.
    reading     text,
    -- A conflict task is made for the table's evidence up to this id; new evidence may make a new one.
    through_evidence bigint,
    constraint desk_task_subject check ((kind = 'image') = (image_id is not null) and (kind = 'conflict') = (table_id is not null))
);
-- One task per photo, ever; one open task per conflicted table.
create unique index desk_task_one_per_image on desk_task (image_id) where kind = 'image';
create unique index desk_task_one_open_conflict on desk_task (table_id) where kind = 'conflict' and status = 'open';
create index desk_task_open on desk_task (id) where status = 'open';

create table desk_lease (
    task_id   bigint      not null references desk_task (id),
    -- The volunteer's pseudonymous id (e.g. volunteer-12).
    volunteer text        not null check (length(volunteer) between 1 and 200),
    leased_at timestamptz not null,
    -- After this the slot returns to the queue (not to this volunteer: never the same task twice).
    expires_at timestamptz not null,
    -- Set when the volunteer entered the task or gave it back, or a coordinator re-queued it.
    ended_at  timestamptz,
    primary key (task_id, volunteer)
);
create index desk_lease_by_volunteer on desk_lease (volunteer) where ended_at is null;

create table desk_entry (
    id         bigserial   primary key,
    task_id    bigint      not null references desk_task (id),
    volunteer  text        not null check (length(volunteer) between 1 and 200),
    entered_at timestamptz not null,
    -- The reading as canonical JSON (org.testigo.desk.Reading): equal text means the same reading.
    reading    text        not null,
    -- Set when a coordinator re-queued this volunteer's unconfirmed work: the entry no longer counts.
    voided_at  timestamptz,
    unique (task_id, volunteer)
);
create index desk_entry_by_volunteer on desk_entry (volunteer);

create table incident_note (
    -- SHA-256 of salt ‖ UTF-8 text: what the incident's evidence content names.
    commitment bytea       primary key check (length(commitment) = 32),
    salt       bytea       not null check (length(salt) = 16),
    text       text        not null check (length(text) between 1 and 2000),
    stored_at  timestamptz not null default now()
);

create trigger incident_note_append_only before update or delete on incident_note
    for each row execute function refuse_change();
