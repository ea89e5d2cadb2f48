package org.testigo.site;

import java.util.Optional;

/**
 * The languages of the site. Spanish is the default, at the root; every other language is the same tree
 * under its own folder ({@code en/…}), so switching language keeps the page.
 */
public enum Language {
    ES("es", ""),
    EN("en", "en/");

    private final String tag;
    private final String prefix;

    Language(String tag, String prefix) {
        this.tag = tag;
        this.prefix = prefix;
    }

    /** BCP 47 tag, for {@code <html lang>}. */
    public String tag() {
        return tag;
    }

    /** Where this language's pages live: "" or "en/". */
    public String prefix() {
        return prefix;
    }

    /** The other language, the one the switch link leads to. */
    public Language other() {
        return this == ES ? EN : ES;
    }

    /** Splits a site path into its language and the path within the language ("en/map.html" → EN, "map.html"). */
    static Optional<Split> split(String path) {
        if (path.startsWith(EN.prefix)) {
            return Optional.of(new Split(EN, path.substring(EN.prefix.length())));
        }
        return Optional.of(new Split(ES, path));
    }

    record Split(Language language, String page) {
    }
}
