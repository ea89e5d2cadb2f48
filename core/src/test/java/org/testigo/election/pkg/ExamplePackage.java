package org.testigo.election.pkg;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testigo.election.Ballot;
import org.testigo.election.Candidate;
import org.testigo.election.Card;
import org.testigo.election.Election;
import org.testigo.election.GeoNode;
import org.testigo.election.Geography;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;

/**
 * The example package of docs/election-package.md §8, as text typed by hand, and the {@link Election}
 * it stands for, built by hand. Error tests start from these files and break one thing.
 */
final class ExamplePackage {
    private ExamplePackage() {
    }

    static final String MANIFEST = """
            {
              "format": "testigo-election/1",
              "id": "ve-2024-presidencial",
              "name": "Elección presidencial de Venezuela, 28 de julio de 2024",
              "date": "2024-07-28",
              "nation": "Venezuela",
              "tally_format": {
                "id": "ve-2024",
                "options": {}
              },
              "levels": [
                "estado",
                "municipio",
                "parroquia",
                "centro"
              ],
              "expected": {
                "tables": 30026,
                "electorate": 21620705
              },
              "ballot": {
                "candidates": [
                  {
                    "id": "EG",
                    "name": "Edmundo González"
                  },
                  {
                    "id": "NM",
                    "name": "Nicolás Maduro"
                  }
                ],
                "cards": [
                  {
                    "id": "PSUV",
                    "name": "PSUV",
                    "candidate": "NM"
                  },
                  {
                    "id": "MUD",
                    "name": "MUD",
                    "candidate": "EG"
                  }
                ],
                "blank": false
              }
            }
            """;

    static final String GEOGRAPHY = """
            code,parent,level,name
            01,,estado,DTTO. CAPITAL
            0101,01,municipio,MP. BLVNO LIBERTADOR
            010113,0101,parroquia,PQ. EL RECREO
            010113042,010113,centro,"Centro 010113042, El Recreo"
            14,,estado,EDO. MERIDA
            """;

    static final String TABLES = """
            table,node,registered
            010113042.01,010113042,666
            010113042.02,010113042,
            """;

    static final String OFFICIAL = """
            bulletin,announced,note,item,value
            CNE boletín 1,2024-07-29T00:06-04:00,80% de mesas escrutadas,NM,5150092
            CNE boletín 1,2024-07-29T00:06-04:00,80% de mesas escrutadas,EG,4445978
            CNE boletín 1,2024-07-29T00:06-04:00,80% de mesas escrutadas,tables_percent,80
            CNE boletín 1,2024-07-29T00:06-04:00,80% de mesas escrutadas,turnout_percent,59
            """;

    /** The four files, in a map a test may change before writing them. */
    static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(ElectionPackage.MANIFEST, MANIFEST);
        files.put(ElectionPackage.GEOGRAPHY, GEOGRAPHY);
        files.put(ElectionPackage.TABLES, TABLES);
        files.put(ElectionPackage.OFFICIAL, OFFICIAL);
        return files;
    }

    static Path write(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    /** The same election, built from the model's constructors. */
    static Election election() {
        Ballot ballot = new Ballot(
                List.of(new Candidate("EG", "Edmundo González"), new Candidate("NM", "Nicolás Maduro")),
                List.of(new Card("PSUV", "PSUV", "NM"), new Card("MUD", "MUD", "EG")),
                false);
        Geography geography = new Geography("Venezuela",
                List.of(new GeoNode("01", "", 0, "DTTO. CAPITAL"),
                        new GeoNode("0101", "01", 1, "MP. BLVNO LIBERTADOR"),
                        new GeoNode("010113", "0101", 2, "PQ. EL RECREO"),
                        new GeoNode("010113042", "010113", 3, "Centro 010113042, El Recreo"),
                        new GeoNode("14", "", 0, "EDO. MERIDA")),
                List.of(new PollingTable(new TableId("010113042.01"), "010113042", 666),
                        new PollingTable(new TableId("010113042.02"), "010113042", PollingTable.UNKNOWN)));
        String note = "80% de mesas escrutadas";
        OfficialBulletin bulletin = new OfficialBulletin("CNE boletín 1", "2024-07-29T00:06-04:00", note, List.of(
                new OfficialFigure("NM", new BigDecimal("5150092")),
                new OfficialFigure("EG", new BigDecimal("4445978")),
                new OfficialFigure(OfficialFigure.TABLES_PERCENT, new BigDecimal("80")),
                new OfficialFigure(OfficialFigure.TURNOUT_PERCENT, new BigDecimal("59"))));
        return new Election("ve-2024-presidencial", "Elección presidencial de Venezuela, 28 de julio de 2024", "2024-07-28",
                "ve-2024", Map.of(), List.of("estado", "municipio", "parroquia", "centro"), ballot, geography,
                30026, 21620705, List.of(bulletin));
    }
}
