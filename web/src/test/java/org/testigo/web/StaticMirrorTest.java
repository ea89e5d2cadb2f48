package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.election.PollingTable;
import org.testigo.intake.ActaPictures;
import org.testigo.ledger.NoteKey;
import org.testigo.roll.RollFile;
import org.testigo.roll.RollIndex;
import org.testigo.store.Role;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.testing.Chromium;
import org.testigo.web.http.Compression;
import org.testigo.web.mirror.MirrorExport;

/**
 * {@code export-site} of a synthetic election with a voter roll, two thirds of its tables sent as QR text
 * and one as a photo, checked as files (sums, links, twins, what must never be there) and in Chromium,
 * served by a plain static HTTP server and opened from {@code file://}.
 */
class StaticMirrorTest {
    private static final Pattern LINK = Pattern.compile("\\s(?:href|src|action|data-roll|data-table-base)=\"([^\"]*)\"");

    @TempDir
    static Path dir;

    static LiveServer live;
    /** Voters per table in the test's roll. */
    static final int VOTERS = 40;
    static Path mirror;
    static byte[] original;
    static MirrorExport.Summary summary;

    @BeforeAll
    static void export() throws Exception {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(24, 41));
        Path pkg = dir.resolve("package");
        writeRoll(synth, pkg);
        NoteKey key = NoteKey.generate("testigo.test/mirror");
        live = new LiveServer(synth, TestPostgres.freshDatabase(), key);
        live.deployment.saveGeometry(synth.geometry());
        RollIndex index = RollFile.compile(pkg, synth.election()).orElseThrow();
        live.deployment.attachRoll(index);
        for (int i = 2; i < synth.tableCount(); i++) {
            if (i % 3 != 0) {
                assertThat(live.submit(Role.WITNESS, Map.of("payload", synth.table(i).payload())).status()).isEqualTo(201);
            }
        }
        original = ActaPictures.png(synth.table(1).payload());
        LiveServer.Answer photo = live.submitImage(Role.WITNESS, original);
        assertThat(photo.status()).as(photo.text()).isEqualTo(202);
        assertThat(live.awaitImage(photo.json().get("id").asLong(), Role.WITNESS).get("status").asText()).isEqualTo("decoded");
        mirror = dir.resolve("mirror");
        summary = MirrorExport.write(live.deployment, mirror,
                MirrorExport.Options.defaults().withRoll(index).withLogKey(key).withThreads(2));
    }

    /**
     * A roll of {@link #VOTERS} per table whose ids are eight digits, as most cédulas are: unlike the
     * synthetic roll's small numbers they cannot pass for a vote count, so finding one in a file means
     * the file holds the roll.
     */
    private static void writeRoll(SyntheticElection synth, Path pkg) throws IOException {
        StringBuilder csv = new StringBuilder("national_id,table_id\n");
        List<PollingTable> tables = synth.election().geography().tables();
        for (long v = 0; v < (long) VOTERS * tables.size(); v++) {
            csv.append(nationalId(v)).append(',').append(tables.get((int) (v / VOTERS)).id().value()).append('\n');
        }
        Files.createDirectories(pkg.resolve("voters"));
        Files.writeString(pkg.resolve("voters/roll.csv"), csv);
    }

    static String nationalId(long v) {
        return Long.toString(30_000_000 + v * 7_919);
    }

    static long voters() {
        return (long) VOTERS * live.synth.election().geography().tableCount();
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
    }

    // ---- as files

    @Test
    void theManifestListsEveryFileWithItsSum() throws Exception {
        Map<String, String> listed = new HashMap<>();
        for (String line : Files.readAllLines(mirror.resolve("SHA256SUMS"))) {
            String[] parts = line.split(" {2}", 2);
            assertThat(listed.put(parts[1], parts[0])).as("listed twice: " + parts[1]).isNull();
        }
        Set<String> present = new HashSet<>(files());
        present.remove("SHA256SUMS");
        assertThat(listed.keySet()).isEqualTo(present);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<String, String> e : listed.entrySet()) {
            assertThat(HexFormat.of().formatHex(sha.digest(Files.readAllBytes(mirror.resolve(e.getKey()))))).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(summary.files()).isEqualTo(present.size() + 1);
        assertThat(summary.steady()).isTrue();
        if (Files.isExecutable(Path.of("/usr/bin/sha256sum"))) { // the tool the docs tell mirror operators to run
            Process p = new ProcessBuilder("/usr/bin/sha256sum", "--quiet", "--strict", "-c", "SHA256SUMS").directory(mirror.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
        }
    }

    @Test
    void holdsEveryPageBothHomesTheDataAndTheRoll() throws IOException {
        assertThat(mirror.resolve("index.html")).isRegularFile();
        assertThat(mirror.resolve("en/index.html")).isRegularFile();
        assertThat(mirror.resolve("data/SHA256SUMS")).isRegularFile();
        assertThat(mirror.resolve("data/results/tables.csv")).isRegularFile();
        assertThat(mirror.resolve("roll/roll.json")).isRegularFile();
        // home, map, find, verify, downloads, quick count, audit; then every place and every table
        long perLanguage = 7 + live.synth.election().geography().nodes().size() + live.synth.election().geography().tableCount();
        assertThat(summary.pages()).isEqualTo(2 * perLanguage);
        assertThat(summary.images()).isEqualTo(2); // the photo's web copy and thumbnail
        int digits = Integer.parseInt(Files.readString(mirror.resolve("roll/roll.json")).replaceAll(".*\"prefix_hex\":(\\d+).*", "$1").strip());
        assertThat(summary.rollFiles()).isEqualTo(1 + (1 << (4 * digits))); // roll.json and every shard, empty ones too
        assertThat(files()).noneMatch(f -> f.contains(".tmp-") || f.contains(".old-"));
    }

    @Test
    void everyLinkOfEveryPageLeadsToAFileOfTheMirror() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (String page : files()) {
            if (!page.endsWith(".html")) {
                continue;
            }
            for (String link : links(Files.readString(mirror.resolve(page)))) {
                links++;
                assertThat(link).as("link in " + page).matches("^\\.{1,2}/.*");
                String target = resolve(page, link);
                Path file = mirror.resolve(target);
                boolean ok = target.endsWith("/") ? Files.isDirectory(file) : Files.isRegularFile(file);
                if (!ok) {
                    broken.add(page + " → " + link);
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(links).isGreaterThan(1000);
    }

    @Test
    void everyTwinDecompressesToItsFile() throws IOException {
        int twins = 0;
        for (String f : files()) {
            if (f.endsWith(".gz") || f.endsWith(".br")) {
                byte[] plain = Files.readAllBytes(mirror.resolve(f.substring(0, f.length() - 3)));
                byte[] packed = Files.readAllBytes(mirror.resolve(f));
                if (f.endsWith(".gz")) {
                    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
                        assertThat(in.readAllBytes()).as(f).isEqualTo(plain);
                    }
                } else {
                    DirectDecompress d = Decoder.decompress(packed);
                    assertThat(d.getResultStatus()).as(f).isEqualTo(DecoderJNI.Status.DONE);
                    assertThat(d.getDecompressedData()).as(f).isEqualTo(plain);
                }
                twins++;
            } else if (!f.startsWith("data/") && (f.endsWith(".html") || f.endsWith(".json") || f.endsWith(".css") || f.endsWith(".js")
                    || f.endsWith(".txt")) && Files.size(mirror.resolve(f)) >= Compression.MIN_BYTES) {
                assertThat(mirror.resolve(f + ".gz")).as("gzip twin").isRegularFile();
                assertThat(mirror.resolve(f + ".br")).as("brotli twin").isRegularFile();
            }
        }
        assertThat(twins).isEqualTo(summary.compressed()).isGreaterThan(100);
        assertThat(files()).noneMatch(f -> f.startsWith("data/") && (f.endsWith(".gz") || f.endsWith(".br")));
    }

    @Test
    void holdsNoOriginalNoAbsoluteUrlAndNoNationalIdInClear() throws Exception {
        Set<String> ids = new HashSet<>();
        for (long v = 0; v < voters(); v++) {
            ids.add(nationalId(v));
        }
        String originalSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original));
        Pattern absolute = Pattern.compile("(?:href|src|action|srcset|data-roll|data-table-base)=\"(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)"
                + "|https?://(?!www\\.w3\\.org/2000/svg\")|url\\((?!#)");
        Pattern token = Pattern.compile("[A-Za-z0-9]+");
        for (String f : files()) {
            if (f.endsWith(".gz") || f.endsWith(".br")) {
                continue; // their plain twin is checked
            }
            byte[] bytes = Files.readAllBytes(mirror.resolve(f));
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).as(f).isNotEqualTo(originalSha);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (f.endsWith(".html") || f.endsWith(".css") || f.endsWith(".js")) {
                Matcher m = absolute.matcher(text);
                assertThat(m.find()).as(f + " reaches out: " + (m.hitEnd() ? "" : text.substring(Math.max(0, m.start() - 40), Math.min(text.length(), m.end() + 40)))).isFalse();
            }
            Matcher t = token.matcher(text);
            while (t.find()) {
                if (ids.contains(t.group())) {
                    throw new AssertionError(f + " holds the national id " + t.group() + " in clear");
                }
            }
        }
    }

    @Test
    void servesTheLiveServersBytesExceptWhereAServerIsNeeded() throws IOException {
        String table = live.synth.table(4).table().id().value();
        for (String path : List.of("index.html", "en/index.html", "map.html", "en/place/01.html", "table/" + table + ".html",
                "api/v1/results.json", "api/v1/tables/" + table + ".json")) {
            assertThat(Files.readAllBytes(mirror.resolve(path))).as(path).isEqualTo(live.get("/" + URLEncoded.of(path)).raw().body());
        }
        String find = Files.readString(mirror.resolve("find.html"));
        assertThat(find).contains("data-roll=\"./roll/\"").contains("find-mirror.").doesNotContain("action=");
        assertThat(Files.readString(mirror.resolve("en/find.html"))).contains("data-roll=\"../roll/\"").contains("data-table-base=\"./table/\"");
        assertThat(Files.readString(mirror.resolve("en/verify.html"))).contains("needs the live Testigo site")
                .doesNotContain("<form").doesNotContain("type=\"file\"");
        assertThat(live.get("/find.html").text()).doesNotContain("data-roll").contains("action=\"./find\"");
    }

    @Test
    void aSecondExportReplacesTheMirrorAndAForeignFolderIsRefused() throws Exception {
        Path again = dir.resolve("again");
        Files.createDirectories(again);
        Files.writeString(again.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> MirrorExport.write(live.deployment, again, MirrorExport.Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a mirror");
        assertThat(Files.readString(again.resolve("notes.txt"))).isEqualTo("mine");

        Path copy = dir.resolve("copy");
        MirrorExport.write(live.deployment, copy, MirrorExport.Options.defaults().withBundle(mirror.resolve("data")));
        Files.writeString(copy.resolve("stale.html"), "from before");
        MirrorExport.Summary second = MirrorExport.write(live.deployment, copy, MirrorExport.Options.defaults().withBundle(mirror.resolve("data")));
        assertThat(copy.resolve("stale.html")).doesNotExist();
        assertThat(copy.resolve("roll")).doesNotExist(); // opt-in
        assertThat(Files.readString(copy.resolve("find.html"))).contains("no incluye el registro electoral").doesNotContain("<form");
        assertThat(Files.readAllBytes(copy.resolve("data/SHA256SUMS"))).isEqualTo(Files.readAllBytes(mirror.resolve("data/SHA256SUMS")));
        assertThat(second.dataFiles()).isEqualTo(summary.dataFiles());
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-") || n.contains(".old-"));
        }
    }

    // ---- in a browser

    @Test
    void aBrowserWalksTheMirrorServedByAStaticServer() {
        HttpServer server = SimpleFileServer.createFileServer(new InetSocketAddress("127.0.0.1", 0), mirror,
                SimpleFileServer.OutputLevel.NONE);
        server.start();
        try (Chromium chromium = Chromium.launch()) {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Page page = chromium.newPage();
            walk(page, base, "mirror-http");

            long voter = voters() / 3;
            page.navigate(base + "find.html");
            page.waitForSelector("button[type=submit]:not([disabled])");
            String id = nationalId(voter);
            page.fill("#id", id.substring(0, 2) + "." + id.substring(2, 5) + "." + id.substring(5)); // as cédulas are often written
            page.click("button[type=submit]");
            page.waitForURL("**/table/**");
            assertThat(page.url()).isEqualTo(base + "table/" + URLEncoded.of(tableOf(voter)) + ".html");
            assertThat(page.textContent("h1")).contains(tableOf(voter));
            Chromium.screenshot(page, "mirror-http-found");

            page.navigate(base + "en/find.html");
            page.waitForSelector("button[type=submit]:not([disabled])");
            page.fill("#id", "Q7Z4K9W2");
            page.click("button[type=submit]");
            page.waitForSelector("[data-roll-status]:not([hidden])");
            assertThat(page.textContent("[data-roll-status]")).isEqualTo("That ID is not in the voter roll.");
            Chromium.screenshot(page, "mirror-http-unknown");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBrowserWalksTheMirrorFromFilesAndIsToldLookupsNeedAServer() {
        try (Chromium chromium = Chromium.launch()) {
            String base = mirror.toUri().toString();
            Page page = chromium.newPage();
            walk(page, base, "mirror-file");

            page.navigate(base + "find.html");
            page.fill("#id", nationalId(0));
            page.click("button[type=submit]");
            page.waitForSelector("[data-roll-status]:not([hidden])");
            assertThat(page.textContent("[data-roll-status]")).contains("Sirva la carpeta por HTTP");
            assertThat(page.url()).endsWith("find.html");
            Chromium.screenshot(page, "mirror-file-find");

            page.navigate(base + "verify.html");
            assertThat(page.textContent("main")).contains("requiere el sitio de Testigo en vivo");
            assertThat(page.locator("input[type=file]").count()).isZero();
        }
    }

    /** Home, the map to a state, down the places to a table, and over to English. */
    private static void walk(Page page, String base, String name) {
        page.navigate(base + "index.html");
        assertThat(page.getAttribute("html", "lang")).isEqualTo("es");
        Chromium.screenshot(page, name + "-home");
        page.click("header nav a[href$='map.html']");
        page.waitForURL("**/map.html");
        page.locator("figure.mapbox svg a").first().click();
        page.waitForURL("**/place/**");
        Chromium.screenshot(page, name + "-state");
        for (int depth = 0; !page.url().contains("/table/"); depth++) {
            assertThat(depth).as("levels walked down from " + page.url()).isLessThan(6);
            String from = page.url();
            page.locator("table.sortable tbody a").first().click();
            page.waitForURL(u -> !u.equals(from));
        }
        assertThat(page.textContent("h1")).contains("Mesa");
        Chromium.screenshot(page, name + "-table");
        page.click("a.lang");
        page.waitForURL("**/en/table/**");
        assertThat(page.getAttribute("html", "lang")).isEqualTo("en");
        assertThat(page.textContent("h1")).contains("Table");
        Chromium.screenshot(page, name + "-table-en");
    }

    private static String tableOf(long v) {
        return live.synth.election().geography().table((int) (v / VOTERS)).id().value();
    }

    /** Percent-encoding the way the site writes table ids into links. */
    private static final class URLEncoded {
        static String of(String id) {
            return id.replace(":", "%3A");
        }
    }

    private static List<String> files() {
        try (Stream<Path> walk = Files.walk(mirror)) {
            return walk.filter(Files::isRegularFile).map(p -> mirror.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> links(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            out.add(m.group(1).replace("&amp;", "&"));
        }
        return out;
    }

    /** Where a relative link from {@code from} leads, as a path in the mirror, the way a browser resolves it. */
    private static String resolve(String from, String link) {
        URI target = URI.create("file:///mirror/" + from).resolve(link);
        String path = target.getRawPath();
        assertThat(path).as(from + " links outside the mirror: " + link).startsWith("/mirror/");
        return URLDecoder.decode(path.substring("/mirror/".length()), StandardCharsets.UTF_8);
    }
}
