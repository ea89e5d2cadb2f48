package org.testigo.election.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.tally.ve2024.Ve2024Ballot;

/**
 * An election the size of Indonesia's (a million tables, ~820,000 there) survives a write and a read:
 * the streaming reader and writer, the duplicate and reference checks and the model all hold at that
 * size. No timing is asserted; the test simply has to finish.
 */
class MillionTablesTest {
    private static final int STATES = 20;
    private static final int MUNICIPALITIES = 20;
    private static final int PARISHES = 25;
    private static final int CENTRES = 10;
    private static final int TABLES = 10;

    @TempDir
    Path tmp;

    @Test
    void roundTripsAMillionTables() throws Exception {
        Election election = millionTableElection();
        assertThat(election.geography().tableCount()).isEqualTo(1_000_000);

        ElectionPackage.write(election, tmp);
        Election read = ElectionPackage.read(tmp);

        assertThat(read).isEqualTo(election);
        // Independent of the reader: the file has the header plus one line per table.
        try (var lines = Files.lines(tmp.resolve(ElectionPackage.TABLES))) {
            assertThat(lines.count()).isEqualTo(1 + 1_000_000);
        }
    }

    private static Election millionTableElection() {
        List<GeoNode> nodes = new ArrayList<>();
        List<PollingTable> tables = new ArrayList<>(1_000_000);
        for (int s = 1; s <= STATES; s++) {
            String state = String.format("%02d", s);
            nodes.add(new GeoNode(state, "", 0, "Estado " + s));
            for (int m = 1; m <= MUNICIPALITIES; m++) {
                String municipality = state + String.format("%02d", m);
                nodes.add(new GeoNode(municipality, state, 1, "Municipio " + m + ", estado " + s));
                for (int p = 1; p <= PARISHES; p++) {
                    String parish = municipality + String.format("%02d", p);
                    nodes.add(new GeoNode(parish, municipality, 2, "Parroquia \"" + p + "\""));
                    for (int c = 1; c <= CENTRES; c++) {
                        String centre = parish + String.format("%03d", c);
                        nodes.add(new GeoNode(centre, parish, 3, "Centro " + centre));
                        for (int t = 1; t <= TABLES; t++) {
                            // every 7th table has no known electorate, to exercise the empty field
                            int registered = (tables.size() % 7 == 0) ? PollingTable.UNKNOWN : 200 + tables.size() % 600;
                            tables.add(new PollingTable(new TableId(centre + "." + String.format("%02d", t)), centre, registered));
                        }
                    }
                }
            }
        }
        return new Election("synthetic-1m", "A million tables", "2030-01-01", "ve-2024", Map.of(),
                List.of("estado", "municipio", "parroquia", "centro"), Ve2024Ballot.BALLOT,
                new Geography("Synthetica", nodes, tables), 1_000_000, 700_000_000L, List.of());
    }
}
