package org.testigo.election.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.election.Geography;
import org.testigo.election.Geometry;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;

class GeometryFileTest {
    static final SyntheticElection SYNTH = SyntheticElection.generate(SynthSpec.of(40, 3));
    static final Geography GEO = SYNTH.election().geography();

    /** A square around (lon, lat) for node {@code code}. */
    static String feature(String code, String ring) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}";
    }

    static final String SQUARE = "[[-66,8],[-65,8],[-65,9],[-66,9],[-66,8]]";

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    static PackageProblem onlyProblem(String json) {
        try {
            GeometryFile.read(json.getBytes(StandardCharsets.UTF_8), GEO);
        } catch (PackageException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void readsASquareOfAKnownState() throws PackageException {
        Geometry g = GeometryFile.read(collection(feature("01", SQUARE)).getBytes(StandardCharsets.UTF_8), GEO);
        assertThat(g.regions()).hasSize(1);
        assertThat(g.regions().get(0).code()).isEqualTo("01");
        assertThat(g.regions().get(0).polygons().get(0).get(0)).containsExactly(-66, 8, -65, 8, -65, 9, -66, 9, -66, 8);
    }

    @Test
    void theSyntheticOutlinesRoundTripThroughThePackage(@TempDir Path dir) throws Exception {
        Geometry g = SYNTH.geometry();
        assertThat(g.regions()).hasSize(GEO.children(0).size());
        ElectionPackage.writeGeometry(g, GEO, dir);
        assertThat(ElectionPackage.readGeometry(dir, GEO)).contains(g);
        StringWriter once = new StringWriter();
        GeometryFile.write(g, GEO, once);
        assertThat(Files.readString(dir.resolve(ElectionPackage.GEOMETRY))).isEqualTo(once.toString());
        assertThat(once.toString()).startsWith("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"code\":\"01\",\"name\":");
    }

    @Test
    void aPackageWithoutGeometryHasNone(@TempDir Path dir) throws Exception {
        assertThat(ElectionPackage.readGeometry(dir, GEO)).isEmpty();
    }

    @Test
    void multiPolygonsKeepEveryPartAndHole() throws Exception {
        String multi = "{\"type\":\"Feature\",\"properties\":{\"code\":\"02\",\"other\":7},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[["
                + SQUARE + ",[[-65.8,8.2],[-65.2,8.2],[-65.2,8.8],[-65.8,8.2]]],[[[-60,5],[-59,5],[-59,6],[-60,5]]]]}}";
        Geometry g = GeometryFile.read(collection(multi).getBytes(StandardCharsets.UTF_8), GEO);
        assertThat(g.regions().get(0).polygons()).hasSize(2);
        assertThat(g.regions().get(0).polygons().get(0)).hasSize(2);
        StringWriter w = new StringWriter();
        GeometryFile.write(g, GEO, w);
        assertThat(GeometryFile.read(w.toString().getBytes(StandardCharsets.UTF_8), GEO)).isEqualTo(g);
    }

    @Test
    void refusesWhatIsNotJson() {
        PackageProblem p = onlyProblem("{\"type\":\"FeatureCollection\",\n\"features\":[");
        assertThat(p.code()).isEqualTo(PackageProblem.Code.SYNTAX);
        assertThat(p.file()).isEqualTo("geometry.geojson");
        assertThat(p.line()).isEqualTo(2);
    }

    @Test
    void refusesAnotherKindOfGeoJson() {
        PackageProblem p = onlyProblem("{\"type\":\"Feature\",\"features\":[]}");
        assertThat(p.field()).isEqualTo("type");
        assertThat(p.message()).isEqualTo("must be \"FeatureCollection\", got \"Feature\"");
    }

    @Test
    void refusesAFeatureWithoutACode() {
        PackageProblem p = onlyProblem(collection(feature("01", SQUARE).replace("\"code\"", "\"name\"")));
        assertThat(p.code()).isEqualTo(PackageProblem.Code.MISSING_FIELD);
        assertThat(p.field()).isEqualTo("features[0].properties.code");
    }

    @Test
    void refusesAPlaceTheGeographyDoesNotHave() {
        PackageProblem p = onlyProblem(collection(feature("01", SQUARE), feature("99", SQUARE)));
        assertThat(p.code()).isEqualTo(PackageProblem.Code.UNKNOWN_REFERENCE);
        assertThat(p.toString()).isEqualTo("geometry.geojson field features[1].properties.code: \"99\" is not a place of the election's geography");
    }

    @Test
    void refusesTwoShapesForOnePlace() {
        PackageProblem p = onlyProblem(collection(feature("01", SQUARE), feature("01", SQUARE)));
        assertThat(p.code()).isEqualTo(PackageProblem.Code.DUPLICATE);
        assertThat(p.message()).contains("features[0]");
    }

    @Test
    void refusesARingThatIsNotClosed() {
        PackageProblem p = onlyProblem(collection(feature("01", "[[-66,8],[-65,8],[-65,9],[-66,9],[-66,8.5]]")));
        assertThat(p.field()).isEqualTo("features[0].geometry.coordinates[0]");
        assertThat(p.message()).contains("must be closed");
    }

    @Test
    void refusesALatitudeBeyondThePole() {
        PackageProblem p = onlyProblem(collection(feature("01", "[[-66,8],[-65,95],[-65,9],[-66,8]]")));
        assertThat(p.field()).isEqualTo("features[0].geometry.coordinates[0][1]");
        assertThat(p.message()).contains("latitude within -90..90").contains("[-65,95]");
    }

    @Test
    void refusesARingOfThreePositions() {
        PackageProblem p = onlyProblem(collection(feature("01", "[[-66,8],[-65,8],[-66,8]]")));
        assertThat(p.message()).isEqualTo("a linear ring is an array of at least 4 positions, got 3 positions");
    }

    @Test
    void refusesAPositionThatIsNotTwoNumbers() {
        PackageProblem p = onlyProblem(collection(feature("01", "[[-66,8],[\"-65\",8],[-65,9],[-66,8]]")));
        assertThat(p.field()).isEqualTo("features[0].geometry.coordinates[0][1]");
    }

    @Test
    void refusesAPoint() {
        PackageProblem p = onlyProblem(collection("{\"type\":\"Feature\",\"properties\":{\"code\":\"01\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}"));
        assertThat(p.field()).isEqualTo("features[0].geometry.type");
        assertThat(p.message()).isEqualTo("must be \"Polygon\" or \"MultiPolygon\", got \"Point\"");
    }

    @Test
    void theSyntheticStatesTileWithoutGaps() {
        // Every edge point of a state that is not on the outer border is shared with a neighbour.
        Geometry g = SYNTH.geometry();
        java.util.Map<String, Integer> uses = new java.util.HashMap<>();
        for (Geometry.Region r : g.regions()) {
            double[] ring = r.polygons().get(0).get(0);
            for (int i = 0; i < ring.length - 2; i += 2) {
                uses.merge(ring[i] + "," + ring[i + 1], 1, Integer::sum);
            }
        }
        assertThat(uses.values().stream().filter(n -> n >= 2).count()).isGreaterThan(uses.size() / 3);
        assertThat(SYNTH.geometry()).isEqualTo(g); // deterministic
    }

    @Test
    void simplifyingKeepsEveryRegionClosed() {
        Geometry g = SYNTH.geometry().simplified(0.05, 2);
        assertThat(g.regions()).hasSize(SYNTH.geometry().regions().size());
        for (Geometry.Region r : g.regions()) {
            double[] ring = r.polygons().get(0).get(0);
            assertThat(ring.length).isGreaterThanOrEqualTo(8);
            assertThat(ring[0]).isEqualTo(ring[ring.length - 2]);
        }
    }

}
