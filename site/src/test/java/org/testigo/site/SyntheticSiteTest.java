package org.testigo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.deployment.Deployment;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.intake.Submission;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;

/**
 * The site of a small synthetic election whose first state and first candidate carry hostile names,
 * with two thirds of its tables sent by witnesses (the first few by two, so they are confirmed). The
 * expectations come from the generator's truth, not from the site.
 */
class SyntheticSiteTest {
    static final String HOSTILE_PLACE = "<script>alert('place')</script>";
    static final String HOSTILE_CANDIDATE = "<img src=x onerror=alert(1)>\"";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-07-29T02:15:00Z"), ZoneOffset.UTC);

    static SyntheticElection synth;
    static Election election;
    static DatabaseConfig config;
    static Deployment deployment;
    static Site site;
    static Set<String> files;
    static long sent;
    static long valid;
    static long[] votes = new long[10];

    @BeforeAll
    static void start() {
        synth = SyntheticElection.generate(SynthSpec.of(60, 11));
        election = hostile(synth.election());
        config = TestPostgres.freshDatabase();
        deployment = Deployment.open(Database.open(config), CLOCK);
        deployment.load(election);
        deployment.saveGeometry(synth.geometry());
        for (int i = 0; i < synth.tableCount(); i++) {
            if (i % 3 == 2) {
                continue;
            }
            SyntheticTable t = synth.table(i);
            submit("witness-1", t.payload());
            if (i < 6) {
                submit("witness-2", t.payload());
            }
            sent++;
            valid += t.valid();
            for (int c = 0; c < 10; c++) {
                votes[c] += t.candidates().get(c);
            }
        }
        site = Site.of(deployment);
        files = new HashSet<>();
        site.pages().forEach(files::add);
        site.documents().forEach(files::add);
        files.addAll(site.assets().keySet());
        site.images().forEach(files::add);
    }

    private static void submit(String who, String payload) {
        deployment.requireRunning().intake().submit(new Submission(null, List.of(payload), Channel.QR, who)).join();
    }

    /** The synthetic election with a script for the first state's name and the first candidate's. */
    static Election hostile(Election e) {
        Geography g = e.geography();
        List<GeoNode> nodes = new ArrayList<>();
        for (GeoNode n : g.nodes()) {
            nodes.add(n.code().equals(g.code(g.children(0).get(0))) ? new GeoNode(n.code(), n.parent(), n.level(), HOSTILE_PLACE) : n);
        }
        List<Candidate> candidates = new ArrayList<>(e.ballot().candidates());
        candidates.set(0, new Candidate(candidates.get(0).id(), HOSTILE_CANDIDATE));
        Ballot ballot = new Ballot(candidates, e.ballot().cards(), e.ballot().blank());
        return new Election(e.id(), e.name(), e.date(), e.tallyFormat(), e.formatOptions(), e.levels(), ballot,
                new Geography(g.node(0).name(), nodes, g.tables()), e.expectedTables(), e.expectedElectorate(), e.official());
    }

    @AfterAll
    static void stop() {
        deployment.close();
    }

    static String page(String path) {
        return SiteFiles.text(site.render(path).orElseThrow(() -> new AssertionError("no page " + path)));
    }

    @Test
    void enumeratesEveryPlaceAndTableInBothLanguages() {
        Geography g = election.geography();
        long perLanguage = 7 + g.nodes().size() + g.tableCount();
        assertThat(site.pages().count()).isEqualTo(2 * perLanguage);
        assertThat(site.pages()).contains("index.html", "en/index.html", "en/map.html", "find.html", "en/verify.html",
                "downloads.html", "place/01.html", "en/table/" + g.table(0).id().value() + ".html");
        assertThat(site.documents()).contains("api/v1/election.json", "api/v1/results.json", "api/v1/results/01.json",
                "api/v1/tables/" + g.table(0).id().value() + ".json");
        assertThat(site.render("place/nowhere.html")).isEmpty();
        assertThat(site.render("en/table/00.html")).isEmpty();
        assertThat(site.render("../etc/passwd")).isEmpty();
        assertThat(site.render("en/assets/" + site.assets().keySet().iterator().next().substring(7))).isEmpty();
    }

    @Test
    void everyLinkOfEveryPageLeadsToAFileTheSiteHas() {
        List<String> broken = new ArrayList<>();
        site.pages().forEach(p -> {
            for (String link : SiteFiles.links(page(p))) {
                assertThat(link).as("link in " + p).matches("^\\.{1,2}/.*");
                String target = SiteFiles.resolve(p, link);
                if (target.equals("find") || target.equals("verify")) {
                    continue; // the live server's form endpoints (POST), not files
                }
                if (!files.contains(target)) {
                    broken.add(p + " → " + link);
                }
            }
        });
        assertThat(broken).isEmpty();
    }

    @Test
    void noPageNamesAnotherHost() {
        Pattern absolute = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
        site.pages().forEach(p -> assertThat(absolute.matcher(page(p)).find()).as(p).isFalse());
        site.assets().values().forEach(a -> assertThat(absolute.matcher(SiteFiles.text(a)).find()).as(a.path()).isFalse());
    }

    @Test
    void hostileNamesAreShownAsTextNeverAsMarkup() {
        String state = election.geography().node(election.geography().children(0).get(0)).code();
        for (String p : List.of("index.html", "en/map.html", "map.html", "place/" + state + ".html",
                "table/" + election.geography().table(0).id().value() + ".html")) {
            String html = page(p);
            assertThat(html).as(p).doesNotContain("<script>alert").doesNotContain("<img src=x");
            assertThat(count(html, "<script")).as(p).isEqualTo(1); // the page's own script only
        }
        assertThat(page("index.html")).contains("&lt;img src=x onerror=alert(1)&gt;&quot;");
        assertThat(page("place/" + state + ".html")).contains("&lt;script&gt;alert(&#39;place&#39;)&lt;/script&gt;");
        assertThat(page("map.html")).contains("&lt;script&gt;alert(&#39;place&#39;)&lt;/script&gt;");
    }

    @Test
    void everyPageSwitchesToTheSamePageInTheOtherLanguage() {
        Pattern lang = Pattern.compile("<a class=\"lang\" href=\"([^\"]+)\"");
        site.pages().forEach(p -> {
            Matcher m = lang.matcher(page(p));
            assertThat(m.find()).as(p).isTrue();
            String other = SiteFiles.resolve(p, m.group(1));
            assertThat(other).isEqualTo(p.startsWith("en/") ? p.substring(3) : "en/" + p);
            Matcher back = lang.matcher(page(other));
            assertThat(back.find()).isTrue();
            assertThat(SiteFiles.resolve(other, back.group(1))).isEqualTo(p);
        });
        assertThat(page("index.html")).contains("<html lang=\"es\">").contains("Resultado nacional");
        assertThat(page("en/index.html")).contains("<html lang=\"en\">").contains("National result");
    }

    @Test
    void homeShowsTheNationalTotalsOfTheTablesSent() {
        String es = page("index.html");
        Numbers n = new Numbers(Language.ES);
        assertThat(es).contains(n.count(valid)).contains(n.count(sent) + " / " + n.count(synth.tableCount()));
        for (int c = 0; c < 10; c++) {
            assertThat(es).contains(n.count(votes[c]));
        }
        assertThat(es).contains("2024-07-29 02:15:00 UTC");
        String en = page("en/index.html");
        assertThat(en).contains(new Numbers(Language.EN).count(valid));
    }

    @Test
    void homeIsSmallOnTheWire() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(site.render("index.html").orElseThrow().bytesUnsafe());
        }
        assertThat(out.size()).isLessThan(60_000);
    }

    @Test
    void theMapHasOneLinkedRegionPerState() {
        String html = page("map.html");
        String svg = html.substring(html.indexOf("<svg class=\"map\""), html.indexOf("</svg>", html.indexOf("<svg class=\"map\"")));
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\"><path d=\"M").matcher(svg);
        Set<String> targets = new HashSet<>();
        while (m.find()) {
            targets.add(SiteFiles.resolve("map.html", m.group(1)));
        }
        Set<String> states = election.geography().children(0).stream()
                .map(i -> "place/" + election.geography().code(i) + ".html").collect(Collectors.toSet());
        assertThat(targets).isEqualTo(states);
    }

    @Test
    void aTablePageShowsItsCountsStatusAndEvidenceHashes() throws Exception {
        SyntheticTable t = synth.table(0);
        String html = page("table/" + t.table().id().value() + ".html");
        assertThat(html).contains("Confirmada"); // two witnesses agree
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(t.payload().strip().getBytes(StandardCharsets.UTF_8)));
        assertThat(html).contains(sha).contains("witness-1").contains("witness-2").contains(">qr<");
        assertThat(html).contains(new Numbers(Language.ES).count(t.valid()));
        assertThat(page("table/" + synth.table(6).table().id().value() + ".html")).contains("Provisional");
        assertThat(page("en/table/" + synth.table(2).table().id().value() + ".html")).contains("No acta").contains("No evidence has been received");
    }

    @Test
    void theFindPageShowsOnlyTheErrorsItKnows() {
        assertThat(SiteFiles.text(site.render("find.html", Map.of("e", "unknown")).orElseThrow()))
                .contains("No encontramos esa cédula");
        assertThat(SiteFiles.text(site.render("en/find.html", Map.of("e", "limited")).orElseThrow()))
                .contains("Too many lookups");
        assertThat(SiteFiles.text(site.render("en/find.html", Map.of("e", "noroll")).orElseThrow()))
                .contains("no voter roll");
        assertThat(SiteFiles.text(site.render("find.html", Map.of("e", "<script>x</script>")).orElseThrow()))
                .isEqualTo(page("find.html"));
        assertThat(page("en/find.html")).contains("action=\"../find\"");
        assertThat(page("verify.html")).contains("action=\"./verify\"").contains("multipart/form-data");
    }

    @Test
    void theSameStateRendersTheSameBytes() {
        Site again = Site.of(deployment);
        for (String p : List.of("index.html", "en/map.html", "place/01.html", "table/" + synth.table(0).table().id().value() + ".html",
                "api/v1/results.json")) {
            assertThat(again.render(p).orElseThrow().bytesUnsafe()).isEqualTo(site.render(p).orElseThrow().bytesUnsafe());
        }
    }

    @Test
    void downloadsSayNothingIsPublishedYet() {
        assertThat(page("downloads.html")).contains("Todavía no se ha publicado");
    }

    @Test
    void theGeometryIsKeptWithTheElection() {
        try (Deployment reopened = Deployment.open(Database.open(config), CLOCK)) {
            assertThat(reopened.geometry()).contains(synth.geometry());
        }
    }

    @Test
    void aTablesPageShowsTheKindAndTimeOfEachIncidentButNothingElse() {
        int t = synth.election().geography().tableCount() - 1;
        String id = synth.election().geography().table(t).id().value();
        assertThat(page("table/" + id + ".html")).doesNotContain("Incidencias reportadas");
        deployment.running().orElseThrow().state().addIncident(t, new org.testigo.state.TableIncident(999_999,
                "acta-refused", Instant.parse("2024-07-28T22:40:00Z"), Instant.parse("2024-07-28T22:41:00Z"), "witness-77"));
        String es = page("table/" + id + ".html");
        assertThat(es).contains("Incidencias reportadas").contains("No entregaron el acta");
        assertThat(page("en/table/" + id + ".html")).contains("Incidents reported").contains("The acta was not handed over");
        // the pseudonym and the evidence number are the command centre's, not the public page's
        assertThat(es).doesNotContain("witness-77").doesNotContain("999999");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
