package org.testigo.opendata;

import java.util.regex.Pattern;

/**
 * Where each part of the open-data bundle lives (docs/open-data.md). The writer and the verifier both
 * address files through these names, so the layout is written down once.
 */
public final class BundleLayout {

    /** The election package (election.json, geography.csv, tables.csv, official.csv). */
    public static final String ELECTION = "election/";
    /** The log as C2SP tlog-tiles: {@code log/checkpoint}, {@code log/tile/…}. */
    public static final String LOG = "log/";
    public static final String CHECKPOINT = LOG + "checkpoint";
    /** The log's verifier key: a convenience; whoever verifies should get the key from elsewhere too. */
    public static final String LOG_KEY = LOG + "key.txt";
    public static final String EVIDENCE = "evidence/";
    public static final String IMAGES = "images/";
    /** What the deployment published: one row per table, one object per node. */
    public static final String RESULTS_TABLES = "results/tables.csv";
    public static final String RESULTS_TOTALS = "results/totals.json";
    /** {@code sha256sum -c} compatible list of every other file. */
    public static final String SUMS = "SHA256SUMS";
    /** A signed note by the log key binding {@link #SUMS} to the checkpoint. */
    public static final String SUMS_NOTE = "SHA256SUMS.note";

    /** The QR texts read from an image, in the form stored for QR-text evidence (sorted, one per line). */
    public static final String IMAGE_PAYLOAD = "payload.txt";
    public static final String IMAGE_WEB = "web.jpg";
    public static final String IMAGE_THUMBNAIL = "thumbnail.jpg";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private BundleLayout() {
    }

    /** {@code evidence/ab/abcd…}: the exact bytes of a piece of text evidence, named by their SHA-256. */
    public static String evidence(String sha256Hex) {
        requireSha(sha256Hex);
        return EVIDENCE + sha256Hex.substring(0, 2) + "/" + sha256Hex;
    }

    /** {@code images/abcd…/NAME}: a published file about the image whose (sealed) original has this SHA-256. */
    public static String image(String originalSha256Hex, String name) {
        requireSha(originalSha256Hex);
        return IMAGES + originalSha256Hex + "/" + name;
    }

    /** The SHA-256 an evidence path is named by, or null when {@code path} is not one. */
    public static String evidenceSha(String path) {
        if (!path.startsWith(EVIDENCE)) {
            return null;
        }
        String[] parts = path.substring(EVIDENCE.length()).split("/", -1);
        return parts.length == 2 && SHA256_HEX.matcher(parts[1]).matches() && parts[1].startsWith(parts[0]) && parts[0].length() == 2
                ? parts[1] : null;
    }

    /** The original's SHA-256 an image path is under, or null when {@code path} is not one. */
    public static String imageSha(String path) {
        if (!path.startsWith(IMAGES)) {
            return null;
        }
        String[] parts = path.substring(IMAGES.length()).split("/", -1);
        return parts.length == 2 && SHA256_HEX.matcher(parts[0]).matches() ? parts[0] : null;
    }

    private static void requireSha(String hex) {
        if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a SHA-256 is 64 lowercase hex digits, not " + hex);
        }
    }
}
