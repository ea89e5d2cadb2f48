package org.testigo.election.pkg;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.testigo.election.Geography;
import org.testigo.election.Geometry;
import org.testigo.election.pkg.PackageProblem.Code;

/**
 * {@code geometry.geojson}: the shapes of the places (docs/election-package.md §7). A GeoJSON (RFC 7946)
 * FeatureCollection; each Feature's {@code properties.code} names a node of {@code geography.csv} and its
 * geometry is a Polygon or MultiPolygon in longitude/latitude. Other members and properties are allowed
 * and ignored (GeoJSON is an open format); what Testigo uses is checked strictly, each problem naming the
 * JSON path at fault, e.g. {@code features[3].geometry.coordinates[0][5]}.
 */
public final class GeometryFile {
    /** A map is drawn from this, not printed: 16 MiB is ample for any country's simplified outlines. */
    public static final int MAX_BYTES = 16 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private GeometryFile() {
    }

    /** Reads the package's own file: every feature must name a node by {@code properties.code}. */
    public static Geometry read(byte[] json, Geography geography) throws PackageException {
        return read(json, ElectionPackage.GEOMETRY, geography, null);
    }

    /**
     * Reads a GeoJSON file from elsewhere (e.g. a national statistics office's boundaries), telling each
     * feature's node by its properties.
     *
     * @param codeOf the node code for a feature's scalar properties (as text), or empty to leave the feature out
     *     (a file with shapes for places the election does not have)
     */
    public static Geometry read(byte[] json, String file, Geography geography, Function<Map<String, String>, Optional<String>> codeOf)
            throws PackageException {
        ProblemList<PackageProblem> problems = new ProblemList<>(ElectionPackage.MAX_PROBLEMS);
        Geometry geometry = null;
        try {
            geometry = parse(json, file, geography, codeOf, problems);
        } catch (ProblemList.Full full) {
            // the cap was reached: report what was gathered
        }
        if (!problems.isEmpty()) {
            throw new PackageException(problems);
        }
        return geometry;
    }

    private static Geometry parse(byte[] json, String file, Geography geography, Function<Map<String, String>, Optional<String>> codeOf,
            ProblemList<PackageProblem> problems) {
        if (json.length > MAX_BYTES) {
            problems.add(new PackageProblem(file, 0, "", Code.BAD_VALUE, "the file has " + json.length + " bytes; at most "
                    + MAX_BYTES + " are read (simplify the shapes)"));
            return null;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            problems.add(new PackageProblem(file, line, "", Code.SYNTAX, "not well-formed JSON: " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new PackageProblem(file, 0, "", Code.UNREADABLE, "cannot be read: " + e.getMessage()));
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add(new PackageProblem(file, 0, "", Code.BAD_VALUE, "a GeoJSON FeatureCollection (a JSON object) was expected"));
            return null;
        }
        if (!"FeatureCollection".equals(text(root.get("type")))) {
            problems.add(new PackageProblem(file, 0, "type", Code.BAD_VALUE,
                    "must be \"FeatureCollection\", got " + shown(root.get("type"))));
            return null;
        }
        JsonNode features = root.get("features");
        if (features == null || !features.isArray()) {
            problems.add(new PackageProblem(file, 0, "features", features == null ? Code.MISSING_FIELD : Code.BAD_VALUE,
                    "a FeatureCollection needs a \"features\" array"));
            return null;
        }
        List<Geometry.Region> regions = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            String at = "features[" + i + "]";
            JsonNode f = features.get(i);
            if (!f.isObject() || !"Feature".equals(text(f.get("type")))) {
                problems.add(new PackageProblem(file, 0, at + ".type", Code.BAD_VALUE, "each feature must be an object of type \"Feature\""));
                continue;
            }
            JsonNode props = f.get("properties");
            Map<String, String> properties = new LinkedHashMap<>();
            if (props != null && props.isObject()) {
                for (Map.Entry<String, JsonNode> e : props.properties()) {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                        properties.put(e.getKey(), e.getValue().asText());
                    }
                }
            }
            String code;
            if (codeOf == null) {
                JsonNode c = props == null ? null : props.get("code");
                if (c == null || !c.isTextual()) {
                    problems.add(new PackageProblem(file, 0, at + ".properties.code", c == null ? Code.MISSING_FIELD : Code.BAD_VALUE,
                            "each feature names its place by a text property \"code\" (a code of geography.csv)"));
                    continue;
                }
                code = c.asText();
            } else {
                Optional<String> mapped = codeOf.apply(properties);
                if (mapped.isEmpty()) {
                    continue;
                }
                code = mapped.get();
            }
            if (geography.nodeIndex(code).filter(n -> n > 0).isEmpty()) {
                problems.add(new PackageProblem(file, 0, at + ".properties.code", Code.UNKNOWN_REFERENCE,
                        "\"" + abbreviate(code) + "\" is not a place of the election's geography"));
                continue;
            }
            String first = seen.putIfAbsent(code, at);
            if (first != null) {
                problems.add(new PackageProblem(file, 0, at + ".properties.code", Code.DUPLICATE,
                        "place " + code + " already has a shape in " + first + "; give one feature per place (a MultiPolygon for several parts)"));
                continue;
            }
            List<List<double[]>> polygons = polygons(f.get("geometry"), file, at + ".geometry", problems);
            if (polygons != null) {
                regions.add(new Geometry.Region(code, polygons));
            }
        }
        return problems.isEmpty() ? new Geometry(regions) : null;
    }

    private static List<List<double[]>> polygons(JsonNode g, String file, String at, ProblemList<PackageProblem> problems) {
        if (g == null || !g.isObject()) {
            problems.add(new PackageProblem(file, 0, at, g == null ? Code.MISSING_FIELD : Code.BAD_VALUE,
                    "each feature needs a geometry object (Polygon or MultiPolygon)"));
            return null;
        }
        String type = text(g.get("type"));
        JsonNode coordinates = g.get("coordinates");
        if (!"Polygon".equals(type) && !"MultiPolygon".equals(type)) {
            problems.add(new PackageProblem(file, 0, at + ".type", Code.BAD_VALUE,
                    "must be \"Polygon\" or \"MultiPolygon\", got " + shown(g.get("type"))));
            return null;
        }
        if (coordinates == null || !coordinates.isArray() || coordinates.isEmpty()) {
            problems.add(new PackageProblem(file, 0, at + ".coordinates", Code.BAD_VALUE, "a " + type + " needs a non-empty coordinates array"));
            return null;
        }
        List<List<double[]>> polygons = new ArrayList<>();
        if (type.equals("Polygon")) {
            List<double[]> p = polygon(coordinates, file, at + ".coordinates", problems);
            if (p == null) {
                return null;
            }
            polygons.add(p);
        } else {
            for (int i = 0; i < coordinates.size(); i++) {
                List<double[]> p = polygon(coordinates.get(i), file, at + ".coordinates[" + i + "]", problems);
                if (p == null) {
                    return null;
                }
                polygons.add(p);
            }
        }
        return polygons;
    }

    private static List<double[]> polygon(JsonNode rings, String file, String at, ProblemList<PackageProblem> problems) {
        if (!rings.isArray() || rings.isEmpty()) {
            problems.add(new PackageProblem(file, 0, at, Code.BAD_VALUE, "a polygon is a non-empty array of linear rings"));
            return null;
        }
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < rings.size(); r++) {
            String ringAt = at + "[" + r + "]";
            JsonNode ring = rings.get(r);
            if (!ring.isArray() || ring.size() < 4) {
                problems.add(new PackageProblem(file, 0, ringAt, Code.BAD_VALUE,
                        "a linear ring is an array of at least 4 positions, got " + (ring.isArray() ? ring.size() + " positions" : shown(ring))));
                return null;
            }
            double[] xy = new double[ring.size() * 2];
            for (int i = 0; i < ring.size(); i++) {
                JsonNode p = ring.get(i);
                if (!p.isArray() || p.size() < 2 || p.size() > 3 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    problems.add(new PackageProblem(file, 0, ringAt + "[" + i + "]", Code.BAD_VALUE,
                            "a position is [longitude, latitude] (numbers, an optional altitude third), got " + shown(p)));
                    return null;
                }
                double lon = p.get(0).asDouble();
                double lat = p.get(1).asDouble();
                if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
                    problems.add(new PackageProblem(file, 0, ringAt + "[" + i + "]", Code.BAD_VALUE,
                            "longitude must be within -180..180 and latitude within -90..90 (WGS 84 degrees), got " + shown(p)));
                    return null;
                }
                xy[2 * i] = lon;
                xy[2 * i + 1] = lat;
            }
            if (xy[0] != xy[xy.length - 2] || xy[1] != xy[xy.length - 1]) {
                problems.add(new PackageProblem(file, 0, ringAt, Code.BAD_VALUE,
                        "a linear ring must be closed: its last position must repeat its first"));
                return null;
            }
            out.add(xy);
        }
        return out;
    }

    /**
     * Writes {@code geometry} as the package's {@code geometry.geojson}: one feature per line, in the
     * geography's node order, each with its {@code code} and (for people reading it) {@code name}.
     * Numbers are written in their shortest form, so a read gives back the same doubles.
     */
    public static void write(Geometry geometry, Geography geography, Writer out) throws IOException {
        List<Geometry.Region> ordered = new ArrayList<>(geometry.regions());
        ordered.sort(java.util.Comparator.comparingInt(r -> geography.nodeIndex(r.code()).orElseThrow(
                () -> new IllegalArgumentException("region " + r.code() + " is not a place of the geography"))));
        out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int i = 0; i < ordered.size(); i++) {
            Geometry.Region r = ordered.get(i);
            String name = geography.node(geography.nodeIndex(r.code()).orElseThrow()).name();
            StringBuilder s = new StringBuilder("{\"type\":\"Feature\",\"properties\":{\"code\":");
            s.append(quote(r.code())).append(",\"name\":").append(quote(name)).append("},\"geometry\":{\"type\":");
            boolean multi = r.polygons().size() > 1;
            s.append(multi ? "\"MultiPolygon\"" : "\"Polygon\"").append(",\"coordinates\":");
            if (multi) {
                s.append('[');
            }
            for (int p = 0; p < r.polygons().size(); p++) {
                s.append(p > 0 ? ",[" : "[");
                List<double[]> rings = r.polygons().get(p);
                for (int k = 0; k < rings.size(); k++) {
                    s.append(k > 0 ? ",[" : "[");
                    double[] ring = rings.get(k);
                    for (int j = 0; j < ring.length; j += 2) {
                        s.append(j > 0 ? ",[" : "[").append(number(ring[j])).append(',').append(number(ring[j + 1])).append(']');
                    }
                    s.append(']');
                }
                s.append(']');
            }
            if (multi) {
                s.append(']');
            }
            s.append("}}").append(i < ordered.size() - 1 ? ",\n" : "\n");
            out.write(s.toString());
        }
        out.write("]}\n");
    }

    private static String number(double d) {
        return d == 0 ? "0" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static String shown(JsonNode n) {
        return n == null ? "nothing" : abbreviate(n.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
