package org.testigo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.analysis.audit.Audit;
import org.testigo.deployment.Deployment;
import org.testigo.election.Election;
import org.testigo.intake.Outcome;
import org.testigo.intake.Submission;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.TestPostgres;
import org.testigo.synth.Stuffing;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.views.AuditReports;
import org.testigo.views.Json;

/**
 * The audit page of a synthetic election with ballot stuffing planted in 2% of its tables (hostile names
 * included). The truth is the generator's: which tables were stuffed.
 */
class AuditPageTest {
    static final int TABLES = 3000;
    static SyntheticElection synth;
    static Election election;
    static Deployment deployment;
    static Site site;
    static Set<String> planted = new HashSet<>();
    static String noTallies;

    @BeforeAll
    static void start() {
        synth = SyntheticElection.generate(SynthSpec.of(TABLES, 2024), Stuffing.of(0.02, "NM"));
        election = SyntheticSiteTest.hostile(synth.election());
        deployment = Deployment.open(Database.open(TestPostgres.freshDatabase()), SyntheticSiteTest.CLOCK);
        deployment.load(election);
        site = new Site(new DeploymentSource(deployment, null), Duration.ZERO);
        noTallies = page("audit.html");
        for (int t : synth.plantedTables()) {
            planted.add("table/" + synth.table(t).table().id().value() + ".html");
        }
        submit(0, TABLES - 10); // the last ten come later, to see the audit refresh
    }

    static void submit(int from, int to) {
        List<CompletableFuture<Outcome>> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            sent.add(deployment.requireRunning().intake().submit(new Submission(null, List.of(synth.table(i).payload()), Channel.QR, "witness-1")));
        }
        sent.forEach(f -> assertThat(f.join()).isInstanceOf(Outcome.Accepted.class));
    }

    @AfterAll
    static void stop() {
        deployment.close();
    }

    static String page(String path) {
        return SiteFiles.text(site.render(path).orElseThrow(() -> new AssertionError("no page " + path)));
    }

    @Test
    void withoutTalliesThePageSaysThereIsNothingToAudit() {
        assertThat(noTallies).contains("no hay nada que auditar");
    }

    @Test
    void theTablesRankedFirstAreThePlantedOnesAndLinkToTheirPages() {
        assertThat(planted.size()).isBetween(40, 80);
        for (String p : List.of("audit.html", "en/audit.html")) {
            String html = page(p);
            String ranked = html.substring(html.indexOf("<table class=\"sortable ranked\">"));
            ranked = ranked.substring(0, ranked.indexOf("</table>"));
            Matcher m = Pattern.compile("<tr[^>]*><td class=\"n\" data-v=\"\\d+\">\\d+</td><td><a href=\"([^\"]+)\">").matcher(ranked);
            List<String> targets = new ArrayList<>();
            while (m.find()) {
                targets.add(SiteFiles.resolve(p, m.group(1)).replaceFirst("^en/", ""));
            }
            assertThat(targets).hasSize(Audit.DEFAULT_RANKED);
            assertThat(planted).as("the first-ranked table of " + p).contains(targets.get(0));
            long hits = targets.subList(0, planted.size()).stream().filter(planted::contains).count();
            assertThat((double) hits / planted.size()).as("precision of the top %d on %s", planted.size(), p).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void theSummaryComesFirstWithTheFalsePositiveRateAndTheCaveat() {
        String es = page("audit.html");
        int summary = es.indexOf("<h2>Resumen</h2>");
        assertThat(summary).isPositive().isLessThan(es.indexOf("<h2>Pruebas estadísticas</h2>"));
        assertThat(es).contains("Estas pruebas dicen dónde mirar, no qué pasó")
                .contains("Una prueba de dígitos por sí sola nunca es un veredicto")
                .contains("0,10 % de las mesas honestas");
        String en = page("en/audit.html");
        assertThat(en).contains("These tests say where to look, not what happened").contains("A digit test alone is never a verdict")
                .contains("Second digit, mean (Benford)").contains("Fingerprints (Klimek)").contains("Excess votes (Shpilkin)");
    }

    @Test
    void fingerprintsAreDrawnForTheNationAndEveryStateWithoutStyles() {
        String es = page("audit.html");
        String box = es.substring(es.indexOf("<div class=\"fingerprints\">"));
        box = box.substring(0, box.indexOf("</div>"));
        int states = election.geography().children(0).size();
        assertThat(count(box, "<svg ")).isEqualTo(1 + states);
        assertThat(box).contains("fill=\"rgb(").doesNotContain("style");
        assertThat(box).contains("&lt;script&gt;alert(").doesNotContain("<script>alert");
    }

    @Test
    void theJsonAliasIsTheAuditOfTheState() {
        long before = site.version();
        String alias = SiteFiles.text(site.render("api/v1/audit.json").orElseThrow());
        String api = new String(Json.bytes(new AuditReports(deployment.requireRunning().state(), Audit.DEFAULT_RANKED).current()), StandardCharsets.UTF_8);
        assertThat(alias).isEqualTo(api);
        assertThat(site.documents()).contains("api/v1/audit.json");
        assertThat(site.version()).isEqualTo(before); // rendering twice computes nothing new
    }

    @Test
    void everyLinkResolvesAndNothingRunsInlineAndHostileNamesStayText() {
        Set<String> files = new HashSet<>();
        site.pages().forEach(files::add);
        site.documents().forEach(files::add);
        files.addAll(site.assets().keySet());
        for (String p : List.of("audit.html", "en/audit.html")) {
            String html = page(p);
            for (String link : SiteFiles.links(html)) {
                assertThat(link).as(p).matches("^\\.{1,2}/.*");
                assertThat(files).as(p + " → " + link).contains(SiteFiles.resolve(p, link));
            }
            NoInlineCode.check(html, p);
            assertThat(html).doesNotContain("<img src=x").doesNotContain("<script>alert");
        }
        assertThat(page("index.html")).contains("href=\"./audit.html\"").contains("href=\"./quickcount.html\"");
        assertThat(page("en/index.html")).contains(">Audit</a>").contains(">Quick count</a>");
    }

    @Test
    void newActasRefreshTheAuditInTheBackgroundNotDuringTheRender() throws Exception {
        String shown = page("audit.html");
        Numbers n = new Numbers(Language.ES);
        assertThat(shown).contains("Se auditaron " + n.count(TABLES - 10) + " actas");
        long version = site.version();
        submit(TABLES - 10, TABLES);
        String stale = page("audit.html"); // the last audit, while a new one is computed
        assertThat(stale).contains("Se auditaron " + n.count(TABLES - 10) + " actas");
        site.auditRefreshing().get();
        assertThat(site.version()).isNotEqualTo(version);
        assertThat(page("audit.html")).contains("Se auditaron " + n.count(TABLES) + " actas");
    }

    private static int count(String s, String part) {
        int c = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            c++;
        }
        return c;
    }
}
