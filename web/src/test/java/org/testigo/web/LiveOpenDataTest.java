package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.ledger.NoteKey;
import org.testigo.opendata.DataExport;
import org.testigo.site.Site;
import org.testigo.store.Role;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;

/**
 * The live server's open data: the bundle `serve --bundle DIR` publishes (listed with sums that are the
 * files' own, served under /data/), and each piece of evidence's document under its file-like name,
 * linked from its table's page and enumerated for the mirror.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveOpenDataTest {
    static final NoteKey KEY = NoteKey.generate("testigo.test/live-open-data");

    private LiveServer live;
    private Path bundle;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        bundle = dir.resolve("bundle");
        live = new LiveServer(SyntheticElection.generate(SynthSpec.of(10, 17)), TestPostgres.freshDatabase(), KEY, bundle);
        for (int i = 0; i < 6; i++) {
            assertThat(live.submit(Role.WITNESS, Map.of("payload", live.synth.table(i).payload())).status()).isEqualTo(201);
        }
    }

    @AfterAll
    void stop() {
        live.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theDownloadsPageListsABundlePublishedAfterTheStartWithEachFilesOwnSum() throws Exception {
        assertThat(live.get("/downloads.html").text()).as("nothing yet").contains("Todavía no se ha publicado");
        DataExport.write(live.deployment, KEY, bundle);

        String html = live.get("/en/downloads.html").text();
        assertThat(html).doesNotContain("has not been published yet");
        Matcher rows = Pattern.compile("<td><a href=\"\\.\\./data/([^\"]+)\">[^<]*</a></td><td class=\"n\">[^<]*</td><td class=\"hash\">([0-9a-f]{64})</td>")
                .matcher(html);
        int listed = 0;
        while (rows.find()) {
            byte[] onDisk = Files.readAllBytes(bundle.resolve(rows.group(1)));
            assertThat(rows.group(2)).as(rows.group(1)).isEqualTo(sha256(onDisk));
            LiveServer.Answer served = live.get("/data/" + rows.group(1));
            assertThat(served.status()).as(rows.group(1)).isEqualTo(200);
            assertThat(served.raw().body()).isEqualTo(onDisk);
            listed++;
        }
        assertThat(listed).isGreaterThanOrEqualTo(3);
        assertThat(html).contains("../data/SHA256SUMS");
        assertThat(live.get("/data/../pom.xml").status()).isEqualTo(404);
        assertThat(live.get("/data/not-in-the-bundle.txt").status()).isEqualTo(404);
    }

    @Test
    void eachPieceOfEvidenceHasAJsonDocumentLinkedFromItsTableAndEnumeratedForTheMirror() throws Exception {
        String id = live.synth.table(0).table().id().value();
        String page = live.get("/table/" + id + ".html").text();
        Matcher link = Pattern.compile("<a href=\"\\.\\./api/v1/evidence/(\\d+)\\.json\">JSON</a>").matcher(page);
        assertThat(link.find()).as(page).isTrue();
        String evidence = link.group(1);

        LiveServer.Answer alias = live.get("/api/v1/evidence/" + evidence + ".json");
        LiveServer.Answer plain = live.get("/api/v1/evidence/" + evidence);
        assertThat(alias.status()).isEqualTo(200);
        assertThat(alias.raw().body()).isEqualTo(plain.raw().body());
        assertThat(alias.json().get("table").asText()).isEqualTo(id);
        assertThat(alias.json().get("content").asText()).isEqualTo(live.synth.table(0).payload());

        Site site = Site.of(live.deployment);
        List<String> documents = site.documents().filter(d -> d.startsWith("api/v1/evidence/")).toList();
        assertThat(documents).hasSize(6).contains("api/v1/evidence/" + evidence + ".json");
        assertThat(site.render("api/v1/evidence/" + evidence + ".json").orElseThrow().bytes()).isEqualTo(plain.raw().body());
        assertThat(site.render("api/v1/evidence/007.json")).isEmpty();
        assertThat(site.render("api/v1/evidence/999999.json")).isEmpty();
        assertThat(live.get("/api/v1/evidence/x.json").status()).isEqualTo(400);
    }
}
