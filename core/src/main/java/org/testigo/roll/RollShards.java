package org.testigo.roll;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.testigo.election.TableId;

/**
 * The roll as static files a browser can search without a server, for a mirror that chooses to publish
 * it (docs/election-package.md §7): no file lists an id in clear. Each voter becomes a key, the first
 * 64 bits of {@code SHA-256(electionId + "\n" + nationalId)} (the id in the roll's spelling, UTF-8);
 * the first {@code p} hex digits of the key name the voter's shard, the other {@code 16 - p} are
 * written in it beside the table id. A lookup fetches {@code roll.json} (once) and one shard of a few
 * kilobytes; {@code find-mirror.js} in the site's assets does it with WebCrypto.
 *
 * <pre>
 * roll.json    {"format":"testigo-roll-shards/1","election":"…","hash":"SHA-256","prefix_hex":4,"voters":21620705}
 * 0000.txt     one line per voter: the key's remaining hex digits, a space, the table id
 * …
 * ffff.txt
 * </pre>
 *
 * <p>Hashing hides nothing from someone who wants a given person's table and knows their id, which is
 * what the page is for; and national ids are a small space: anyone can hash every number up to 40
 * million in a minute and so list the whole roll. Publishing shards is therefore the deployment's
 * opt-in choice, not something the live server does.
 */
public final class RollShards {
    public static final String FORMAT = "testigo-roll-shards/1";
    public static final String DESCRIPTOR = "roll.json";
    /** Voters a shard holds on average, at most: a few kilobytes per lookup. */
    static final int TARGET_PER_SHARD = 512;

    private RollShards() {
    }

    /** The hex digits of a voter's key: {@code SHA-256(electionId + "\n" + id)}, first 8 bytes. */
    public static String key(String electionId, NationalId id) {
        return HexFormat.of().toHexDigits(keyBits(sha256(), electionId, id.value()));
    }

    /** How many hex digits name a shard for a roll of {@code voters}: 1 to 5, shards of ≤ 512 voters on average. */
    static int prefixDigits(long voters) {
        int p = 1;
        while (p < 5 && voters > TARGET_PER_SHARD * (1L << (4 * p))) {
            p++;
        }
        return p;
    }

    /**
     * Writes the shards of {@code index} into {@code dir} (created if needed): {@value #DESCRIPTOR} and
     * one file per shard ({@code 16^p} of them, empty ones included so that every lookup finds a file).
     * Deterministic: the same roll gives the same bytes.
     *
     * @throws IllegalStateException when two voters of different tables share a 64-bit key (odds about
     *     one in 80,000 for 21.6 million voters): the shards cannot tell them apart
     */
    public static void write(RollIndex index, Path dir) throws IOException {
        Files.createDirectories(dir);
        String election = index.electionId();
        int n = (int) index.size();
        int p = prefixDigits(n);
        int shardBits = 4 * p;
        long[] keys = new long[n];
        int[] tables = new int[n];
        Map<TableId, Integer> tableNumbers = new HashMap<>();
        for (int i = 0; i < index.tables().size(); i++) {
            tableNumbers.put(index.tables().get(i), i);
        }
        MessageDigest sha = sha256();
        int[] count = new int[1 << shardBits];
        int[] filled = {0};
        index.forEach((id, table) -> {
            long key = keyBits(sha, election, id);
            keys[filled[0]] = key;
            tables[filled[0]++] = tableNumbers.get(table);
            count[(int) (key >>> (64 - shardBits))]++;
        });
        // Group by shard in place (a counting sort whose cycles move keys and tables together).
        int[] start = new int[count.length + 1];
        for (int s = 0; s < count.length; s++) {
            start[s + 1] = start[s] + count[s];
        }
        int[] next = java.util.Arrays.copyOf(start, count.length);
        for (int s = 0; s < count.length; s++) {
            while (next[s] < start[s + 1]) {
                int i = next[s];
                int home = (int) (keys[i] >>> (64 - shardBits));
                if (home == s) {
                    next[s]++;
                    continue;
                }
                int j = next[home]++;
                long k = keys[i];
                keys[i] = keys[j];
                keys[j] = k;
                int t = tables[i];
                tables[i] = tables[j];
                tables[j] = t;
            }
        }
        HexFormat hex = HexFormat.of();
        for (int s = 0; s < count.length; s++) {
            sortShard(keys, tables, start[s], start[s + 1]);
            String name = hex.toHexDigits(s).substring(8 - p) + ".txt";
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8), 1 << 14)) {
                for (int i = start[s]; i < start[s + 1]; i++) {
                    if (i > start[s] && keys[i] == keys[i - 1] && tables[i] != tables[i - 1]) {
                        throw new IllegalStateException("two voters of different tables share a 64-bit key in shard " + name
                                + "; the roll cannot be published as shards");
                    }
                    if (i > start[s] && keys[i] == keys[i - 1]) {
                        continue;
                    }
                    out.write(hex.toHexDigits(keys[i]).substring(p));
                    out.write(' ');
                    out.write(index.tables().get(tables[i]).value());
                    out.write('\n');
                }
            }
        }
        Files.writeString(dir.resolve(DESCRIPTOR), "{\"format\":\"" + FORMAT + "\",\"election\":\"" + election
                + "\",\"hash\":\"SHA-256\",\"prefix_hex\":" + p + ",\"voters\":" + n + "}\n", StandardCharsets.UTF_8);
    }

    /** Insertion sort by key with tables alongside: a shard holds a few hundred voters. */
    private static void sortShard(long[] keys, int[] tables, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long k = keys[i];
            int t = tables[i];
            int j = i - 1;
            while (j >= from && Long.compareUnsigned(keys[j], k) > 0) {
                keys[j + 1] = keys[j];
                tables[j + 1] = tables[j];
                j--;
            }
            keys[j + 1] = k;
            tables[j + 1] = t;
        }
    }

    private static long keyBits(MessageDigest sha, String electionId, String id) {
        sha.reset();
        byte[] digest = sha.digest((electionId + "\n" + id).getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = key << 8 | (digest[i] & 0xFF);
        }
        return key;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
