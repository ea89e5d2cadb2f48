package org.testigo.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The site's words in each language, from {@code messages_<tag>.properties} (UTF-8). A missing key is a
 * bug, not a fallback: a test checks that every language has every key.
 */
public final class Messages {
    private static final Map<Language, Messages> ALL = new EnumMap<>(Language.class);

    static {
        for (Language l : Language.values()) {
            ALL.put(l, new Messages(l, load(l)));
        }
    }

    private final Language language;
    private final Properties texts;

    private Messages(Language language, Properties texts) {
        this.language = language;
        this.texts = texts;
    }

    public static Messages of(Language language) {
        return ALL.get(language);
    }

    private static Properties load(Language l) {
        String name = "messages_" + l.tag() + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the site's " + name + " is missing from the build");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of {@code key}, with {@code {0}}, {@code {1}}… replaced by {@code args} in order. */
    public String t(String key, Object... args) {
        String text = texts.getProperty(key);
        if (text == null) {
            throw new IllegalStateException("no " + language.tag() + " text for " + key);
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    public Set<String> keys() {
        return texts.stringPropertyNames();
    }

    public Language language() {
        return language;
    }
}
