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

    public record EvidenceRow(long id, String receivedAt, String channel, String submitter, String signature, String sha256) {
    }

    public record TablePage(Frame f, String id, List<Crumb> crumbs, String status, String statusLabel, String basis,
                            String explanation, String registered, List<VoteRow> candidates, List<VoteRow> cards,
                            String valid, String nullVotes, String blankVotes, boolean blankBallot, List<VersionBlock> versions,
                            List<EvidenceRow> evidence, String image, String thumbnail, String json) {
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
}
