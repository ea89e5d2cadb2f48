package org.testigo.site;

import java.util.List;
import org.testigo.totals.CandidateVotes;
import org.testigo.totals.NodeTotals;

/** The data each page template shows: plain records, filled by {@link Site}, formatted by the templates. */
public final class Models {
    private Models() {
    }

    /** One step of the way down from the nation: a link and a name. */
    public record Crumb(String href, String name) {
    }

    /** One row of a drill-down table: a place or a table below the page's node. */
    public record ChildRow(String href, String name, long counted, long expected, double coverage, long valid,
                           String leader, double leaderShare, String status) {
    }

    /** A node's numbers, with its candidates from most to fewest votes. */
    public record Summary(NodeTotals totals, List<CandidateVotes> ranked, String leaderName, String runnerUpName,
                          String certainty) {
    }

    /** One official figure beside what was collected. */
    public record FigureRow(String item, String official, String collected) {
    }

    public record Bulletin(String id, String announced, String note, List<FigureRow> figures) {
    }

    public record HomePage(Frame f, Summary nation, String chart, String lastUpdate, List<Bulletin> bulletins,
                           List<ChildRow> children, String childLevel, boolean map) {
    }

    public record MapPage(Frame f, String svg, List<Legend> legend, List<ChildRow> children, String childLevel) {
    }

    /** A colour of the map: a candidate's, or a share step. */
    public record Legend(String colour, String label, String opacity) {
    }

    public record PlacePage(Frame f, String code, String level, List<Crumb> crumbs, Summary summary, String chart,
                            List<ChildRow> children, String childLevel, List<ChildRow> tables, String json) {
    }

    public record VoteRow(String name, String votes) {
    }

    public record VersionBlock(int number, long independentCopies, List<VoteRow> candidates, String nullVotes, String blankVotes) {
    }

    /** @param json the link to the evidence's own document ({@code api/v1/evidence/<id>.json}) */
    public record EvidenceRow(long id, String receivedAt, String channel, String submitter, String signature, String sha256,
                              String json) {
    }

    public record TablePage(Frame f, String id, List<Crumb> crumbs, String status, String statusLabel, String basis,
                            String explanation, String registered, List<VoteRow> candidates, List<VoteRow> cards,
                            String valid, String nullVotes, String blankVotes, boolean blankBallot, List<VersionBlock> versions,
                            List<EvidenceRow> evidence, String image, String thumbnail, String json,
                            List<IncidentRow> incidents) {
    }

    /** Trouble a witness reported at the table: its kind and time only (the free text stays with the command centre). */
    public record IncidentRow(String type, String at) {
    }

    public record FindPage(Frame f, String action, String error) {
    }

    public record VerifyPage(Frame f, String action) {
    }

    /**
     * Find my table on a static mirror.
     *
     * @param roll where the roll's shards are, relative to the page ({@code ./roll/}); null when the mirror has none
     * @param tables where the table pages of the page's language are, relative to the page ({@code ./table/})
     * @param script the lookup script ({@code find-mirror.js}), relative to the page
     */
    public record MirrorFindPage(Frame f, String roll, String tables, String script) {
    }

    /** Verify my acta on a static mirror: nothing there can receive an upload. */
    public record MirrorVerifyPage(Frame f) {
    }

    /** One published file, or a folder of many summed up. */
    public record DownloadRow(String href, String name, String size, String sha256, long files) {
    }

    public record DownloadsPage(Frame f, boolean published, List<DownloadRow> files, String sums) {
    }

    /** One number of a checked acta beside the published one; {@code differs} marks the engine's differences. */
    public record CompareRow(String name, String acta, String published, boolean differs) {
    }

    /** Why an acta could not be checked, in the decoder's own (English) words. */
    public record IssueRow(String code, String field, String message) {
    }

    /**
     * The answer to "verify my acta". {@code outcome} is the API's label ({@code match}, {@code mismatch},
     * {@code not-yet-published}, {@code unreadable}, {@code invalid}); {@code published} is false when only
     * the acta's numbers are shown.
     */
    public record VerifyResultPage(Frame f, String outcome, String heading, String lead, String table, String tableHref,
                                   String tableStatus, boolean published, List<CompareRow> rows, long differences,
                                   List<IssueRow> problems, List<String> payloads, Long evidenceId, String evidenceHref,
                                   boolean duplicate, Long imageId, String again) {
    }

    /** A refused form (4xx, or 503 when busy): what happened in the page's language, and the server's precise words. */
    public record RefusalPage(Frame f, int status, String heading, String message, String code, String retry, String again) {
    }

    // ---- the quick count

    /**
     * @param sampled whether a sample is committed (without one, the page says so and shows nothing else)
     * @param live the JSON the page's script watches to know when to refresh itself
     */
    public record QuickCountPage(Frame f, boolean sampled, String chart, List<ShareRow> shares, String reported, String lead,
                                 String turnout, List<TimeRow> times, List<StratumRow> strata, List<String> warnings,
                                 String release, SampleBlock sample, Comparisons comparisons, String live, String script) {
    }

    /** One candidate's estimated share and its margins, formatted. */
    public record ShareRow(String name, String share, String margin95, String margin99) {
    }

    /** The turnout phoned in at one time of day. */
    public record TimeRow(String at, String reported, String turnout, String margin95) {
    }

    /** Retrieval in one stratum. */
    public record StratumRow(String code, String name, String tables, String sampled, String reported, String rate, boolean low) {
    }

    /**
     * The sample's public commitment; after the reveal its seed, a link to the list and the command that
     * draws it again.
     */
    public record SampleBlock(String commitment, String strata, String size, String times, String drawnAt, boolean revealed,
                              String revealedAt, String seed, String list, String check) {
    }

    public record Comparisons(String agreements, String disagreements, String awaiting, List<ComparisonRow> rows) {
    }

    /** A sampled table's phoned-in result beside its acta; {@code differences} says what differs, "" when they agree. */
    public record ComparisonRow(String href, String table, boolean agrees, String differences) {
    }

    // ---- the audit

    /** @param audited whether any tally is accepted (without one there is nothing to audit) */
    public record AuditPage(Frame f, boolean audited, String coverage, List<String> standsOut, String falsePositives,
                            String caveat, List<CheckRow> checks, List<FlagRow> flags, String moreFlags, List<TestRow> tests,
                            List<String> testCaveats, List<FingerprintBox> fingerprints, String fingerprintCaveat,
                            List<ExcessRow> excess, String excessCaveat, String outliers, String outlierCaveat,
                            List<RankedRow> ranked, List<OfficialBlock> bulletins, String certainty, List<FindingRow> findings,
                            List<String> findingCaveats, String json) {
    }

    public record CheckRow(String label, String kind, String tables, boolean found) {
    }

    public record FlagRow(String href, String table, String check, String detail) {
    }

    public record TestRow(String test, String subject, String n, String statistic, String reference, String band,
                          String pValue, boolean deviates) {
    }

    /** A fingerprint drawn as inline SVG (presentation attributes only), with its caption. */
    public record FingerprintBox(String svg, String name, String tables, String correlation, String corner, boolean nation) {
    }

    public record ExcessRow(String candidate, String mode, String ratio, String votes, String share, String above) {
    }

    public record RankedRow(int rank, String href, String table, String place, String peers, String turnout, String share,
                            String zTurnout, String zShare, String score, boolean outlier, String checks) {
    }

    public record OfficialBlock(String id, String announced, List<OfficialRow> rows) {
    }

    public record OfficialRow(String item, String official, String collected, String difference) {
    }

    public record FindingRow(String bulletin, String item, String finding, String detail, String chance) {
    }
}
