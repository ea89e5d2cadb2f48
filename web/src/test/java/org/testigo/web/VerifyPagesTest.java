package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testigo.election.Card;
import org.testigo.election.Counts;
import org.testigo.intake.ActaPictures;
import org.testigo.site.Site;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.tally.ve2024.Ve2024Payload;

/**
 * The verify form answered as pages of the site, over real HTTP: each outcome in Spanish and English,
 * refusals as pages in the form's language with their status, JSON for clients that ask for it, and
 * everything a citizen sent escaped. Expected numbers come from the synthetic election's truth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyPagesTest {
    private LiveServer live;

    @BeforeAll
    void start() {
        live = new LiveServer(24, 45);
        for (int i = 0; i < 12; i++) {
            assertThat(live.submit(Role.WITNESS, Map.of("payload", live.synth.table(i).payload())).status()).isEqualTo(201);
        }
    }

    @AfterAll
    void stop() {
        live.close();
    }

    private LiveServer.Answer form(String path, String accept, Multipart form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(live.uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY);
        if (accept != null) {
            b.header("Accept", accept);
        }
        return live.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
    }

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /** Table {@code t}'s acta with {@code delta} more votes on its first card that has votes. */
    private static String changed(SyntheticTable t, int delta) {
        int[] cards = t.cards().toArray();
        int card = 0;
        while (cards[card] == 0) {
            card++;
        }
        cards[card] += delta;
        return Ve2024Payload.format(t.table().id(), Counts.of(cards), t.nullVotes(), 0);
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ");
    }

    @Test
    void aMatchingActaIsAPageThatSaysItMatchesAndLinksItsTable() {
        SyntheticTable t = live.synth.table(1);
        LiveServer.Answer a = form("/verify", BROWSER, Multipart.form().text("lang", "es").text("qr", t.payload()));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("text/html");
        assertThat(a.header("Cache-Control")).contains("no-store");
        assertThat(a.header("Content-Security-Policy")).contains("default-src 'none'");
        String html = a.text();
        assertThat(html).contains("<html lang=\"es\"").contains("Su acta coincide con el resultado publicado")
                .contains("href=\"./table/" + t.table().id().value() + ".html\"")
                .doesNotContain("class=\"differs\"");
        // every candidate's votes, from the generator's truth, appear beside themselves
        for (int c = 0; c < 10; c++) {
            assertThat(text(html)).contains(Ve2024Ballot.BALLOT.candidates().get(c).name());
        }
    }

    @Test
    void aMismatchShowsEachDifferingFieldWithBothNumbersHighlighted() {
        SyntheticTable t = live.synth.table(2);
        int card = 0;
        while (t.cards().get(card) == 0) {
            card++;
        }
        Card c = Ve2024Ballot.BALLOT.cards().get(card);
        int candidate = Ve2024Ballot.BALLOT.candidates().stream().map(x -> x.id()).toList().indexOf(c.candidate());
        String html = form("/en/verify", BROWSER, Multipart.form().text("lang", "en").text("qr", changed(t, 1))).text();

        assertThat(html).contains("<html lang=\"en\"").contains("Your acta does not match what is published");
        Matcher rows = Pattern.compile("<tr class=\"differs\"><td>([^<]*) <strong class=\"flag\">differs</strong></td>"
                + "<td class=\"n\">([^<]*)</td>\\s*<td class=\"n\">([^<]*)</td>").matcher(html);
        java.util.List<String> found = new java.util.ArrayList<>();
        while (rows.find()) {
            found.add(rows.group(1) + " | " + rows.group(2) + " | " + rows.group(3));
        }
        long votes = t.candidates().get(candidate);
        long cardVotes = t.cards().get(card);
        assertThat(found).containsExactly(
                Ve2024Ballot.BALLOT.candidates().get(candidate).name() + " | " + String.format(java.util.Locale.ENGLISH, "%,d", votes + 1)
                        + " | " + String.format(java.util.Locale.ENGLISH, "%,d", votes),
                c.name() + " | " + String.format(java.util.Locale.ENGLISH, "%,d", cardVotes + 1)
                        + " | " + String.format(java.util.Locale.ENGLISH, "%,d", cardVotes));
        assertThat(html).contains("<li>" + c.name() + ": the acta says " + String.format(java.util.Locale.ENGLISH, "%,d", cardVotes + 1)
                + ", " + String.format(java.util.Locale.ENGLISH, "%,d", cardVotes) + " is published</li>");
        Matcher receipt = Pattern.compile("<strong>(\\d+)</strong> · <a href=\"\\.\\./api/v1/evidence/(\\d+)\\.json\"").matcher(html);
        assertThat(receipt.find()).as(html).isTrue();
        assertThat(receipt.group(1)).isEqualTo(receipt.group(2));
        assertThat(live.get("/api/v1/evidence/" + receipt.group(1) + ".json").json().get("channel").asText()).isEqualTo("citizen");
    }

    @Test
    void anActaOfATableWithNothingPublishedThanksAndGivesTheReceipt() {
        SyntheticTable t = live.synth.table(20);
        String html = form("/verify", BROWSER, Multipart.form().text("lang", "es").text("qr", t.payload())).text();
        assertThat(html).contains("Gracias: todavía no hay nada publicado para esta mesa").contains("Número de evidencia")
                .contains("./api/v1/evidence/");
        assertThat(html).doesNotContain("<th scope=\"col\">Publicado</th>");
    }

    @Test
    void aPhotoWithoutACodeAsksForABetterOneWithTips() {
        String html = form("/en/verify", BROWSER, Multipart.form().text("lang", "en").image(ActaPictures.withoutCode(3))).text();
        assertThat(html).contains("We could not read an acta in this photo").contains("Tips for a better photo").contains("NO_QR_CODE");
    }

    @Test
    void aPhotoOfTheActaMatchesToo() {
        SyntheticTable t = live.synth.table(3);
        String html = form("/verify", BROWSER, Multipart.form().image(ActaPictures.png(t.payload()))).text();
        assertThat(html).contains("Su acta coincide con el resultado publicado");
    }

    @Test
    void scriptInTheQrTextIsShownEscapedWithTheDecodersMessage() {
        String hostile = "<script>alert('acta')</script>";
        LiveServer.Answer a = form("/verify", BROWSER, Multipart.form().text("lang", "es").text("qr", hostile));
        assertThat(a.status()).isEqualTo(200);
        String html = a.text();
        assertThat(html).contains("Esta no es un acta válida de esta elección")
                .contains("<pre class=\"payload\">&lt;script&gt;alert('acta')&lt;/script&gt;</pre>")
                .doesNotContain("<script>alert");
        assertThat(html).containsPattern("<ul class=\"problems\" lang=\"en\">\\s*<li><code>[A-Z_]+</code>");
    }

    @Test
    void anEnglishFormPostedToTheRootRouteGetsEnglishWithLinksFromTheRoot() {
        SyntheticTable t = live.synth.table(4);
        String html = form("/verify", BROWSER, Multipart.form().text("lang", "en").text("qr", t.payload())).text();
        assertThat(html).contains("<html lang=\"en\"").contains("Your acta matches the published tally")
                .contains("href=\"./en/table/" + t.table().id().value() + ".html\"");
        // the site's stylesheet is linked from where the page is served
        String css = new Site(null).assets().keySet().stream().filter(p -> p.endsWith(".css")).findFirst().orElseThrow();
        assertThat(html).contains("href=\"./" + css + "\"");
    }

    @Test
    void aRefusedFormIsAPageInTheFormsLanguageWithItsStatus() {
        LiveServer.Answer empty = form("/verify", BROWSER, Multipart.form().text("lang", "en").text("qr", ""));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.header("Content-Type")).startsWith("text/html");
        assertThat(empty.text()).contains("<html lang=\"en\"").contains("The form could not be checked.")
                .contains("NOTHING_TO_VERIFY").contains("href=\"./en/verify.html\"");

        LiveServer.Answer both = form("/en/verify", BROWSER, Multipart.form().text("qr", "x").image(ActaPictures.withoutCode(1)));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.text()).contains("<html lang=\"en\"").contains("QR_AND_IMAGE").contains("href=\"../en/verify.html\"");

        LiveServer.Answer unknown = form("/verify", BROWSER, Multipart.form().text("<script>x</script>", "1"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("<html lang=\"es\"").contains("No se pudo verificar el formulario.")
                .contains("&lt;script&gt;").doesNotContain("<script>x");
    }

    @Test
    void aClientThatAsksForJsonGetsJsonFromTheFormRoutes() {
        SyntheticTable t = live.synth.table(5);
        LiveServer.Answer ok = form("/verify", "application/json", Multipart.form().text("qr", t.payload()));
        assertThat(ok.header("Content-Type")).startsWith("application/json");
        assertThat(ok.json().get("outcome").asText()).isEqualTo("match");
        LiveServer.Answer refused = form("/verify", "application/json", Multipart.form().text("qr", ""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("NOTHING_TO_VERIFY");
        LiveServer.Answer api = form("/api/v1/verify", BROWSER, Multipart.form().text("qr", ""));
        assertThat(api.header("Content-Type")).as("the API route stays JSON").startsWith("application/json");
    }
}
