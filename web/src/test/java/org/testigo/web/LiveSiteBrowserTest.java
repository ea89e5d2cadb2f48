package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.election.Counts;
import org.testigo.intake.ActaPictures;
import org.testigo.roll.RollFile;
import org.testigo.store.Role;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticRoll;
import org.testigo.synth.SyntheticTable;
import org.testigo.tally.ve2024.Ve2024Payload;
import org.testigo.testing.Chromium;

/**
 * The public site on the live server, in Debian's Chromium, as a voter uses it: the map down to a table,
 * find my table by national ID, verify an acta from a photo (a match and a mismatch), the other language
 * end to end, a drill-down table sorted by its header. Every step leaves a screenshot in
 * {@code web/target/screenshots/live-*.png}. Throughout, no request leaves for another host; the home page
 * weighs under 60 KB as transferred.
 *
 * <p>The election is synthetic, with its own geometry (the map) and voter roll (find my table); every
 * table's acta was sent by a witness, so every page has numbers. Expectations come from the generator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveSiteBrowserTest {
    private LiveServer live;
    private SyntheticRoll roll;
    private Chromium chromium;
    private BrowserContext context;
    private Page page;
    private final List<String> requested = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        chromium = Chromium.launch(); // first: without Chromium the test is skipped before a server starts
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(40, 5));
        roll = SyntheticRoll.of(synth);
        roll.write(synth, dir);
        live = new LiveServer(synth, TestPostgres.freshDatabase());
        live.deployment.saveGeometry(synth.geometry());
        live.deployment.attachRoll(RollFile.compile(dir, synth.election()).orElseThrow());
        for (int i = 0; i < synth.tableCount(); i++) {
            assertThat(live.submit(Role.WITNESS, Map.of("payload", synth.table(i).payload())).status()).isEqualTo(201);
        }
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (live != null) {
            live.close();
        }
    }

    @BeforeEach
    void open() {
        context = chromium.browser().newContext();
        context.onRequest((Request r) -> requested.add(r.url()));
        page = context.newPage();
    }

    /** Whatever a step did, the browser asked this server and nothing else. */
    @AfterEach
    void close() {
        context.close();
        String origin = live.uri("/").toString();
        assertThat(requested).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin));
        requested.clear();
    }

    private String url(String path) {
        return live.uri(path).toString();
    }

    private void shot(String name) {
        Chromium.screenshot(page, "live-" + name);
    }


    private SyntheticTable synthTable(String id) {
        for (int i = 0; i < live.synth.tableCount(); i++) {
            if (live.synth.table(i).table().id().value().equals(id)) {
                return live.synth.table(i);
            }
        }
        throw new AssertionError("no table " + id);
    }

    /** The acta of {@code t} with one more vote on its first card that has votes. */
    private static String oneVoteMore(SyntheticTable t) {
        int[] cards = t.cards().toArray();
        int card = 0;
        while (cards[card] == 0) {
            card++;
        }
        cards[card]++;
        return Ve2024Payload.format(t.table().id(), Counts.of(cards), t.nullVotes(), 0);
    }

    private static String formatted(long n, char separator) {
        return String.format(java.util.Locale.ROOT, "%,d", n).replace(',', separator);
    }

    @Test
    void fromTheHomePageTheMapLeadsDownToATableWithItsNumbers() {
        page.navigate(url("/"));
        assertThat(page.locator("h1").textContent()).isEqualTo("Resultado nacional");
        shot("01-home");
        page.locator("a[href='./map.html']").first().click();
        page.waitForURL("**/map.html");
        assertThat(page.locator("figure.mapbox svg a").count()).isEqualTo(live.synth.election().geography().children(0).size());
        shot("02-map");

        page.locator("figure.mapbox svg a").first().click();
        page.waitForURL("**/place/*.html");
        shot("03-state");
        int level = 0;
        // state → municipality → parish → centre, then the centre's tables
        while (!page.url().contains("/table/")) {
            Locator next = page.locator("table.sortable tbody a").first();
            String href = next.getAttribute("href");
            next.click();
            page.waitForURL("**" + href.substring(href.lastIndexOf('/')));
            shot("04-down-" + (++level));
            assertThat(level).as("a table within five steps").isLessThanOrEqualTo(5);
        }
        String id = page.url().substring(page.url().lastIndexOf('/') + 1, page.url().length() - ".html".length());
        SyntheticTable t = synthTable(id);
        assertThat(page.locator("h1").textContent()).isEqualTo("Mesa " + id);
        String body = page.locator("main").innerText();
        assertThat(body).contains(formatted(t.valid(), '.'));
        assertThat(page.locator("table.evidence a[href$='.json']").count()).isEqualTo(1);
        shot("05-table");
    }

    @Test
    void aDrillDownTableSortsByTheHeaderClicked() {
        page.navigate(url("/index.html")); // the states, the first table of the drill-down
        Locator table = page.locator("table.sortable").first();
        int rows = table.locator("tbody tr").count();
        assertThat(rows).isEqualTo(live.synth.election().geography().children(0).size()).isGreaterThan(1);
        Locator valid = table.locator("thead th[data-sort='number']").nth(2); // tables, coverage, valid votes
        assertThat(valid.textContent()).isEqualTo("Votos válidos");

        valid.click();
        assertThat(valid.getAttribute("aria-sort")).isEqualTo("ascending");
        List<Long> up = votes(table);
        assertThat(up).hasSize(rows).isSorted();
        shot("06-sorted-ascending");
        valid.click();
        assertThat(valid.getAttribute("aria-sort")).isEqualTo("descending");
        List<Long> down = votes(table);
        List<Long> reversed = new ArrayList<>(up);
        Collections.reverse(reversed);
        assertThat(down).isEqualTo(reversed);
        shot("07-sorted-descending");
    }

    private static List<Long> votes(Locator table) {
        List<Long> out = new ArrayList<>();
        for (String v : table.locator("tbody tr td:nth-child(4)").evaluateAll("cells => cells.map(c => c.getAttribute('data-v'))")
                .toString().replaceAll("[\\[\\]\\s]", "").split(",")) {
            out.add(Long.parseLong(v));
        }
        return out;
    }

    @Test
    void aVoterFindsTheirTableByNationalIdAndAnUnknownIdIsTold() {
        long voter = roll.voters() / 3;
        page.navigate(url("/find.html"));
        page.fill("#id", Long.toString(roll.nationalId(voter)));
        shot("08-find");
        page.click("form.form button[type=submit]");
        page.waitForURL("**/table/*.html");
        assertThat(page.url()).isEqualTo(url("/table/" + live.tableOfVoter(voter) + ".html"));
        shot("09-found");

        page.navigate(url("/find.html"));
        page.fill("#id", "Q7Z4K9W2");
        page.click("form.form button[type=submit]");
        page.waitForURL("**/find.html?e=unknown");
        assertThat(page.locator("p.error").textContent()).isEqualTo("No encontramos esa cédula en el registro electoral.");
        shot("10-not-found");
    }

    @Test
    void aPhotoOfAnActaIsVerifiedAsAMatchAndOneVoteMoreAsAMismatch() {
        SyntheticTable t = live.synth.table(7);
        page.navigate(url("/verify.html"));
        page.setInputFiles("#image", new FilePayload("acta.png", "image/png", ActaPictures.png(t.payload())));
        shot("11-verify-form");
        page.click("form.form button[type=submit]");
        page.waitForURL("**/verify");
        assertThat(page.locator("section.verdict h2").textContent()).isEqualTo("Su acta coincide con el resultado publicado");
        assertThat(page.locator("tr.differs").count()).isZero();
        shot("12-verify-match");

        page.navigate(url("/verify.html"));
        page.setInputFiles("#image", new FilePayload("acta.png", "image/png", ActaPictures.png(oneVoteMore(t))));
        page.click("form.form button[type=submit]");
        page.waitForURL("**/verify");
        assertThat(page.locator("section.verdict h2").textContent()).isEqualTo("Su acta no coincide con lo publicado");
        assertThat(page.locator("tr.differs").count()).as("the candidate and the card").isEqualTo(2);
        assertThat(page.locator("p.receipt strong").textContent()).matches("[1-9][0-9]*");
        shot("13-verify-mismatch");
        // the result page's links work from where it is served
        page.locator("a[href$='.html']", new Page.LocatorOptions().setHasText("Ver la página de la mesa")).click();
        page.waitForURL("**/table/" + t.table().id().value() + ".html");
    }

    @Test
    void inEnglishTheSameVoterFindsTheirTableAndVerifiesAnActa() {
        page.navigate(url("/"));
        page.locator("header a.lang").click();
        page.waitForURL("**/en/index.html");
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
        assertThat(page.locator("h1").textContent()).isEqualTo("National result");
        shot("14-en-home");

        page.locator("nav a", new Page.LocatorOptions().setHasText("My table")).click();
        page.waitForURL("**/en/find.html");
        long voter = roll.voters() - 1;
        page.fill("#id", Long.toString(roll.nationalId(voter)));
        page.click("form.form button[type=submit]");
        page.waitForURL("**/en/table/*.html");
        assertThat(page.url()).isEqualTo(url("/en/table/" + live.tableOfVoter(voter) + ".html"));
        assertThat(page.locator("h1").textContent()).startsWith("Table ");
        shot("15-en-found");

        page.navigate(url("/en/find.html"));
        page.fill("#id", "Q7Z4K9W2");
        page.click("form.form button[type=submit]");
        page.waitForURL("**/en/find.html?e=unknown");
        assertThat(page.locator("p.error").textContent()).isEqualTo("That ID is not in the voter roll.");

        SyntheticTable t = synthTable(live.tableOfVoter(voter));
        page.locator("nav a", new Page.LocatorOptions().setHasText("Verify my acta")).click();
        page.waitForURL("**/en/verify.html");
        page.setInputFiles("#image", new FilePayload("acta.png", "image/png", ActaPictures.png(oneVoteMore(t))));
        page.click("form.form button[type=submit]");
        page.waitForURL("**/verify");
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
        assertThat(page.locator("section.verdict h2").textContent()).isEqualTo("Your acta does not match what is published");
        assertThat(page.locator("tr.differs td:first-child").allInnerTexts()).allSatisfy(c -> assertThat(c).endsWith("differs"));
        shot("16-en-verify-mismatch");
        page.locator("a", new Page.LocatorOptions().setHasText("See the page of table")).click();
        page.waitForURL("**/en/table/" + t.table().id().value() + ".html");
        shot("17-en-table");
    }

    @Test
    void theHomePageWeighsUnder60KilobytesAsTransferred() {
        List<Request> finished = Collections.synchronizedList(new ArrayList<>());
        page.onRequestFinished(finished::add);
        page.navigate(url("/"));
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        long bytes = 0;
        for (Request r : finished) {
            var sizes = r.sizes();
            bytes += sizes.responseBodySize + sizes.responseHeadersSize;
        }
        assertThat(finished).extracting(Request::url).anyMatch(u -> u.endsWith(".css")).anyMatch(u -> u.endsWith(".js"));
        assertThat(bytes).isPositive().isLessThan(60 * 1024);
        var home = finished.stream().filter(r -> r.url().equals(url("/"))).findFirst().orElseThrow();
        assertThat(home.response().headerValue("content-encoding")).as("compressed").isIn("br", "gzip");
    }
}
