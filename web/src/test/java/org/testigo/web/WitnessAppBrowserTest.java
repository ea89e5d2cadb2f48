package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.FilePayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testigo.deployment.Deployment;
import org.testigo.intake.ActaPictures;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.Role;
import org.testigo.store.StoredEvidence;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;
import org.testigo.testing.Chromium;
import org.testigo.views.Json;

/**
 * The witness app at /app/ in Chromium against a real server: sign in, an acta photo read by the server,
 * a queue filled offline and delivered once the connection is back, with receipts; and a queue that
 * survives a page reload and a server restart without losing or duplicating anything. Screenshots go to
 * target/screenshots/witness-*.png.
 *
 * <p>Debian's Chromium has no BarcodeDetector on Linux, so acta QR codes are read the way such a phone
 * reads them: a photo chosen in the file picker, decoded by the server. The QR-text path is exercised by
 * pasting the payload (what a separate QR reader app hands over).
 */
class WitnessAppBrowserTest {
    private static final double WAIT_MS = 60_000;

    @Test
    void aWitnessQueuesTwoActasAndATurnoutOfflineAndEachArrivesOnceWithAReceipt() {
        try (LiveServer live = new LiveServer(20, 31); Chromium chromium = Chromium.launch()) {
            String witness = live.get("/api/v1/me", Role.WITNESS).json().get("submitter").asText();
            SyntheticTable t0 = live.synth.table(0);
            SyntheticTable t1 = live.synth.table(1);
            SyntheticTable t2 = live.synth.table(2);
            for (SyntheticTable t : List.of(t0, t1, t2)) {
                assertThat(live.post("/api/v1/assignments", Role.COORDINATOR, "{\"table\":\"" + id(t) + "\",\"witness\":\"" + witness + "\"}")
                        .status()).isEqualTo(201);
            }
            BrowserContext context = phone(chromium);
            Page page = context.newPage();
            page.navigate(live.uri("/app/").toString());
            // Spanish unless the witness chooses otherwise
            PlaywrightAssertions.assertThat(page.locator("html")).hasAttribute("lang", "es");
            PlaywrightAssertions.assertThat(page.locator("#signin h1")).hasText("Entrar");
            signIn(page, live.tokens.get(Role.WITNESS));
            for (SyntheticTable t : List.of(t0, t1, t2)) {
                visible(page.locator("#tables li[data-table='" + id(t) + "']"));
            }
            boolean detector = (Boolean) page.evaluate("'BarcodeDetector' in window");

            // Online: a photo of table 0's acta, read by the server.
            choosePhoto(page, t0);
            if (!detector) {
                visible(page.locator("#review-server-reads"));
            }
            Chromium.screenshot(page, "witness-1-review-photo");
            page.click("#review-send");
            text(page.locator("#outbox li[data-kind='acta-photo'][data-state='sent']"), "leída: mesa " + id(t0));

            // Offline: a photo, a QR text, a turnout report — kept on the phone.
            context.setOffline(true);
            visible(page.locator("#net[data-state='offline']"));
            choosePhoto(page, t1);
            page.click("#review-send");
            page.click("#paste-qr");
            page.fill("#qr-text", t2.payload());
            page.click("#paste-form button[type='submit']");
            // the review shows what the phone read, checked against the generator's own numbers (written the Spanish way)
            PlaywrightAssertions.assertThat(page.locator("#review-table")).hasText(id(t2));
            PlaywrightAssertions.assertThat(page.locator("#review-totals"))
                    .hasText(spanish(t2.cards().sum()) + " votos en las tarjetas, " + spanish(t2.nullVotes()) + " nulos");
            Chromium.screenshot(page, "witness-2-review-qr-text");
            page.click("#review-send");
            page.click("#open-turnout");
            page.selectOption("#turnout-table", id(t0));
            page.selectOption("#turnout-at", "14:00");
            page.fill("#turnout-voters", "57");
            page.click("#turnout-form button[type='submit']");
            PlaywrightAssertions.assertThat(page.locator("#outbox li[data-state='queued']")).hasCount(3);
            PlaywrightAssertions.assertThat(page.locator("#pending")).hasText("3 en espera");
            assertThat(fromWitness(live.deployment, witness)).as("nothing but the first photo reached the server while offline").hasSize(1);
            Chromium.screenshot(page, "witness-3-offline-queue");

            // Back online: everything goes, each with its receipt.
            context.setOffline(false);
            PlaywrightAssertions.assertThat(page.locator("#outbox li[data-state='sent']"))
                    .hasCount(4, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
            text(page.locator("#outbox li[data-kind='acta-photo'][data-state='sent']").first(), "leída: mesa " + id(t1));
            text(page.locator("#outbox li[data-kind='acta-qr']"), "mesa " + id(t2));
            text(page.locator("#outbox li[data-kind='turnout']"), "Entregada · evidencia n.º ");
            Chromium.screenshot(page, "witness-4-delivered");

            // Server side: each exactly once, under the witness's pseudonym.
            Map<String, Integer> stored = new HashMap<>();
            for (StoredEvidence e : fromWitness(live.deployment, witness)) {
                stored.merge(e.channel().name() + " " + e.tally().table().value(), 1, Integer::sum);
            }
            assertThat(stored).containsOnly(Map.entry("image " + id(t0), 1), Map.entry("image " + id(t1), 1),
                    Map.entry("qr " + id(t2), 1), Map.entry("checkin " + id(t0), 1));
            for (SyntheticTable t : List.of(t0, t1, t2)) {
                assertThat(copiesFrom(live, t, witness)).as("copies of table " + id(t) + " from " + witness).isEqualTo(1);
            }
            // the turnout receipt shown is the stored check-in's
            String turnoutState = page.locator("#outbox li[data-kind='turnout'] .state").textContent();
            long checkin = fromWitness(live.deployment, witness).stream().filter(e -> e.channel().equals(Channel.CHECKIN))
                    .findFirst().orElseThrow().id();
            assertThat(turnoutState).contains("evidencia n.º " + checkin);
            JsonNode evidence = live.get("/api/v1/evidence/" + checkin).json();
            assertThat(evidence.get("content").asText()).contains("\"voters\":57").contains("14:00");
        }
    }

    @Test
    void theQueueSurvivesAReloadAndAServerRestartWithoutLossOrDuplicates() throws Exception {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(12, 41));
        DatabaseConfig config = TestPostgres.freshDatabase();
        Deployment first = Deployment.open(Database.open(config), Clock.systemUTC());
        first.load(synth.election());
        String token = first.tokens().create(Role.WITNESS, "mesa 3");
        TestigoServer server = TestigoServer.start(first, "127.0.0.1", 0);
        int port = server.port();
        SyntheticTable t0 = synth.table(0);
        SyntheticTable t1 = synth.table(1);
        String witness = me(port, token).get("submitter").asText();
        for (SyntheticTable t : List.of(t0, t1)) {
            first.requireRunning().assignments().add(t.table().id(),
                    org.testigo.assignments.Assignments.witnessToken(witness).orElseThrow());
        }
        Deployment second = null;
        try (Chromium chromium = Chromium.launch()) {
            BrowserContext context = phone(chromium);
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + port + "/app/");
            signIn(page, token);
            visible(page.locator("#tables li[data-table='" + id(t1) + "']"));
            page.waitForFunction("navigator.serviceWorker.controller !== null", null,
                    new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));

            // The server goes away; the witness keeps working.
            server.close();
            first.close();
            choosePhoto(page, t0);
            page.click("#review-send");
            page.click("#paste-qr");
            page.fill("#qr-text", t1.payload());
            page.click("#paste-form button[type='submit']");
            page.click("#review-send");
            page.click("#open-turnout");
            page.selectOption("#turnout-table", id(t1));
            page.selectOption("#turnout-at", "10:00");
            page.fill("#turnout-voters", "12");
            page.click("#turnout-form button[type='submit']");
            PlaywrightAssertions.assertThat(page.locator("#outbox li[data-state='queued']")).hasCount(3);
            text(page.locator("#outbox li[data-kind='turnout']"), "sin conexión");

            // A reload with no server at all: the service worker opens the app, IndexedDB still holds the queue.
            page.reload();
            visible(page.locator("body[data-ready='true']"));
            PlaywrightAssertions.assertThat(page.locator("#outbox li[data-state='queued']")).hasCount(3);
            visible(page.locator("#tables li[data-table='" + id(t0) + "']"));
            Chromium.screenshot(page, "witness-5-reloaded-without-server");

            // A new server on the same port and database: the app delivers on its own.
            second = Deployment.open(Database.open(config), Clock.systemUTC());
            second.load(synth.election());
            server = TestigoServer.start(second, "127.0.0.1", port);
            PlaywrightAssertions.assertThat(page.locator("#outbox li[data-state='sent']"))
                    .hasCount(3, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS * 1.5));
            text(page.locator("#outbox li[data-kind='acta-photo']"), "leída: mesa " + id(t0));
            Chromium.screenshot(page, "witness-6-delivered-after-restart");
            List<StoredEvidence> stored = fromWitness(second, witness);
            assertThat(stored).extracting(e -> e.channel().name() + " " + e.tally().table().value())
                    .containsExactlyInAnyOrder("image " + id(t0), "qr " + id(t1), "checkin " + id(t1));

            // The answers were lost (as when the connection drops after the server committed): the records are
            // queued again as they were, resent byte for byte, and the server recognises every one.
            @SuppressWarnings("unchecked")
            List<Object> before = (List<Object>) page.evaluate(FORGET_ANSWERS);
            assertThat(before).hasSize(3);
            page.reload();
            PlaywrightAssertions.assertThat(page.locator("#outbox li[data-state='sent']"))
                    .hasCount(3, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> after = (List<Map<String, Object>>) page.evaluate(RECEIPTS);
            List<Object> afterIds = new ArrayList<>();
            for (Map<String, Object> r : after) {
                afterIds.add(r.get("id"));
                assertThat(r.get("duplicate")).as("the server recognised the resend " + r).isEqualTo(true);
            }
            assertThat(afterIds).containsExactlyInAnyOrderElementsOf(before);
            assertThat(fromWitness(second, witness)).hasSize(3);
        } finally {
            server.close();
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void theSwitchToEnglishTranslatesTheAppIncludingARefusalAndSurvivesAReload() {
        try (LiveServer live = new LiveServer(6, 7); Chromium chromium = Chromium.launch()) {
            String witness = live.get("/api/v1/me", Role.WITNESS).json().get("submitter").asText();
            SyntheticTable mine = live.synth.table(0);
            SyntheticTable other = live.synth.table(1);
            assertThat(live.post("/api/v1/assignments", Role.COORDINATOR, "{\"table\":\"" + id(mine) + "\",\"witness\":\"" + witness + "\"}")
                    .status()).isEqualTo(201);
            Page page = phone(chromium).newPage();
            page.navigate(live.uri("/app/").toString());
            visible(page.locator("body[data-ready='true']"));
            assertThat(page.title()).isEqualTo("Testigo · testigo de mesa");
            PlaywrightAssertions.assertThat(page.locator("[data-lang='es']")).hasAttribute("aria-pressed", "true");

            // A mistyped token: the API's code in the app's words, not the server's English message.
            page.fill("#token", "tgo_not-a-real-token");
            page.click("#signin-submit");
            PlaywrightAssertions.assertThat(page.locator("#signin-error")).hasText(
                    "El servidor no reconoce este token (mal copiado o revocado). Pida uno a su coordinador.");
            signIn(page, live.tokens.get(Role.WITNESS));
            PlaywrightAssertions.assertThat(page.locator("#home h2").first()).hasText("Mis mesas");
            PlaywrightAssertions.assertThat(page.locator("#net")).hasText("en línea");

            // An acta of a table that is not the witness's: warned before sending, refused by the server (403 NOT_ASSIGNED).
            page.click("#paste-qr");
            page.fill("#qr-text", other.payload());
            page.click("#paste-form button[type='submit']");
            PlaywrightAssertions.assertThat(page.locator("#review-warning"))
                    .hasText("La mesa " + id(other) + " no es una de sus mesas: el servidor la rechazará.");
            page.click("#review-send");
            Locator refused = page.locator("#outbox li[data-state='refused']");
            text(refused.locator(".state"), "Rechazada: Esa mesa no es una de sus mesas.");
            // the server's own message (English, naming the table) stays at hand
            PlaywrightAssertions.assertThat(refused.locator("details pre")).containsText(id(other));
            Chromium.screenshot(page, "witness-7-spanish-refusal");

            // ES → EN: the page's texts, what is drawn from data, <html lang> and the title follow at once.
            page.click("[data-lang='en']");
            PlaywrightAssertions.assertThat(page.locator("html")).hasAttribute("lang", "en");
            PlaywrightAssertions.assertThat(page.locator("[data-lang='en']")).hasAttribute("aria-pressed", "true");
            PlaywrightAssertions.assertThat(page.locator("#home h2").first()).hasText("My tables");
            PlaywrightAssertions.assertThat(page.locator("#open-turnout")).hasText("Report turnout");
            PlaywrightAssertions.assertThat(page.locator("#net")).hasText("online");
            PlaywrightAssertions.assertThat(page.locator(".lang")).hasAttribute("aria-label", "Language");
            PlaywrightAssertions.assertThat(refused.locator(".state")).hasText("Refused: That table is not one of your tables.");
            PlaywrightAssertions.assertThat(page.locator("#incident-type option[value='violence']")).hasText("Violence or intimidation");
            assertThat(page.title()).isEqualTo("Testigo · witness");
            Chromium.screenshot(page, "witness-8-english");

            // The choice stays on the phone.
            page.reload();
            visible(page.locator("body[data-ready='true']"));
            PlaywrightAssertions.assertThat(page.locator("html")).hasAttribute("lang", "en");
            PlaywrightAssertions.assertThat(page.locator("#home h2").first()).hasText("My tables");
            PlaywrightAssertions.assertThat(page.locator("#review h2")).hasText("Check before sending");
            PlaywrightAssertions.assertThat(refused.locator(".state")).hasText("Refused: That table is not one of your tables.");
            // a code the app does not know is shown in the server's words; a bare HTTP failure by its status
            String version = new org.testigo.web.apps.WitnessApp().version();
            @SuppressWarnings("unchecked")
            List<String> words = (List<String>) page.evaluate("async (v) => { const m = await import('/app/v/' + v + '/i18n.js'); return ["
                    + "m.errorText('NOT_ASSIGNED', 'table X is not assigned to witness-1', 403), "
                    + "m.errorText('A_CODE_FROM_A_NEWER_SERVER', 'what the server says', 422), m.errorText('HTTP', null, 502)]; }", version);
            assertThat(words).containsExactly("That table is not one of your tables.", "what the server says",
                    "the server answered with an error (HTTP 502)");

            // and back
            page.click("[data-lang='es']");
            PlaywrightAssertions.assertThat(page.locator("html")).hasAttribute("lang", "es");
            PlaywrightAssertions.assertThat(page.locator("#home h2").first()).hasText("Mis mesas");
            PlaywrightAssertions.assertThat(refused.locator(".state")).hasText("Rechazada: Esa mesa no es una de sus mesas.");
            assertThat(live.get("/api/v1/tables/" + id(other)).json().get("versions")).as("nothing stored for the refused acta").isEmpty();
        }
    }

    /** A whole number as Spanish writes it (the public site's way: 12.345); written here, not taken from the browser's Intl. */
    private static String spanish(long n) {
        String digits = Long.toString(n);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                s.append('.');
            }
            s.append(digits.charAt(i));
        }
        return s.toString();
    }

    /** Resets every delivered record to "queued" without its receipt; answers the ids the receipts named (a photo's: the image's). */
    private static final String FORGET_ANSWERS = """
            () => new Promise((resolve, reject) => {
              const open = indexedDB.open('testigo-witness');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const tx = open.result.transaction('outbox', 'readwrite');
                const os = tx.objectStore('outbox');
                const ids = [];
                os.getAll().onsuccess = (e) => {
                  for (const item of e.target.result) {
                    ids.push(item.kind === 'acta-photo' ? item.receipt.id : item.receipt.evidence);
                    item.state = 'queued'; item.receipt = null; item.image = null; item.nextAttemptAt = 0;
                    os.put(item);
                  }
                };
                tx.oncomplete = () => { open.result.close(); resolve(ids); };
              };
            })""";

    /** Each record's receipt id (the evidence, or for a photo the image's id) and whether the server called it a duplicate. */
    private static final String RECEIPTS = """
            () => new Promise((resolve, reject) => {
              const open = indexedDB.open('testigo-witness');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const req = open.result.transaction('outbox').objectStore('outbox').getAll();
                req.onsuccess = () => { open.result.close();
                  resolve(req.result.map((i) => ({ id: i.kind === 'acta-photo' ? i.receipt.id : i.receipt.evidence,
                    duplicate: i.receipt.duplicate }))); };
              };
            })""";

    private static BrowserContext phone(Chromium chromium) {
        return chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setDeviceScaleFactor(2)
                .setHasTouch(true));
    }

    private static void signIn(Page page, String token) {
        page.fill("#token", token);
        page.click("#signin-submit");
        visible(page.locator("#home"));
    }

    private static void choosePhoto(Page page, SyntheticTable t) {
        page.setInputFiles("#photo-input", new FilePayload("acta-" + id(t) + ".png", "image/png", ActaPictures.png(t.payload())));
        visible(page.locator("#review"));
    }

    private static void visible(Locator l) {
        PlaywrightAssertions.assertThat(l).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
    }

    private static void text(Locator l, String expected) {
        PlaywrightAssertions.assertThat(l).containsText(expected, new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT_MS));
    }

    private static String id(SyntheticTable t) {
        return t.table().id().value();
    }

    private static List<StoredEvidence> fromWitness(Deployment deployment, String witness) {
        List<StoredEvidence> out = new ArrayList<>();
        deployment.evidence().forEach(e -> {
            if (e.submitter().equals(witness)) {
                out.add(e);
            }
        });
        return out;
    }

    private static int copiesFrom(LiveServer live, SyntheticTable t, String witness) {
        int n = 0;
        for (JsonNode v : live.get("/api/v1/tables/" + id(t)).json().get("versions")) {
            for (JsonNode c : v.get("copies")) {
                if (c.get("submitter").asText().equals(witness)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static JsonNode me(int port, String token) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
