package org.testigo.bench.load;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.testigo.tally.Decoding;
import org.testigo.tally.Tally;
import org.testigo.tally.ve2024.Ve2024Format;

/**
 * The ceiling for writing submissions durably: PostgreSQL COPY of the same rows the API writes (one
 * blob and one evidence row per payload, into tables shaped like the real ones, indexes included), in
 * one committed transaction. Usage: {@code CopyCeiling JDBC_URL PAYLOADS.txt}; the scratch tables are
 * dropped afterwards.
 */
public final class CopyCeiling {
    private CopyCeiling() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CopyCeiling jdbc:postgresql://host:port/db?user=… PAYLOADS.txt");
            System.exit(2);
        }
        List<String> payloads = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        Ve2024Format format = new Ve2024Format();
        var context = format.defaultContext().orElseThrow();
        StringBuilder blobs = new StringBuilder();
        StringBuilder evidence = new StringBuilder();
        HexFormat hex = HexFormat.of();
        String now = Instant.now().toString();
        for (String p : payloads) {
            byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
            String sha = hex.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            Tally t = ((Decoding.Decoded) format.decode(List.of(p), context)).tally();
            blobs.append("\\\\x").append(sha).append('\t').append("text/plain; charset=utf-8").append('\t')
                    .append(bytes.length).append('\t').append("\\\\x").append(hex.formatHex(bytes)).append("\t\\N\n");
            evidence.append("\\\\x").append(sha).append("\tqr\twitness-1\tve-2024\t").append(now).append('\t')
                    .append("ve-2024\t").append(t.table()).append('\t').append(t.actaId()).append('\t')
                    .append(array(t.candidates().toArray())).append('\t').append(array(t.cards().toArray())).append('\t')
                    .append(t.nullVotes()).append("\t0\t{\"field4\": 0}\tNOT_VERIFIABLE\tceiling\t[]\n");
        }
        try (Connection c = DriverManager.getConnection(args[0])) {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists evidence_ceiling, blob_ceiling");
                s.execute("create table blob_ceiling (like blob including all)");
                s.execute("create table evidence_ceiling (like evidence including all)");
            }
            c.setAutoCommit(false);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            long t0 = System.nanoTime();
            copy.copyIn("copy blob_ceiling (sha256, media_type, size, bytes, location) from stdin", new StringReader(blobs.toString()));
            copy.copyIn("copy evidence_ceiling (content_sha256, channel, submitter, format, received_at, tally_format, table_id,"
                    + " acta_id, candidates, cards, null_votes, blank_votes, counters, verdict, reason, checks) from stdin",
                    new StringReader(evidence.toString()));
            c.commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("drop table evidence_ceiling, blob_ceiling");
            }
            System.out.printf(Locale.ROOT, "COPY ceiling: %d submissions (blob + evidence rows) in %.3f s = %.0f rows/s%n",
                    payloads.size(), seconds, payloads.size() / seconds);
        }
    }

    private static String array(int[] values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i]);
        }
        return b.append('}').toString();
    }
}
