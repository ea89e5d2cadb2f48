package org.testigo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.analysis.quickcount.QuickCount;
import org.testigo.analysis.quickcount.QuickCountReport.CandidateShare;
import org.testigo.analysis.sample.Sample;
import org.testigo.analysis.sample.SampleDraw;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.intake.Submission;
import org.testigo.quickcount.CheckIn;
import org.testigo.quickcount.CheckInOutcome;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;
import org.testigo.views.Json;
import org.testigo.views.QuickCountView;

/**
 * The quick-count page of a synthetic election (hostile names included): a committed sample of 120 tables,
 * every one phoned in (one of them wrongly), turnout at 10:00 from half of them, and the actas of the
 * first eight. The shares the page shows are checked against the stratified ratio estimate computed here
 * by hand from the phoned-in numbers.
 */
class QuickCountPageTest {
    static final int SIZE = 120;
    static SyntheticElection synth;
    static Election election;
    static Deployment deployment;
    static Site site;
    static Sample sample;
    static String before;
    static long versionBefore;
    static String wrongTable;
    static Map<Integer, long[]> phoned = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        synth = SyntheticElection.generate(SynthSpec.of(300, 31));
        election = SyntheticSiteTest.hostile(synth.election());
        deployment = Deployment.open(Database.open(TestPostgres.freshDatabase()), SyntheticSiteTest.CLOCK);
        deployment.load(election);
        site = Site.of(deployment);
        before = page("quickcount.html");
        sample = SampleDraw.draw(election, SIZE, null, "quick <count> & 'seed'");
        deployment.commitSample(sample, QuickCount.DEFAULT_TURNOUT_TIMES);
        versionBefore = site.version();
        Geography geo = election.geography();
        int n = 0;
        for (var id : sample.tables()) {
            int index = geo.tableIndex(id).orElseThrow();
            SyntheticTable t = synth.table(index);
            Map<String, Long> votes = new LinkedHashMap<>();
            long[] v = new long[election.ballot().candidates().size()];
            for (int c = 0; c < v.length; c++) {
                v[c] = t.candidates().get(c) + (n == 0 && c == 1 ? 5 : 0); // the first one phones in five votes too many
                votes.put(election.ballot().candidates().get(c).id(), v[c]);
            }
            if (n == 0) {
                wrongTable = id.value();
            }
            phoned.put(index, v);
            assertThat(deployment.checkIns().record(new CheckIn.Result(id, votes, t.nullVotes(), 0), "witness-" + n).get())
                    .isInstanceOf(CheckInOutcome.Accepted.class);
            if (n % 2 == 0) {
                deployment.checkIns().record(new CheckIn.Turnout(id, LocalTime.of(10, 0), t.cast() / 3), "witness-" + n).get();
            }
            if (n < 8) {
                deployment.requireRunning().intake().submit(new Submission(null, List.of(t.payload()), Channel.QR, "witness-" + n)).join();
            }
            n++;
        }
    }

    @AfterAll
    static void stop() {
        deployment.close();
    }

    static String page(String path) {
        return SiteFiles.text(site.render(path).orElseThrow(() -> new AssertionError("no page " + path)));
    }

    static QuickCountView view() {
        return deployment.quickCount().orElseThrow().view(deployment.requireRunning().state());
    }

    @Test
    void withoutASampleThePageSaysSo() {
        assertThat(before).contains("No se ha sorteado una muestra").doesNotContain("id=\"live\"");
    }

    @Test
    void checkInsMoveTheSitesVersionThoughTheStateStaysPut() {
        long v = site.version();
        assertThat(v).isNotEqualTo(versionBefore);
        assertThat(site.version()).isEqualTo(v);
    }

    @Test
    void theSharesAreTheStratifiedRatioEstimateOfWhatWasPhonedIn() {
        // By hand: strata are the states; each sampled table weighs N_h / n_h (all sampled tables reported).
        Geography geo = election.geography();
        Map<Integer, Integer> population = new HashMap<>();
        Map<Integer, Integer> sampled = new HashMap<>();
        for (int t = 0; t < geo.tableCount(); t++) {
            population.merge(state(geo, t), 1, Integer::sum);
        }
        phoned.keySet().forEach(t -> sampled.merge(state(geo, t), 1, Integer::sum));
        int k = election.ballot().candidates().size();
        double[] weighted = new double[k];
        double valid = 0;
        for (var e : phoned.entrySet()) {
            int h = state(geo, e.getKey());
            double w = (double) population.get(h) / sampled.get(h);
            for (int c = 0; c < k; c++) {
                weighted[c] += w * e.getValue()[c];
                valid += w * e.getValue()[c];
            }
        }
        QuickCountView view = view();
        String es = page("quickcount.html");
        String en = page("en/quickcount.html");
        Numbers nes = new Numbers(Language.ES);
        Numbers nen = new Numbers(Language.EN);
        for (CandidateShare s : view.estimate().candidates()) {
            int c = election.ballot().candidateIndex(s.id());
            assertThat(s.share().value()).as(s.id()).isCloseTo(weighted[c] / valid, org.assertj.core.data.Offset.offset(1e-12));
            String row = "<td class=\"n\">" + nes.percent(weighted[c] / valid) + "</td><td class=\"n\">± "
                    + nes.decimal(100 * s.share().margin95(), 2) + "</td><td class=\"n\">± " + nes.decimal(100 * s.share().margin99(), 2) + "</td>";
            assertThat(es).contains(row);
            assertThat(en).contains(nen.percent(weighted[c] / valid)).contains("± " + nen.decimal(100 * s.share().margin99(), 2));
        }
        assertThat(es).contains(nes.count(SIZE) + " de " + nes.count(SIZE) + " (100,00 %)");
        assertThat(es).contains(view.estimate().release().es().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        assertThat(view.estimate().candidates().get(1).share().margin95()).as("a real margin").isGreaterThan(0.001);
        assertThat(en).contains("<html lang=\"en\">").contains("Quick count").contains("Turnout by time of day").contains("10:00");
    }

    private static int state(Geography geo, int table) {
        int node = geo.tableNode(table);
        while (geo.parent(node) > 0) {
            node = geo.parent(node);
        }
        return node;
    }

    @Test
    void thePhonedInResultThatDiffersFromItsActaIsShownAndLinked() {
        QuickCountView view = view();
        assertThat(view.agreements()).isEqualTo(7);
        assertThat(view.disagreements()).isEqualTo(1);
        String es = page("quickcount.html");
        assertThat(es).contains("7 mesas de la muestra reportaron el mismo resultado que su acta, 1 uno distinto; 112 reportaron");
        String link = "<a href=\"" + "./" + Frame.encode("table/" + wrongTable + ".html") + "\">" + wrongTable + "</a></td><td>Distinto</td>";
        assertThat(es).contains(link);
    }

    @Test
    void theCommitmentIsShownAndTheSeedOnlyAfterTheReveal() throws Exception {
        String es = page("quickcount.html");
        assertThat(es).contains(sample.commitment()).doesNotContain("quick &lt;count&gt;").contains("siguen selladas");
        assertThat(site.documents()).contains("api/v1/quickcount.json").doesNotContain(QuickCountPages.SAMPLE_LIST);
        assertThat(site.render(QuickCountPages.SAMPLE_LIST)).isEmpty();
        long v = site.version();
        deployment.revealSample();
        assertThat(site.version()).isNotEqualTo(v);
        String after = page("quickcount.html");
        assertThat(after).contains("quick &lt;count&gt; &amp; 'seed'").doesNotContain("<count>");
        RenderedPage list = site.render(QuickCountPages.SAMPLE_LIST).orElseThrow();
        assertThat(list.contentType()).startsWith("text/plain");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(list.bytesUnsafe()));
        assertThat(sha).isEqualTo(sample.commitment()); // the published list is what was committed to
        assertThat(new String(list.bytesUnsafe(), StandardCharsets.UTF_8)).contains(wrongTable);
        assertThat(after).contains("href=\"./api/v1/quickcount/sample.txt\"")
                .contains("testigo sample check --seed 'quick &lt;count&gt; &amp; '\\''seed'\\''' --commitment "
                        + sample.commitment());
        assertThat(site.documents()).contains(QuickCountPages.SAMPLE_LIST);
    }

    @Test
    void theJsonAliasIsTheApisDocument() {
        assertThat(SiteFiles.text(site.render("api/v1/quickcount.json").orElseThrow())).isEqualTo(new String(Json.bytes(view()), StandardCharsets.UTF_8));
    }

    @Test
    void everyLinkResolvesAndNothingRunsInline() {
        Set<String> files = new HashSet<>();
        site.pages().forEach(files::add);
        site.documents().forEach(files::add);
        files.addAll(site.assets().keySet());
        for (String p : List.of("quickcount.html", "en/quickcount.html")) {
            String html = page(p);
            for (String link : SiteFiles.links(html)) {
                assertThat(link).as(p).matches("^\\.{1,2}/.*");
                assertThat(files).as(p + " → " + link).contains(SiteFiles.resolve(p, link));
            }
            NoInlineCode.check(html, p);
            assertThat(html).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;&quot;");
        }
        String liveJs = site.assets().keySet().stream().filter(a -> a.startsWith("assets/live.")).findFirst().orElseThrow();
        assertThat(page("quickcount.html")).contains("<script src=\"./" + liveJs + "\" defer></script>")
                .contains("data-live=\"./api/v1/quickcount.json\"");
        assertThat(page("en/quickcount.html")).contains("data-live=\"../api/v1/quickcount.json\"");
    }
}
