package org.testigo.site;

import java.nio.charset.StandardCharsets;

/**
 * What every page shares: its language and words, where it lives, its title, and how to link from it.
 * Every link is relative to the page ({@code ./…} or {@code ../…}, never a bare {@code x:y} that would
 * read as a URL scheme), so the same bytes work on the live server, on any mirror and from
 * {@code file://}.
 *
 * @param path the page's own path from the site root, e.g. {@code en/place/01.html}
 * @param page the path within its language, e.g. {@code place/01.html}
 */
public record Frame(Language lang, Messages m, Numbers n, String path, String page, String title, String electionName,
                    String css, String js) {

    /** A link from this page to any file of the site, given by its path from the root. */
    public String to(String sitePath) {
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return (depth == 0 ? "./" : "../".repeat(depth)) + encode(sitePath);
    }

    /** A link to a page of this page's language, given by its path within the language ({@code map.html}). */
    public String page(String inLanguage) {
        return to(lang.prefix() + inLanguage);
    }

    /** The same page in the other language. */
    public String other() {
        return to(lang.other().prefix() + page);
    }

    /** A place's page. */
    public String place(String code) {
        return page("place/" + code + ".html");
    }

    /** A table's page. */
    public String table(String id) {
        return page("table/" + id + ".html");
    }

    public String t(String key, Object... args) {
        return m.t(key, args);
    }

    /** Percent-encodes what a path segment may not hold literally (a table id's {@code :}, for one). */
    static String encode(String path) {
        StringBuilder s = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'
                    || c == '~' || c == '/') {
                s.append((char) c);
            } else {
                s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return s.toString();
    }
}
