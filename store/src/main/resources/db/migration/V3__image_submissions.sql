-- Testigo's evidence store, schema version 3: acta photos and scans.
--
-- A witness may send a photo of the acta instead of (or with) its QR text. The photo is received at
-- once and decoded later, on a bounded pool of workers, so the submission is a job with a status:
--
--   decoding ──► decoded              the QR codes gave a tally: it is evidence (channel 'image')
--            ├─► needs-transcription  the image loaded but gave no tally: a person must read it
--            └─► rejected             the file is not a decodable image (truncated, corrupt…),
--                                     or its tally cannot count (unknown table, forged signature)
--
-- What this schema promises:
--  * The original bytes are kept as they came, content-addressed in blob (media type as sniffed from
--    the bytes). They are sealed: no route publishes an original, because a phone's photo may carry
--    the GPS position of the person who took it. Only the re-encoded, metadata-free derivatives (a
--    web-size copy and a thumbnail, image/jpeg blobs) are ever shown.
--  * A retry is not a new job: (submitter, image) is unique, so the same photo sent again by the same
--    submitter finds the first submission and its status.
--  * Evidence and blobs stay append-only (the triggers of version 1 still apply). The job row is the one
--    thing that changes, and only in one direction: its status moves once, from 'decoding' to a final
--    status, filling in what the decoding found; its identity (image, submitter, time) never changes.
--    A trigger enforces both. The evidence a decoded image produced is an ordinary evidence row whose
--    content is the image itself (content_sha256 = image_sha256), so the evidence log alone still says
--    everything that counts, and a restart rebuilds the state from it without this table.
--  * The jobs still 'decoding' are the work queue: a process that stops (or is killed) leaves them there
--    and the next one resumes them. Decoding is deterministic and appending evidence is idempotent, so
--    a job decoded twice (a crash between the evidence and the status update) records one piece of
--    evidence.
create table image_submission (
    id               bigserial   primary key,
    image_sha256     bytea       not null references blob (sha256),
    -- A pseudonym (role and token number), as in evidence.
    submitter        text        not null check (length(submitter) between 1 and 200),
    -- The tally format the submitter claimed; null for the election's own.
    format           text        check (length(format) between 1 and 64),
    received_at      timestamptz not null,
    status           text        not null default 'decoding'
                                 check (status in ('decoding', 'decoded', 'needs-transcription', 'rejected')),
    -- Why the image needs a person or was rejected, in words; null while decoding and once decoded.
    reason           text,
    -- A stable code for the reason (e.g. truncated, no-qr-code, unknown-table); see docs/api.md.
    reason_code      text,
    -- The QR texts found in the image, in the order the decoder returned them (empty: none found).
    payloads         text[]      not null default '{}',
    -- Which decoding strategy found them, and how long the decoding took.
    strategy         text,
    decode_ms        integer     check (decode_ms >= 0),
    -- The evidence the image became, once decoded.
    evidence_id      bigint      references evidence (id),
    -- QR text sent with the image, if any, became this evidence at once (channel 'qr').
    text_evidence_id bigint      references evidence (id),
    -- The public faces of the image (image/jpeg blobs without metadata); null until decoded or when the
    -- image could not be loaded at all.
    web_sha256       bytea       references blob (sha256),
    thumbnail_sha256 bytea       references blob (sha256),
    -- When the status last changed (the database's clock).
    updated_at       timestamptz not null default now(),

    constraint image_submission_once_per_submitter unique (submitter, image_sha256),
    constraint image_submission_decoded_has_evidence check ((status = 'decoded') = (evidence_id is not null)),
    constraint image_submission_final_has_reason
        check (status in ('decoding', 'decoded') or (reason is not null and reason_code is not null))
);

-- The work queue, and the transcription list: both small partial indexes over a table that grows.
create index image_submission_decoding on image_submission (id) where status = 'decoding';
create index image_submission_needs_transcription on image_submission (id) where status = 'needs-transcription';
-- "Is this image already in?" (testigo ingest, by hash whoever sent it).
create index image_submission_by_image on image_submission (image_sha256);

create function image_submission_moves_once() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'image_submission rows are never deleted' using errcode = 'restrict_violation';
    end if;
    if new.id <> old.id or new.image_sha256 <> old.image_sha256 or new.submitter <> old.submitter
            or new.received_at <> old.received_at or new.format is distinct from old.format
            or new.text_evidence_id is distinct from old.text_evidence_id then
        raise exception 'image_submission %: the image, submitter, format and time of a submission never change', old.id
            using errcode = 'restrict_violation';
    end if;
    if old.status <> 'decoding' then
        raise exception 'image_submission % is % already: a final status never changes', old.id, old.status
            using errcode = 'restrict_violation';
    end if;
    new.updated_at := now();
    return new;
end
$$;

create trigger image_submission_status_moves_once before update or delete on image_submission
    for each row execute function image_submission_moves_once();
create trigger image_submission_not_truncated before truncate on image_submission
    for each statement execute function refuse_change();
