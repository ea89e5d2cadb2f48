package org.testigo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the site's Content-Security-Policy forbids a page: inline scripts, styles and event handlers. */
final class NoInlineCode {
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>");
    private static final Pattern HANDLER = Pattern.compile("(?i)<[^>]*\\son[a-z]+\\s*=");

    private NoInlineCode() {
    }

    static void check(String html, String page) {
        assertThat(html).as(page).doesNotContain("<style").doesNotContain(" style=").doesNotContainIgnoringCase("javascript:");
        Matcher m = SCRIPT.matcher(html);
        while (m.find()) {
            assertThat(m.group(1)).as(page + ": every script is a file").contains(" src=\"");
            assertThat(html.substring(m.end())).as(page).startsWith("</script>");
        }
        assertThat(HANDLER.matcher(html).find()).as(page + ": no on…= handler").isFalse();
    }
}
