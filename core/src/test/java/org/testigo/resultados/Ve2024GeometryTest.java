package org.testigo.resultados;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testigo.election.Geography;
import org.testigo.election.Geometry;
import org.testigo.election.pkg.PackageException;
import org.testigo.testing.SharedData;

class Ve2024GeometryTest {

    @Test
    void thePcodeTableIsTheOneOfTheSharedCodeList() throws Exception {
        // ve_state_codes_cne_ine_iso.csv: CNE_COD_EDO,CNE_NAME…,NAME,INE_OCHA_ADM1_PCODE,ISO_3166_2
        Map<String, String> expected = new HashMap<>();
        for (String line : Files.readAllLines(SharedData.file("ve_state_codes_cne_ine_iso.csv"), StandardCharsets.UTF_8).subList(1, 26)) {
            String[] f = line.split(",", -1);
            if (!f[0].isEmpty()) {
                expected.put(f[3], String.format("%02d", Integer.parseInt(f[0])));
            }
        }
        assertThat(Ve2024Geometry.CNE_BY_PCODE).isEqualTo(expected);
    }

    @Test
    void everyStateOfTheV2ImportGetsItsOutline() throws Exception {
        Geography geo = ResultadosCsv.read(SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V2.csv")).election().geography();
        byte[] geojson = Files.readAllBytes(SharedData.file("ve_states_adm1_ine_ocha.geojson"));
        Geometry g = Ve2024Geometry.read(geojson, "ve_states_adm1_ine_ocha.geojson", geo);
        Set<String> states = geo.children(0).stream().map(geo::code).collect(Collectors.toSet());
        assertThat(g.regions().stream().map(Geometry.Region::code).collect(Collectors.toSet())).isEqualTo(states).hasSize(24);
        long points = g.regions().stream().flatMap(r -> r.polygons().stream()).flatMap(List::stream).mapToLong(r -> r.length / 2).sum();
        assertThat(points).isBetween(500L, 20_000L); // simplified from the file's ~190,000
        // Zulia (CNE 21) lies west of Sucre (CNE 17): the codes were not shuffled.
        assertThat(west(g, "21")).isLessThan(west(g, "17"));
        // Amazonas (CNE 22) is the southernmost state.
        assertThat(south(g, "22")).isLessThan(south(g, "01"));
    }

    @Test
    void refusesAFileWhoseCnePropertyContradictsThePcode() throws Exception {
        Geography geo = ResultadosCsv.read(SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V2.csv")).election().geography();
        String bad = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"ADM1_PCODE\":\"VE02\",\"CNE_COD_EDO\":2},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-66,2],[-65,2],[-65,3],[-66,2]]]}}]}";
        assertThatThrownBy(() -> Ve2024Geometry.read(bad.getBytes(StandardCharsets.UTF_8), "x.geojson", geo))
                .isInstanceOf(PackageException.class)
                .hasMessageContaining("features[0].properties.code")
                .hasMessageContaining("pcode VE02 is CNE 22 but CNE_COD_EDO says 2");
    }

    private static double west(Geometry g, String code) {
        double min = 180;
        for (double[] ring : g.region(code).orElseThrow().polygons().get(0)) {
            for (int i = 0; i < ring.length; i += 2) {
                min = Math.min(min, ring[i]);
            }
        }
        return min;
    }

    private static double south(Geometry g, String code) {
        double min = 90;
        for (List<double[]> polygon : g.region(code).orElseThrow().polygons()) {
            double[] ring = polygon.get(0);
            for (int i = 1; i < ring.length; i += 2) {
                min = Math.min(min, ring[i]);
            }
        }
        return min;
    }
}
