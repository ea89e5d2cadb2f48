package org.testigo.resultados;

import java.util.Map;
import java.util.Optional;
import org.testigo.election.Geography;
import org.testigo.election.Geometry;
import org.testigo.election.pkg.GeometryFile;
import org.testigo.election.pkg.PackageException;

/**
 * Venezuela's state outlines for the imported election: the OCHA/INE administrative boundaries
 * ({@code ve_states_adm1_ine_ocha.geojson}, see shared/data/SOURCES.md) name states by their INE pcode
 * ({@code ADM1_PCODE}, VE01…VE24), the CNE (and so the imported geography) by its own numbering, 01…24.
 * The two orders differ (the INE's is alphabetical with Amazonas second, the CNE's puts Amazonas, Delta
 * Amacuro and La Guaira last), so states are matched through this table, written from
 * {@code ve_state_codes_cne_ine_iso.csv}. Features without a state of the election (Dependencias
 * Federales, with no voters) are left out.
 */
public final class Ve2024Geometry {
    /** INE/OCHA pcode → CNE state code, as the importer writes it. */
    static final Map<String, String> CNE_BY_PCODE = Map.ofEntries(
            Map.entry("VE01", "01"), Map.entry("VE03", "02"), Map.entry("VE04", "03"), Map.entry("VE05", "04"),
            Map.entry("VE06", "05"), Map.entry("VE07", "06"), Map.entry("VE08", "07"), Map.entry("VE09", "08"),
            Map.entry("VE11", "09"), Map.entry("VE12", "10"), Map.entry("VE13", "11"), Map.entry("VE14", "12"),
            Map.entry("VE15", "13"), Map.entry("VE16", "14"), Map.entry("VE17", "15"), Map.entry("VE18", "16"),
            Map.entry("VE19", "17"), Map.entry("VE20", "18"), Map.entry("VE21", "19"), Map.entry("VE22", "20"),
            Map.entry("VE23", "21"), Map.entry("VE02", "22"), Map.entry("VE10", "23"), Map.entry("VE24", "24"));

    /** Tolerance of the simplification, degrees (about 1 km): the map is a few hundred pixels wide. */
    public static final double TOLERANCE = 0.01;
    /** Decimals kept (about 100 m). */
    public static final int DECIMALS = 3;

    private Ve2024Geometry() {
    }

    /**
     * The states of {@code geography} with their outlines from the OCHA/INE file, simplified for drawing.
     *
     * @throws PackageException naming the feature at fault (its JSON path), e.g. a pcode the table does not
     *     know, or a CNE code property that contradicts the pcode
     */
    public static Geometry read(byte[] geojson, String file, Geography geography) throws PackageException {
        Geometry g = GeometryFile.read(geojson, file, geography, Ve2024Geometry::stateCode);
        return g.simplified(TOLERANCE, DECIMALS);
    }

    private static Optional<String> stateCode(Map<String, String> properties) {
        String pcode = properties.getOrDefault("ADM1_PCODE", "");
        if (pcode.isEmpty()) {
            return Optional.empty(); // Dependencias Federales: no pcode, no voters
        }
        String code = CNE_BY_PCODE.get(pcode);
        if (code == null) {
            return Optional.of("unknown INE pcode " + pcode); // refused as an unknown place, with the pcode shown
        }
        String cne = properties.get("CNE_COD_EDO");
        if (cne != null && !cne.isEmpty() && !cne.equals(code) && !cne.equals(String.valueOf(Integer.parseInt(code)))
                && !cne.equals(Integer.parseInt(code) + ".0")) {
            return Optional.of("pcode " + pcode + " is CNE " + code + " but CNE_COD_EDO says " + cne);
        }
        return Optional.of(code);
    }
}
