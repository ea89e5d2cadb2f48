package org.testigo.opendata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongFunction;
import org.testigo.consolidation.Copy;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.consolidation.Version;
import org.testigo.election.Candidate;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.election.pkg.CsvReader;
import org.testigo.election.pkg.CsvRecord;
import org.testigo.election.pkg.CsvSyntaxException;
import org.testigo.election.pkg.CsvWriter;
import org.testigo.state.ElectionState;
import org.testigo.tally.Tally;
import org.testigo.totals.CandidateVotes;
import org.testigo.totals.NodeTotals;

/**
 * The published results of a bundle, as one {@link Sheet} per file: {@code results/tables.csv} (one row
 * per table: status, basis, votes, the evidence it rests on) and {@code results/totals.json} (one object
 * per node of the geography). The exporter renders the deployment's state; the verifier renders the
 * state it recomputed from the evidence and compares the two sheets cell by cell.
 */
public final class PublishedResults {

    public static final String TOTALS_FORMAT = "testigo-totals/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PublishedResults() {
    }

    /**
     * Rows keyed by their first column (table id, node code), every row with one value per header column;
     * in the JSON file a column {@code a.b} is field {@code b} of object {@code a}.
     */
    public record Sheet(List<String> header, Map<String, List<String>> rows) {
        public Sheet {
            header = List.copyOf(header);
        }
    }

    /** One row per table of the election, in package order. {@code sha256Of} names each evidence id's content. */
    public static Sheet tables(ElectionState state, LongFunction<String> sha256Of) {
        Election election = state.election();
        List<String> header = new ArrayList<>(List.of("table", "node", "registered", "status", "basis"));
        for (Candidate c : election.ballot().candidates()) {
            header.add(c.id());
        }
        header.addAll(List.of("null", "blank", "valid", "cast", "evidence", "sha256", "channels", "first_received", "last_received"));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Geography geo = election.geography();
        int candidates = election.ballot().candidates().size();
        for (int i = 0; i < geo.tableCount(); i++) {
            PollingTable t = geo.table(i);
            TableConsolidation c = state.consolidation(i);
            List<String> row = new ArrayList<>(header.size());
            row.add(t.id().value());
            row.add(t.node());
            row.add(Integer.toString(t.registered()));
            row.add(c.status().label());
            row.add(c.basis().label());
            Tally accepted = c.accepted();
            for (int k = 0; k < candidates; k++) {
                row.add(accepted == null ? "" : Integer.toString(accepted.candidates().get(k)));
            }
            row.add(accepted == null ? "" : Integer.toString(accepted.nullVotes()));
            row.add(accepted == null ? "" : Integer.toString(accepted.blankVotes()));
            row.add(accepted == null ? "" : Long.toString(accepted.valid()));
            row.add(accepted == null ? "" : Long.toString(accepted.cast()));
            List<Copy> copies = c.versions().stream().map(Version::copies).flatMap(List::stream)
                    .sorted(Comparator.comparingLong(Copy::evidenceId)).toList();
            row.add(String.join(";", copies.stream().map(x -> Long.toString(x.evidenceId())).toList()));
            row.add(String.join(";", copies.stream().map(x -> sha256Of.apply(x.evidenceId())).toList()));
            row.add(String.join(";", new TreeSet<>(copies.stream().map(Copy::channel).toList())));
            row.add(copies.stream().map(Copy::receivedAt).min(Comparator.naturalOrder()).map(Instant::toString).orElse(""));
            row.add(copies.stream().map(Copy::receivedAt).max(Comparator.naturalOrder()).map(Instant::toString).orElse(""));
            rows.put(t.id().value(), row);
        }
        return new Sheet(header, rows);
    }

    /** One row per node of the geography (the nation first, code ""), in package order. */
    public static Sheet totals(ElectionState state) {
        Election election = state.election();
        List<String> header = new ArrayList<>(List.of("code", "name", "level", "tables.expected", "tables.received", "tables.counted",
                "tables.provisional", "tables.confirmed", "tables.conflicted"));
        for (Candidate c : election.ballot().candidates()) {
            header.add("votes." + c.id());
        }
        header.addAll(List.of("valid", "null", "blank", "cast", "registered", "registered_counted"));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int n = 0; n < election.geography().nodeCount(); n++) {
            NodeTotals t = state.totals(n);
            List<String> row = new ArrayList<>(List.of(t.code(), t.name(), t.level(), Long.toString(t.tables().expected()),
                    Long.toString(t.tables().received()), Long.toString(t.tables().counted()), Long.toString(t.tables().provisional()),
                    Long.toString(t.tables().confirmed()), Long.toString(t.tables().conflicted())));
            for (CandidateVotes v : t.candidates()) {
                row.add(Long.toString(v.votes()));
            }
            row.addAll(List.of(Long.toString(t.valid()), Long.toString(t.nullVotes()), Long.toString(t.blankVotes()),
                    Long.toString(t.cast()), Long.toString(t.registered()), Long.toString(t.registeredCounted())));
            rows.put(t.code(), row);
        }
        return new Sheet(header, rows);
    }

    public static byte[] csv(Sheet sheet) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = new CsvWriter(out)) {
            csv.row(sheet.header());
            for (List<String> row : sheet.rows().values()) {
                csv.row(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a sheet from CSV; throws IllegalArgumentException naming the line that is wrong. */
    public static Sheet parseCsv(byte[] bytes) {
        try (CsvReader in = new CsvReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)), false)) {
            CsvRecord header = in.next();
            if (header == null) {
                throw new IllegalArgumentException("the file is empty; its first line is the header");
            }
            Map<String, List<String>> rows = new LinkedHashMap<>();
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException("line " + r.line() + " has " + r.size() + " fields; the header has " + header.size());
                }
                if (rows.put(r.get(0), r.fields()) != null) {
                    throw new IllegalArgumentException("line " + r.line() + " repeats " + header.get(0) + " " + r.get(0));
                }
            }
            return new Sheet(header.fields(), rows);
        } catch (CsvSyntaxException e) {
            throw new IllegalArgumentException("line " + e.line() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The totals as JSON, one node per line: {@code {"format":…,"election":…,"nodes":[…]}}. */
    public static byte[] json(String electionId, Sheet sheet) {
        StringBuilder out = new StringBuilder();
        out.append("{\"format\":\"").append(TOTALS_FORMAT).append("\",\"election\":").append(MAPPER.valueToTree(electionId).toString())
                .append(",\"nodes\":[\n");
        Iterator<List<String>> rows = sheet.rows().values().iterator();
        while (rows.hasNext()) {
            List<String> row = rows.next();
            ObjectNode node = MAPPER.createObjectNode();
            for (int i = 0; i < sheet.header().size(); i++) {
                String column = sheet.header().get(i);
                ObjectNode target = node;
                int dot = column.indexOf('.');
                if (dot > 0) {
                    String group = column.substring(0, dot);
                    target = node.has(group) ? (ObjectNode) node.get(group) : node.putObject(group);
                    column = column.substring(dot + 1);
                }
                String value = row.get(i);
                if (i >= 3 && value.matches("-?[0-9]{1,18}")) {
                    target.put(column, Long.parseLong(value));
                } else {
                    target.put(column, value);
                }
            }
            out.append(node).append(rows.hasNext() ? ",\n" : "\n");
        }
        out.append("]}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads totals JSON back into a sheet (nested fields flattened as {@code a.b}); throws IllegalArgumentException. */
    public static Sheet parseJson(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (root == null || !TOTALS_FORMAT.equals(root.path("format").asText()) || !root.path("nodes").isArray()) {
            throw new IllegalArgumentException("not " + TOTALS_FORMAT + " (an object with \"format\" and \"nodes\")");
        }
        List<String> header = null;
        Map<String, List<String>> rows = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : root.get("nodes")) {
            Map<String, String> flat = new LinkedHashMap<>();
            flatten("", node, flat);
            if (header == null) {
                header = List.copyOf(flat.keySet());
            }
            if (!flat.keySet().equals(new java.util.LinkedHashSet<>(header)) || !header.get(0).equals("code")) {
                throw new IllegalArgumentException("node " + index + " has fields " + flat.keySet() + ", not " + header);
            }
            List<String> row = header.stream().map(flat::get).toList();
            if (rows.put(row.get(0), row) != null) {
                throw new IllegalArgumentException("node " + index + " repeats code \"" + row.get(0) + "\"");
            }
            index++;
        }
        return new Sheet(header == null ? List.of("code") : header, rows);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out));
        } else {
            out.put(prefix, node.asText());
        }
    }
}
