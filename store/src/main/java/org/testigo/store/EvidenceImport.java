package org.testigo.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Bulk import of evidence inside the caller's transaction: COPY every draft into a temporary staging
 * table, then move blobs and evidence into place with {@code INSERT … SELECT … ON CONFLICT DO NOTHING},
 * so that re-running an import adds nothing. COPY is what makes a million rows take seconds rather
 * than minutes; the staging step is what lets it stay idempotent (COPY itself has no ON CONFLICT).
 */
final class EvidenceImport {
    private EvidenceImport() {
    }

    private static final String STAGING = """
            create temporary table evidence_import (
                ord bigint, sha bytea, media_type text, bytes bytea, channel text, submitter text, format text,
                received_at timestamptz, tally_format text, table_id text, acta_id text, candidates integer[],
                cards integer[], null_votes integer, blank_votes integer, counters jsonb, verdict text, reason text, checks jsonb
            ) on commit drop""";

    private static final String COPY = "copy evidence_import (ord, sha, media_type, bytes, channel, submitter, format, received_at,"
            + " tally_format, table_id, acta_id, candidates, cards, null_votes, blank_votes, counters, verdict, reason, checks)"
            + " from stdin (format csv)";

    private static final String MOVE_BLOBS = """
            insert into blob (sha256, media_type, size, bytes)
            select distinct on (sha) sha, media_type, length(bytes), bytes from evidence_import order by sha, ord
            on conflict (sha256) do nothing""";

    private static final String MOVE_EVIDENCE = """
            insert into evidence (content_sha256, channel, submitter, format, received_at, tally_format, table_id, acta_id,
                                  candidates, cards, null_votes, blank_votes, counters, verdict, reason, checks)
            select sha, channel, submitter, format, received_at, tally_format, table_id, acta_id,
                   candidates, cards, null_votes, blank_votes, counters, verdict, reason, checks
            from evidence_import order by ord
            on conflict (channel, submitter, content_sha256) do nothing""";

    /** Stages and moves {@code drafts}; returns the number of evidence rows added. */
    static long run(Connection c, List<EvidenceDraft> drafts) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(STAGING);
        }
        try (CopyRows rows = CopyRows.open(c, COPY)) {
            long ord = 0;
            for (EvidenceDraft d : drafts) {
                byte[] content = d.contentBytes();
                rows.number(ord++)
                        .bytes(EvidenceRows.sha256(content))
                        .text(d.mediaType())
                        .bytes(content)
                        .text(d.channel().name())
                        .text(d.submitter())
                        .text(d.format())
                        .text(d.receivedAt().toString())
                        .text(d.tally().format())
                        .text(d.tally().table().value())
                        .text(d.tally().actaId())
                        .intArray(d.tally().candidates().toArray())
                        .intArray(d.tally().cards().toArray())
                        .number(d.tally().nullVotes())
                        .number(d.tally().blankVotes())
                        .text(EvidenceRows.countersJson(d.tally().counters()))
                        .text(d.verification().signature().name())
                        .text(d.verification().reason())
                        .text(EvidenceRows.checksJson(d.verification().checks()));
                rows.endRow();
            }
            rows.finish();
        }
        try (Statement s = c.createStatement()) {
            // The planner knows nothing of a fresh temporary table; with statistics it sorts sensibly.
            s.execute("analyze evidence_import");
            s.executeUpdate(MOVE_BLOBS);
            return s.executeUpdate(MOVE_EVIDENCE);
        }
    }
}
