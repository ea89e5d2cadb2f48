package org.testigo.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link BundleVerifier} found: every problem, named, and what was checked. Clean when there are no findings.
 *
 * @param source the folder or URL verified
 * @param trust where the key that everything rests on came from, in words
 * @param checked how many of each thing were checked (files, log entries, evidence, images, tables, nodes)
 */
public record VerifyReport(String source, String trust, Map<String, Long> checked, List<Finding> findings, List<String> notes) {

    public VerifyReport {
        checked = Map.copyOf(checked);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    public boolean clean() {
        return findings.isEmpty();
    }

    /** How many findings of each problem. */
    public Map<Finding.Problem, Long> counts() {
        Map<Finding.Problem, Long> out = new EnumMap<>(Finding.Problem.class);
        findings.forEach(f -> out.merge(f.problem(), 1L, Long::sum));
        return out;
    }

    public boolean has(Finding.Problem problem, String file) {
        return findings.stream().anyMatch(f -> f.problem() == problem && f.file().equals(file));
    }

    /** The report for people: what was checked, then every finding, one per line. */
    public String text(int maxFindings) {
        StringBuilder out = new StringBuilder();
        out.append("Bundle: ").append(source).append('\n');
        out.append("Trust:  ").append(trust).append('\n');
        out.append("Checked:");
        for (String k : List.of("files", "log entries", "evidence", "images", "tables", "nodes")) {
            if (checked.containsKey(k)) {
                out.append(' ').append(String.format(java.util.Locale.ROOT, "%,d", checked.get(k))).append(' ').append(k).append(',');
            }
        }
        out.setLength(out.length() - 1);
        out.append('\n');
        notes.forEach(n -> out.append("Note:   ").append(n).append('\n'));
        if (clean()) {
            out.append("VERIFIED: every file matches the sealed manifest, the log matches its signed checkpoint, every piece of "
                    + "evidence decodes as logged, and every published result and total was recomputed and matches.\n");
            return out.toString();
        }
        out.append("FAILED: ").append(findings.size()).append(" finding(s)");
        counts().forEach((p, n) -> out.append(", ").append(p.code()).append(' ').append(n));
        out.append('\n');
        findings.stream().limit(maxFindings).forEach(f -> out.append("  ").append(f.describe()).append('\n'));
        if (findings.size() > maxFindings) {
            out.append("  … and ").append(findings.size() - maxFindings).append(" more (--json lists them all)\n");
        }
        return out.toString();
    }

    public String json(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("source", source);
        o.put("verified", clean());
        o.put("trust", trust);
        ObjectNode c = o.putObject("checked");
        checked.forEach((k, v) -> c.put(k.replace(' ', '_'), v));
        ArrayNode n = o.putArray("notes");
        notes.forEach(n::add);
        ArrayNode a = o.putArray("findings");
        for (Finding f : findings) {
            ObjectNode x = a.addObject();
            x.put("problem", f.problem().code());
            x.put("file", f.file());
            x.put("subject", f.subject());
            x.put("field", f.field());
            x.put("expected", f.expected());
            x.put("found", f.found());
            x.put("message", f.message());
        }
        return o.toString();
    }
}
