package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testigo.consolidation.TableStatus;
import org.testigo.incidents.IncidentType;

/**
 * The witness app's two dictionaries (i18n.js): every key in both languages with the same placeholders,
 * every key the page and the script use present, the page's Spanish text the dictionary's, and labels for
 * every incident type and table status the API sends.
 */
class WitnessAppStringsTest {
    private static final String DIR = "org/testigo/web/witness/";
    private static final Pattern STRINGS = Pattern.compile("const STRINGS = (\\{.*?\\n\\});", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)\\}");

    private static final Map<String, Map<String, String>> DICTIONARIES = dictionaries(resource("i18n.js"));

    @Test
    void everyKeyExistsInBothLanguages() {
        assertThat(DICTIONARIES).containsOnlyKeys("es", "en");
        assertThat(DICTIONARIES.get("es")).hasSizeGreaterThan(50);
        assertThat(missing(DICTIONARIES.get("es"), DICTIONARIES.get("en"))).as("keys missing in one language").isEmpty();
    }

    @Test
    void theCheckNamesAKeyMissingInEitherLanguage() {
        Map<String, Map<String, String>> d = dictionaries("""
                const STRINGS = {
                  "es": {"a": "uno", "b": "dos"},
                  "en": {"a": "one", "c": "three"}
                };""");
        assertThat(missing(d.get("es"), d.get("en"))).containsExactly("en lacks b", "es lacks c");
    }

    @Test
    void aKeyWrittenTwiceIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dictionaries("""
                const STRINGS = {
                  "es": {"a": "uno", "a": "otro"},
                  "en": {"a": "one"}
                };""")).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void bothLanguagesFillTheSamePlaceholdersAndNoTextIsEmpty() {
        Map<String, String> es = DICTIONARIES.get("es");
        Map<String, String> en = DICTIONARIES.get("en");
        for (String key : es.keySet()) {
            assertThat(es.get(key)).as("es " + key).isNotBlank();
            assertThat(en.get(key)).as("en " + key).isNotBlank();
            assertThat(placeholders(en.get(key))).as("placeholders of " + key).isEqualTo(placeholders(es.get(key)));
        }
    }

    @Test
    void everyKeyThePageNamesExistsAndThePageIsWrittenInTheSpanishOfTheDictionary() {
        String html = resource("index.html");
        assertThat(html).contains("<html lang=\"es\">");
        Matcher texts = Pattern.compile("<(\\w+)[^>]*\\sdata-i18n=\"([^\"]+)\"[^>]*>([^<]*)</\\1>").matcher(html);
        int n = 0;
        while (texts.find()) {
            n++;
            String key = texts.group(2);
            assertThat(DICTIONARIES.get("es")).as("index.html names " + key).containsKey(key);
            assertThat(texts.group(3)).as("the page's text of " + key).isEqualTo(DICTIONARIES.get("es").get(key));
        }
        assertThat(n).as("texts marked in index.html").isGreaterThan(30);
        assertThat(Pattern.compile("\\sdata-i18n=\"").matcher(html).results().count()).as("every marked element has plain text").isEqualTo(n);
        // a translated attribute is written just before its key: aria-label="Idioma" data-i18n-aria-label="lang.label"
        Matcher attributes = Pattern.compile("\\s(aria-label|alt)=\"([^\"]*)\"\\s+data-i18n-\\1=\"([^\"]+)\"").matcher(html);
        int a = 0;
        while (attributes.find()) {
            a++;
            String key = attributes.group(3);
            assertThat(DICTIONARIES.get("es")).as("index.html names " + key).containsKey(key);
            assertThat(attributes.group(2)).as("the page's " + attributes.group(1) + " of " + key).isEqualTo(DICTIONARIES.get("es").get(key));
        }
        assertThat(a).as("translated attributes (the photo's alt, the switch's label)").isGreaterThanOrEqualTo(2);
        assertThat(Pattern.compile("\\sdata-i18n-(aria-label|alt)=").matcher(html).results().count()).isEqualTo(a);
    }

    @Test
    void everyKeyTheScriptNamesExists() {
        String js = resource("app.js");
        Set<String> used = new TreeSet<>();
        // t('key'…), say($('id'), 'key'…); not t('error.' + code), whose keys are checked below
        Matcher plain = Pattern.compile("\\b(?:t|say)\\((?:\\$\\('[\\w-]+'\\), )?'([\\w-]+(?:\\.[\\w-]+)*)'").matcher(js);
        while (plain.find()) {
            used.add(plain.group(1));
        }
        Matcher plural = Pattern.compile("\\btn\\('([\\w.-]+)'").matcher(js);
        while (plural.find()) {
            used.add(plural.group(1) + ".one");
            used.add(plural.group(1) + ".other");
        }
        Matcher conditional = Pattern.compile("\\? '([\\w-]+\\.[\\w.-]+)' : '([\\w-]+\\.[\\w.-]+)'").matcher(js);
        while (conditional.find()) {
            used.add(conditional.group(1));
            used.add(conditional.group(2));
        }
        assertThat(used).as("keys found in app.js").hasSizeGreaterThan(40).contains("review.totals", "outbox.delivered",
                "signout.confirm.one", "toast.saved-offline", "home.photo-server");
        assertThat(DICTIONARIES.get("es").keySet()).containsAll(used);
    }

    @Test
    void everyIncidentTypeTableStatusAndKindOfRecordHasItsWords() {
        List<String> types = Arrays.stream(IncidentType.values()).map(IncidentType::id).toList();
        for (String type : types) {
            assertThat(DICTIONARIES.get("es")).containsKey("incident." + type);
        }
        for (TableStatus s : TableStatus.values()) {
            assertThat(DICTIONARIES.get("es")).containsKey("status." + s.label());
        }
        // every kind of record the app queues
        Matcher kinds = Pattern.compile("\\bqueue\\('([\\w-]+)'").matcher(resource("app.js"));
        Set<String> queued = new TreeSet<>();
        while (kinds.find()) {
            queued.add(kinds.group(1));
        }
        assertThat(queued).containsExactlyInAnyOrder("acta-photo", "acta-qr", "turnout", "incident");
        for (String kind : queued) {
            assertThat(DICTIONARIES.get("es")).containsKey("kind." + kind);
        }
        // the list app.js falls back on when /api/v1/me does not send one
        Matcher fallback = Pattern.compile("const INCIDENT_TYPES = \\[([^\\]]*)\\]").matcher(resource("app.js"));
        assertThat(fallback.find()).isTrue();
        assertThat(Arrays.stream(fallback.group(1).split(",")).map(s -> s.strip().replace("'", "")).toList()).isEqualTo(types);
    }

    @Test
    void everyErrorCodeTheAppTranslatesIsOneTheApiDocumentsSends() throws IOException {
        String api = Files.readString(Path.of("..", "docs", "api.md"), StandardCharsets.UTF_8);
        List<String> codes = new ArrayList<>();
        for (String key : DICTIONARIES.get("es").keySet()) {
            if (key.matches("error\\.[A-Z_]+") && !key.equals("error.NETWORK")) { // NETWORK: the app's own, no answer came
                codes.add(key.substring("error.".length()));
            }
        }
        assertThat(codes).hasSizeGreaterThan(20);
        for (String code : codes) {
            // as `CODE` or e.g. `403 NOT_ASSIGNED`
            assertThat(api).as("docs/api.md names " + code).containsPattern("`[^`\\n]*\\b" + code + "\\b[^`\\n]*`");
        }
    }

    private static List<String> missing(Map<String, String> es, Map<String, String> en) {
        List<String> out = new ArrayList<>();
        es.keySet().stream().filter(k -> !en.containsKey(k)).forEach(k -> out.add("en lacks " + k));
        en.keySet().stream().filter(k -> !es.containsKey(k)).forEach(k -> out.add("es lacks " + k));
        return out;
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        PLACEHOLDER.matcher(text).results().forEach(m -> out.add(m.group(1)));
        return out;
    }

    private static Map<String, Map<String, String>> dictionaries(String js) {
        Matcher m = STRINGS.matcher(js);
        if (!m.find()) {
            throw new AssertionError("i18n.js has no `const STRINGS = {…};` block");
        }
        ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            return json.readValue(m.group(1), new TypeReference<LinkedHashMap<String, Map<String, String>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("i18n.js's STRINGS is not JSON: " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = WitnessAppStringsTest.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new AssertionError("missing resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
