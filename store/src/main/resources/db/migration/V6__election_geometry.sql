-- Testigo's evidence store, schema version 6: the shapes of the election's places, and public images by hash.
--
--  * election.geometry: the text of the election package's optional geometry.geojson
--    (docs/election-package.md §7), exactly as the package writer writes it, read back by the package's
--    reader; null when the election has none. Kept with the election, so a deployment draws its map
--    from what it stores, like everything else. A refreshed election (same id, changed package) drops it:
--    its shapes may name places the new geography no longer has; loading the package sets it again.
--  * The public site serves an acta's derivatives by their own hash (/images/{sha256}.web.jpg): these
--    partial indexes answer "is this blob a published derivative?" without scanning the submissions.
alter table election add column geometry text;

create index image_submission_by_web on image_submission (web_sha256) where web_sha256 is not null;
create index image_submission_by_thumbnail on image_submission (thumbnail_sha256) where thumbnail_sha256 is not null;
