-- Testigo's evidence store, schema version 2: the election's description is kept in the election
-- package's own encoding.
--
-- Version 1 kept the election's description (ballot, format and options, levels, expected sizes,
-- official bulletins) in election.manifest as a jsonb document of the store's own design: a second
-- encoding of what the package's election.json and official.csv already say (docs/election-package.md),
-- bound to drift from it. From version 2 the row holds those two files' text, exactly as the package
-- writer writes them (ElectionPackage.describe), and is read back by the package's reader:
--  * manifest: the text of election.json. Text, not jsonb: jsonb reorders members, and election.json
--    must begin with "format".
--  * official: the text of official.csv (its header only when there are no bulletins).
-- The fingerprint is now taken over these two texts, the nodes and the tables.
--
-- A version 1 row cannot be turned into package files here, and no deployment holds one (schema 2
-- came before the first): a database that already holds an election is refused, and this migration
-- changes nothing in it. Load the election package into a new database (or data directory) instead.
do $$
declare
    held text;
begin
    select id into held from election;
    if found then
        raise exception 'this database holds election ''%'' saved by a Testigo of schema version 1, whose description '
            'cannot be converted to schema version 2: load the election package into a new database or data directory', held
            using errcode = 'object_not_in_prerequisite_state';
    end if;
end
$$;

alter table election
    alter column manifest type text using manifest::text,
    add column official text not null;
