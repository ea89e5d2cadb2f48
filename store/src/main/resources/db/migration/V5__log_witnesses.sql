-- Testigo's evidence store, schema version 5: witnesses and their cosignatures.
--
-- Independent witnesses check that each checkpoint of the transparency log extends the last one they
-- saw, and cosign it (C2SP tlog-cosignature/v1). The deployment keeps the cosignatures of the witnesses
-- it was told to trust and publishes them with its checkpoints, so a reader who trusts one witness need
-- not trust the deployment.
--
-- What this schema promises:
--  * A cosignature is kept only for a checkpoint the log issued (log_checkpoint) and a witness it trusts.
--  * One cosignature per witness and checkpoint, never changed or removed once kept.
create table log_witness (
    -- The witness's verifier key as published: <name>+<key id hex>+<base64 key>.
    verifier_key text        primary key check (length(verifier_key) between 1 and 512),
    name         text        not null,
    added_at     timestamptz not null default now()
);

create table log_cosignature (
    size           bigint      not null references log_checkpoint (size),
    witness        text        not null references log_witness (verifier_key),
    -- The signature line as the witness wrote it: "— <name> <base64(key id ‖ time ‖ signature)>".
    signature_line text        not null,
    -- The time the witness states it verified the checkpoint (inside its signature).
    cosigned_at    timestamptz not null,
    received_at    timestamptz not null default now(),
    primary key (size, witness)
);

create trigger log_cosignature_append_only before update or delete on log_cosignature
    for each row execute function refuse_change();
