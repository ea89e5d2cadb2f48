package org.testigo.opendata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundle's {@code SHA256SUMS}: one line per file, {@code <sha256 hex>␠␠<path>}, sorted by path, the
 * format {@code sha256sum -c} reads. Parsing is strict (canonical form only, no path leaving the bundle,
 * no path twice) so that one list of sums has one spelling.
 *
 * @param files path → lowercase hex SHA-256, in path order
 */
public record Manifest(Map<String, String> files) {

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  ([A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*)");

    public Manifest {
        List<String> paths = new ArrayList<>(files.keySet());
        Collections.sort(paths);
        Map<String, String> sorted = new LinkedHashMap<>();
        for (String p : paths) {
            if (!LINE.matcher(files.get(p) + "  " + p).matches() || p.equals(".") || p.contains("..")) {
                throw new IllegalArgumentException("not a manifest line: " + files.get(p) + "  " + p);
            }
            sorted.put(p, files.get(p));
        }
        files = Collections.unmodifiableMap(sorted);
    }

    public byte[] bytes() {
        StringBuilder out = new StringBuilder();
        files.forEach((path, sha) -> out.append(sha).append("  ").append(path).append('\n'));
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads a manifest; throws IllegalArgumentException naming the first bad line. */
    public static Manifest parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("SHA256SUMS ends with a newline");
        }
        Map<String, String> files = new LinkedHashMap<>();
        String previous = null;
        int n = 0;
        for (String line : text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1)) {
            n++;
            Matcher m = LINE.matcher(line);
            if (!m.matches() || m.group(2).contains("..")) {
                throw new IllegalArgumentException("SHA256SUMS line " + n + " is not \"<sha256>  <path>\": " + abbreviate(line));
            }
            String path = m.group(2);
            if (previous != null && previous.compareTo(path) >= 0) {
                throw new IllegalArgumentException("SHA256SUMS line " + n + " (" + path + ") is out of order or repeated");
            }
            files.put(path, m.group(1));
            previous = path;
        }
        return new Manifest(files);
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    /** SHA-256 of {@code bytes}. */
    public static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return hex(sha256(bytes));
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }
}
