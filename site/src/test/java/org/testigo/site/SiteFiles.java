package org.testigo.site;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a rendered page the way a browser follows it: its links, resolved against its own path. */
final class SiteFiles {
    private static final Pattern LINK = Pattern.compile("\\s(?:href|src|action)=\"([^\"]*)\"");

    private SiteFiles() {
    }

    static String text(RenderedPage page) {
        return new String(page.bytesUnsafe(), StandardCharsets.UTF_8);
    }

    /** Every href, src and form action of a page, as written. */
    static List<String> links(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            out.add(m.group(1).replace("&amp;", "&"));
        }
        return out;
    }

    /**
     * Where a relative link from {@code from} leads, as a site path (decoded, no leading slash), the way
     * a browser resolves it against {@code http://mirror/<from>} or {@code file:///mirror/<from>}.
     */
    static String resolve(String from, String link) {
        URI base = URI.create("file:///mirror/" + from);
        URI target = base.resolve(link);
        String path = target.getRawPath();
        if (!path.startsWith("/mirror/")) {
            throw new AssertionError(from + " links outside the site: " + link);
        }
        return URLDecoder.decode(path.substring("/mirror/".length()), StandardCharsets.UTF_8);
    }
}
