package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.testigo.testing.Chromium;

/** Chromium reaches a live server and reads its answer: the ground every browser test stands on. */
class BrowserSmokeTest {
    @Test
    void chromiumReadsTheHealthDocumentOfALiveServer() {
        try (LiveServer live = new LiveServer(20, 7); Chromium chromium = Chromium.launch()) {
            Page page = chromium.newPage();
            var response = page.navigate(live.uri("/health").toString());
            assertThat(response.status()).isEqualTo(200);
            assertThat(page.textContent("body")).contains("\"status\":\"ok\"").contains(live.synth.election().id());
        }
    }
}
