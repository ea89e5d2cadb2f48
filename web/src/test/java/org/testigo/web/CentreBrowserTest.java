package org.testigo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testigo.intake.ActaPictures;
import org.testigo.store.Role;
import org.testigo.synth.SyntheticTable;
import org.testigo.testing.Chromium;

/**
 * The command centre in Chromium, against a live server: volunteers transcribe unreadable photos with the
 * keyboard alone (two agree; on another photo two disagree and a third settles it), and the coverage board
 * follows submissions made while it is open. The page runs under the server's strict CSP: any violation or
 * script error fails the test.
 */
class CentreBrowserTest {
    static {
        // The board polls every 3 s and a photo decodes in the background: allow for a slow shared machine.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @Test
    void volunteersTranscribeTwoPhotosWithTheKeyboardAloneAndAThirdSettlesADisagreement() {
        try (LiveServer live = new LiveServer(10, 23); Chromium chromium = Chromium.launch()) {
            long photoA = needsTranscription(live, 1);
            long photoB = needsTranscription(live, 2);
            SyntheticTable tableA = live.synth.table(4);
            SyntheticTable tableB = live.synth.table(7);
            List<String> errors = new ArrayList<>();
            Page v1 = signIn(chromium, live, volunteer(live, "v1"), errors);
            Page v2 = signIn(chromium, live, volunteer(live, "v2"), errors);

            // Both take the oldest task (photo A); each sees the photo and an empty form, never the other's entry.
            int taskA = awaitTask(v1);
            assertThat(awaitTask(v2)).isEqualTo(taskA);
            assertThat(v1.locator("#desk-photo img").getAttribute("src")).startsWith("data:image/jpeg;base64,");
            assertThat(v1.evaluate("document.activeElement.id")).as("the table field has the focus").isEqualTo("f-table");

            typeEntry(v1, live, tableA, 0);
            int taskB = awaitTask(v1);
            assertThat(taskB).as("v1 moves on to photo B at once").isNotEqualTo(taskA);
            assertThat(v1.locator("#desk-last")).containsText("waiting for a second person");
            assertThat(v2.locator("#f-table")).hasValue("");

            typeEntry(v2, live, tableA, 0);
            assertThat(v2.locator("#desk-last")).containsText(Pattern.compile("Task " + taskA + ": agreed — recorded as evidence \\d+"));
            assertThat(awaitTask(v2)).isEqualTo(taskB);
            JsonNode a = live.get("/api/v1/tables/" + tableA.table().id().value()).json();
            assertThat(a.get("status").asText()).isEqualTo("provisional");
            assertThat(a.at("/accepted/valid").asLong()).isEqualTo(tableA.valid());

            // Photo B: the two first readings differ in one box; a third volunteer is asked and agrees with v1.
            typeEntry(v1, live, tableB, 0);
            typeEntry(v2, live, tableB, 3);
            assertThat(v2.locator("#desk-last")).containsText("the readings differ, one more person will read it");
            Page v3 = signIn(chromium, live, volunteer(live, "v3"), errors);
            assertThat(awaitTask(v3)).isEqualTo(taskB);
            Chromium.screenshot(v3, "centre-desk");
            typeEntry(v3, live, tableB, 0);
            assertThat(v3.locator("#desk-last")).containsText("Task " + taskB + ": agreed");
            JsonNode b = live.get("/api/v1/tables/" + tableB.table().id().value()).json();
            assertThat(b.at("/accepted/valid").asLong()).isEqualTo(tableB.valid());
            assertThat(b.at("/accepted/cards/1/votes").asLong()).as("v1's and v3's reading, not v2's").isEqualTo(tableB.cards().get(1));
            assertThat(v3.locator("#desk-status")).containsText("Nothing to transcribe");

            // A task nobody can read: Alt+U closes it after two people say so.
            long photoC = needsTranscription(live, 3);
            v1.reload();
            int taskC = awaitTask(v1);
            v1.keyboard().press("Alt+KeyU");
            assertThat(v1.locator("#desk-last")).containsText("Task " + taskC + ": entered; waiting");
            v3.reload();
            int again = awaitTask(v3);
            assertThat(again).isEqualTo(taskC);
            v3.keyboard().press("Alt+KeyU");
            assertThat(v3.locator("#desk-last")).containsText("Task " + taskC + ": closed as unreadable");

            assertThat(live.get("/api/v1/images/" + photoA, Role.ADMIN).json().get("status").asText()).isEqualTo("needs-transcription");
            assertThat(photoB).isNotEqualTo(photoC);
            assertThat(errors).as("console errors and CSP violations").isEmpty();
        }
    }

    @Test
    void theCoverageBoardFollowsSubmissionsWhileItIsOpen() throws Exception {
        try (LiveServer live = new LiveServer(12, 29); Chromium chromium = Chromium.launch()) {
            List<String> errors = new ArrayList<>();
            Page page = signIn(chromium, live, live.tokens.get(Role.COORDINATOR), errors);
            page.navigate(live.uri("/centre/#coverage").toString());
            Locator total = page.locator("#cov-total tr[data-code=total]");
            assertThat(total.locator("[data-k=tables]")).hasText("12");
            assertThat(total.locator("[data-k=received]")).hasText("0");
            assertThat(total.locator("[data-k=missing]")).hasText("12");

            SyntheticTable t = live.synth.table(5);
            String region = live.get("/api/v1/tables/" + t.table().id().value()).json().at("/path/0/code").asText();
            Locator row = page.locator("#cov-rows tr[data-code='" + region + "']");
            int regionReceived = Integer.parseInt(row.locator("[data-k=received]").textContent());

            assertThat(live.submit(Role.WITNESS, Map.of("payload", t.payload())).status()).isEqualTo(201);
            assertThat(total.locator("[data-k=received]")).hasText("1");
            assertThat(total.locator("[data-k=missing]")).hasText("11");
            assertThat(row.locator("[data-k=received]")).hasText(String.valueOf(regionReceived + 1));
            assertThat(total.locator("[data-k=confirmed]")).hasText("0");

            assertThat(live.submit(Role.ADMIN, Map.of("payload", t.payload())).status()).isEqualTo(201);
            assertThat(total.locator("[data-k=confirmed]")).hasText("1");

            assertThat(live.post("/api/v1/incidents", Role.VOLUNTEER, "{\"table\":\"" + live.synth.table(2).table().id().value()
                    + "\",\"type\":\"acta-refused\"}").status()).isEqualTo(201);
            assertThat(total.locator("[data-k=trouble]")).hasText("1");
            assertThat(total.locator("[data-k=trouble]")).hasClass("warn");

            String witness = live.get("/api/v1/me", Role.WITNESS).json().get("submitter").asText();
            page.navigate(live.uri("/centre/#assignments").toString());
            page.locator("#assign-file").setInputFiles(new FilePayload("a.csv", "text/csv",
                    ("table_id,witness\n" + live.synth.table(9).table().id().value() + "," + witness + "\n").getBytes(StandardCharsets.UTF_8)));
            page.locator("#assign-form button").click();
            assertThat(page.locator("#assign-result")).hasText("1 new assignment(s); 1 in all.");
            page.locator("#assign-file").setInputFiles(new FilePayload("b.csv", "text/csv",
                    ("table_id,witness\n999.99," + witness + "\n").getBytes(StandardCharsets.UTF_8)));
            page.locator("#assign-form button").click();
            assertThat(page.locator("#assign-errors li").first()).containsText("line 2");

            page.navigate(live.uri("/centre/#coverage").toString());
            assertThat(total.locator("[data-k=with_witness]")).hasText("1");
            // Drill down into the acta's region: the place's own board, with its breadcrumb.
            row.locator("a").click();
            assertThat(page.locator("#cov-crumbs a")).hasCount(2);
            assertThat(total.locator("[data-k=received]")).hasText("1");
            Chromium.screenshot(page, "centre-coverage");

            Download download = page.waitForDownload(() -> page.locator("#cov-missing").click());
            List<String> lines = Files.readAllLines(download.path(), StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo("table_id,node,registered,witnesses,incidents");
            assertThat(lines).hasSize(1 + Integer.parseInt(total.locator("[data-k=missing]").textContent()));
            assertThat(lines).noneMatch(l -> l.startsWith(t.table().id().value() + ","));
            assertThat(errors).as("console errors and CSP violations").isEmpty();
        }
    }

    @Test
    void aCoordinatorSeesTheVolunteersAndReQueuesOnesWorkInOneClick() {
        try (LiveServer live = new LiveServer(10, 31); Chromium chromium = Chromium.launch()) {
            needsTranscription(live, 5);
            List<String> errors = new ArrayList<>();
            String token = volunteer(live, "slow");
            Page v = signIn(chromium, live, token, errors);
            int task = awaitTask(v);
            String who = live.send(java.net.http.HttpRequest.newBuilder(live.uri("/api/v1/me"))
                    .header("Authorization", "Bearer " + token).build()).json().get("submitter").asText();

            Page c = signIn(chromium, live, live.tokens.get(Role.COORDINATOR), errors);
            c.navigate(live.uri("/centre/#volunteers").toString());
            Locator row = c.locator("#vol-rows tr[data-volunteer='" + who + "']");
            assertThat(row.locator("[data-k=leased]")).hasText("1"); // the task they hold
            row.locator("button").click();
            assertThat(c.locator("#vol-result")).hasText(who + ": 1 lease(s) ended, 0 entries voided");
            JsonNode detail = live.get("/api/v1/desk/tasks/" + task, Role.COORDINATOR).json();
            assertThat(detail.get("status").asText()).isEqualTo("open");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void aWitnessTokenIsSentToTheWitnessApp() {
        try (LiveServer live = new LiveServer(5, 37); Chromium chromium = Chromium.launch()) {
            Page page = chromium.newPage();
            page.navigate(live.uri("/centre/").toString());
            page.keyboard().type(live.tokens.get(Role.WITNESS));
            page.keyboard().press("Enter");
            assertThat(page.locator("#signin-error")).containsText("witness app");
            assertThat(page.locator("#nav")).isHidden();
        }
    }

    // ---- helpers ----

    static long needsTranscription(LiveServer live, int variant) {
        LiveServer.Answer photo = live.submitImage(Role.WITNESS, ActaPictures.withoutCode(variant));
        long id = photo.json().get("id").asLong();
        assertThat(live.awaitImage(id, Role.WITNESS).get("status").asText()).isEqualTo("needs-transcription");
        return id;
    }

    static String volunteer(LiveServer live, String name) {
        return live.post("/api/v1/tokens", Role.COORDINATOR, "{\"role\":\"volunteer\",\"name\":\"" + name + "\"}").json()
                .get("token").asText();
    }

    /** Opens the centre in a fresh context and signs in by typing the token and pressing Enter. */
    static Page signIn(Chromium chromium, LiveServer live, String token, List<String> errors) {
        Page page = chromium.newPage();
        page.onConsoleMessage(m -> {
            // A refused request (the bad CSV on purpose) is logged by Chromium too; the page shows those itself.
            if (m.type().equals("error") && !m.text().startsWith("Failed to load resource")) {
                errors.add(m.text());
            }
        });
        page.onPageError(errors::add);
        page.navigate(live.uri("/centre/").toString());
        assertThat(page.locator("#token")).isFocused();
        page.keyboard().type(token);
        page.keyboard().press("Enter");
        assertThat(page.locator("#nav")).isVisible();
        return page;
    }

    /** Waits for a task on the desk with its form focused and empty; its number. */
    static int awaitTask(Page page) {
        assertThat(page.locator("#desk-form")).isVisible();
        assertThat(page.locator("#desk-task")).containsText("Task ");
        String text = page.locator("#desk-task").textContent();
        java.util.regex.Matcher m = Pattern.compile("Task (\\d+)").matcher(text);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /**
     * Types a reading of {@code t} as a volunteer does: the table id, Tab, each card's count in ballot order,
     * the null votes, Enter. {@code typo} is added to the second card (a misread box).
     */
    static void typeEntry(Page page, LiveServer live, SyntheticTable t, int typo) {
        int task = awaitTask(page);
        assertThat(page.locator("#f-table")).isFocused();
        page.keyboard().type(t.table().id().value());
        for (int i = 0; i < t.cards().size(); i++) {
            page.keyboard().press("Tab");
            page.keyboard().type(String.valueOf(t.cards().get(i) + (i == 1 ? typo : 0)));
        }
        page.keyboard().press("Tab");
        page.keyboard().type(String.valueOf(t.nullVotes()));
        if (live.synth.election().ballot().blank()) {
            page.keyboard().press("Tab");
            page.keyboard().type("0");
        }
        page.keyboard().press("Enter");
        assertThat(page.locator("#desk-last")).containsText("Task " + task + ":");
    }
}
