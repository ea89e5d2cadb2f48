package org.testigo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testigo.deployment.Deployment;
import org.testigo.election.Geography;
import org.testigo.resultados.ImportedRow;
import org.testigo.resultados.ResultadosCsv;
import org.testigo.resultados.ResultadosImport;
import org.testigo.resultados.Ve2024Geometry;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.EvidenceDraft;
import org.testigo.store.TestPostgres;
import org.testigo.tally.Verification;
import org.testigo.testing.SharedData;

/**
 * The site of the real V2 import (25,073 tables) with the OCHA/INE state outlines, checked against the
 * per-state sums in {@code derived_totals_by_state_V2.csv} and the press figures of SOURCES.md.
 */
class RealSiteTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-08-01T12:00:00Z"), ZoneOffset.UTC);
    static final List<String> CANDIDATES = List.of("EG", "NM", "LM", "JABE", "JOBR", "AE", "CF", "DC", "EM", "BERA");

    static Deployment deployment;
    static Site site;
    static Geography geo;
    /** COD_EDO (two digits) → column → value, from derived_totals_by_state_V2.csv. */
    static Map<String, Map<String, Long>> states = new HashMap<>();
    /** The file's TOTAL row. */
    static Map<String, Long> total = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        ResultadosImport imported = ResultadosCsv.read(SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V2.csv"));
        deployment = Deployment.open(TestPostgres.open(), CLOCK);
        deployment.load(imported.election());
        String header = String.join(",", imported.variant().header());
        Verification v = Verification.notVerifiable("a published dataset", List.of());
        List<EvidenceDraft> drafts = new ArrayList<>();
        for (ImportedRow row : imported.rows()) {
            drafts.add(new EvidenceDraft(Channel.IMPORT, "import-resultadosconvzla", ResultadosCsv.TALLY_FORMAT, "text/csv; charset=utf-8",
                    (header + "\n" + row.rawLine()).getBytes(StandardCharsets.UTF_8), row.tally(), v, CLOCK.instant()));
        }
        deployment.importEvidence(drafts);
        geo = imported.election().geography();
        deployment.saveGeometry(Ve2024Geometry.read(Files.readAllBytes(SharedData.file("ve_states_adm1_ine_ocha.geojson")),
                "ve_states_adm1_ine_ocha.geojson", geo));
        site = Site.of(deployment);
        List<String> lines = Files.readAllLines(SharedData.file("derived_totals_by_state_V2.csv"), StandardCharsets.UTF_8);
        String[] head = lines.get(0).split(",");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length < 2) {
                continue;
            }
            Map<String, Long> values = f[0].isBlank() ? total : new HashMap<>();
            for (int i = 2; i < head.length && i < f.length; i++) {
                if (!f[i].isEmpty()) {
                    values.put(head[i], Long.parseLong(f[i]));
                }
            }
            if (!f[0].isBlank()) {
                states.put(String.format("%02d", Integer.parseInt(f[0])), values);
            }
        }
    }

    @AfterAll
    static void stop() {
        deployment.close();
    }

    static String page(String path) {
        return SiteFiles.text(site.render(path).orElseThrow(() -> new AssertionError("no page " + path)));
    }

    static long national(String column) {
        return states.values().stream().mapToLong(s -> s.get(column)).sum();
    }

    @Test
    void theHomePageCarriesTheNationalSumsOfTheStates() {
        Numbers es = new Numbers(Language.ES);
        Numbers en = new Numbers(Language.EN);
        String home = page("index.html");
        assertThat(national("VOTOS_VALIDOS")).isEqualTo(total.get("VOTOS_VALIDOS")); // the file's own TOTAL row
        assertThat(home).contains(es.count(national("VOTOS_VALIDOS"))).contains(es.count(national("VOTOS_NULOS")))
                .contains(es.count(national("mesas")) + " / " + es.count(30_026));
        for (String c : CANDIDATES) {
            assertThat(home).as(c).contains(es.count(national(c)));
        }
        assertThat(page("en/index.html")).contains(en.count(national("VOTOS_VALIDOS"))).contains(en.count(national("EG")));
        // The official bulletins beside what was collected (press figures, SOURCES.md).
        assertThat(home).contains("CNE boletín 1").contains(es.count(5_150_092)).contains(es.count(4_445_978));
        assertThat(home).contains("2024-08-01 12:00:00 UTC");
    }

    @Test
    void everyStatePageCarriesItsOwnSums() {
        Numbers es = new Numbers(Language.ES);
        states.forEach((code, values) -> {
            String html = page("place/" + code + ".html");
            assertThat(html).as(code).contains(es.count(values.get("VOTOS_VALIDOS"))).contains(es.count(values.get("EG")))
                    .contains(es.count(values.get("NM"))).contains(es.count(values.get("mesas")) + " / ");
        });
    }

    @Test
    void theMapDrawsTheTwentyFourStatesEachLinkedToItsPage() throws Exception {
        String html = page("map.html");
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\"><path d=\"M").matcher(html);
        Set<String> targets = new HashSet<>();
        while (m.find()) {
            targets.add(SiteFiles.resolve("map.html", m.group(1)));
        }
        Set<String> expected = new HashSet<>();
        states.keySet().forEach(c -> expected.add("place/" + c + ".html"));
        assertThat(targets).hasSize(24).isEqualTo(expected);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(html.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(out.size()).isLessThan(60_000);
    }

    @Test
    void theHomePageIsUnderSixtyKilobytesCompressed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(site.render("index.html").orElseThrow().bytesUnsafe());
        }
        assertThat(out.size()).isLessThan(60_000);
    }

    @Test
    void linksResolveAllTheWayDownFromAStateToATable() {
        Set<String> files = new HashSet<>();
        site.pages().forEach(files::add);
        site.documents().forEach(files::add);
        files.addAll(site.assets().keySet());
        // Walk: home, map, every state, then the first child at each level down to a table; both languages.
        Set<String> walk = new LinkedHashSet<>(List.of("index.html", "map.html", "find.html", "verify.html", "downloads.html"));
        states.keySet().forEach(c -> walk.add("place/" + c + ".html"));
        int node = geo.children(0).get(0);
        while (!geo.children(node).isEmpty()) {
            node = geo.children(node).get(0);
            walk.add("place/" + geo.code(node) + ".html");
        }
        for (int t = 0; t < geo.tableCount(); t++) {
            if (geo.tableNode(t) == node) {
                walk.add("table/" + geo.table(t).id().value() + ".html");
            }
        }
        List<String> broken = new ArrayList<>();
        for (String p : new ArrayList<>(walk)) {
            for (String path : List.of(p, "en/" + p)) {
                for (String link : SiteFiles.links(page(path))) {
                    String target = SiteFiles.resolve(path, link);
                    if (!files.contains(target) && !target.equals("find") && !target.equals("verify")) {
                        broken.add(path + " → " + link);
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(walk.stream().filter(p -> p.startsWith("table/"))).isNotEmpty();
    }

    @Test
    void aTablePageShowsTheImportedRowAsEvidence() {
        var table = geo.table(0);
        String html = page("table/" + table.id().value() + ".html");
        assertThat(html).contains("Confirmada").contains("import-resultadosconvzla").contains(">import<");
    }
}
