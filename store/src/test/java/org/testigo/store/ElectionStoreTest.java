package org.testigo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.testigo.election.pkg.ElectionPackage;

class ElectionStoreTest {
    private Database db;
    private ElectionStore store;

    @BeforeEach
    void open() {
        db = TestPostgres.open();
        store = new ElectionStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void loadsNothingFromAnEmptyDatabase() {
        assertThat(store.load()).isEmpty();
    }

    @Test
    void givesBackTheRealElectionItSaved() {
        List<RealResults.Row> rows = RealResults.v1();
        Election saved = RealResults.election(rows);

        assertThat(store.save(saved)).isEqualTo(ElectionStore.Saved.CREATED);
        Election loaded = store.load().orElseThrow();

        // Facts from shared/data/SOURCES.md, not from the code under test.
        assertThat(loaded.geography().tableCount()).isEqualTo(24_532);
        assertThat(loaded.geography().tables().stream().mapToLong(PollingTable::registered).sum()).isEqualTo(17_745_239L);
        assertThat(loaded.geography().nodes().stream().filter(n -> n.level() == 0)).hasSize(24);
        assertThat(loaded.geography().nodes().stream().filter(n -> n.level() == 3)).hasSize(12_817);
        assertSameElection(loaded, saved);
    }

    @Test
    void keepsTheElectionAsThePackageFilesSayIt(@TempDir Path tmp) throws Exception {
        Election election = RealResults.election(RealResults.v1().subList(0, 100));
        store.save(election);
        ElectionPackage.write(election, tmp);

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select manifest, official from election")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(Files.readString(tmp.resolve(ElectionPackage.MANIFEST)));
            assertThat(rs.getString(2)).isEqualTo(Files.readString(tmp.resolve(ElectionPackage.OFFICIAL)));
        }
    }

    @Test
    void keepsTheScaleOfAnnouncedFigures() {
        Election e = synthetic("scaled", 10, 3);
        Election scaled = new Election(e.id(), e.name(), e.date(), e.tallyFormat(), e.formatOptions(), e.levels(), e.ballot(),
                e.geography(), e.expectedTables(), e.expectedElectorate(), List.of(new OfficialBulletin("b1", "", "", List.of(
                        new OfficialFigure("A", new BigDecimal("1200")),
                        new OfficialFigure(OfficialFigure.TABLES_PERCENT, new BigDecimal("96.870"))))));
        store.save(scaled);

        Election loaded = store.load().orElseThrow();
        assertThat(loaded.official().get(0).figure("A").orElseThrow().value()).hasToString("1200");
        assertThat(loaded.official().get(0).figure(OfficialFigure.TABLES_PERCENT).orElseThrow().value()).hasToString("96.870");
    }

    @Test
    void savingTheSameElectionAgainChangesNothing() throws SQLException {
        Election election = RealResults.election(RealResults.v1().subList(0, 500));
        store.save(election);
        String loadedAt = loadedAt();

        assertThat(store.save(RealResults.election(RealResults.v1().subList(0, 500)))).isEqualTo(ElectionStore.Saved.UNCHANGED);
        assertThat(loadedAt()).isEqualTo(loadedAt);
    }

    @Test
    void refreshesAChangedPackageOfTheSameElection() {
        List<RealResults.Row> rows = RealResults.v1();
        store.save(RealResults.election(rows.subList(0, 1_000)));
        Election bigger = RealResults.election(rows.subList(0, 2_000));

        assertThat(store.save(bigger)).isEqualTo(ElectionStore.Saved.REFRESHED);
        assertSameElection(store.load().orElseThrow(), bigger);
    }

    @Test
    void refusesToSaveAnotherElectionOverTheOneItHolds() {
        store.save(RealResults.election(RealResults.v1().subList(0, 100)));
        Election other = synthetic("br-2026", 10, 3);

        assertThatThrownBy(() -> store.save(other))
                .isInstanceOf(DatabaseHoldsAnotherElection.class)
                .hasMessage("this database holds election 've-2024' (Elección presidencial 2024), not 'br-2026':"
                        + " use another database or data directory for 'br-2026'")
                .satisfies(e -> {
                    assertThat(((DatabaseHoldsAnotherElection) e).heldId()).isEqualTo("ve-2024");
                    assertThat(((DatabaseHoldsAnotherElection) e).reason()).isEqualTo(StoreException.Reason.ANOTHER_ELECTION);
                });
        assertThat(store.load().orElseThrow().id()).isEqualTo("ve-2024");
        assertThat(store.load().orElseThrow().geography().tableCount()).isEqualTo(100);
    }

    @Test
    void roundTripsAHundredThousandTablesInTheirOrder() {
        Election big = synthetic("big", 100_000, 7);
        store.save(big);
        Election loaded = store.load().orElseThrow();
        assertSameElection(loaded, big);
        assertThat(loaded.geography().table(99_999).id()).isEqualTo(new TableId("T099999"));
    }

    @Test
    void refreshesWhenOnlyTheAnnouncedFiguresChange() {
        Election before = synthetic("s", 10, 3);
        store.save(before);
        Election after = new Election(before.id(), before.name(), before.date(), before.tallyFormat(), before.formatOptions(),
                before.levels(), before.ballot(), before.geography(), before.expectedTables(), before.expectedElectorate(),
                List.of(new OfficialBulletin("b1", "2026-10-05", "", List.of(new OfficialFigure("A", BigDecimal.TEN)))));

        assertThat(store.save(after)).isEqualTo(ElectionStore.Saved.REFRESHED);
        assertSameElection(store.load().orElseThrow(), after);
    }

    @Test
    void keepsATableWithoutKnownVotersAsUnknown() {
        Election bare = new Election("bare", "Bare", "2026-01-01", "test", Map.of(), List.of("region"),
                new Ballot(List.of(new Candidate("A", "Ana")), List.of(), true),
                new Geography("Nowhere", List.of(new GeoNode("R1", GeoNode.NATION, 0, "Region 1")),
                        List.of(new PollingTable(new TableId("R1-1"), "R1", PollingTable.UNKNOWN))), -1 + 2, -1, List.of());
        store.save(bare);
        Election loaded = store.load().orElseThrow();
        assertThat(loaded.geography().table(0).registeredVoters()).isEmpty();
        assertSameElection(loaded, bare);
    }

    @Test
    void refusesAnElectionThatNoElectionPackageCouldCarry() {
        // The model allows a missing name, date and tally format; the package format, which the store
        // keeps the election in, does not.
        Election bare = new Election("bare", null, null, null, Map.of(), List.of("region"),
                new Ballot(List.of(new Candidate("A", "Ana")), List.of(), true),
                new Geography("Nowhere", List.of(new GeoNode("R1", GeoNode.NATION, 0, "Region 1")),
                        List.of(new PollingTable(new TableId("R1-1"), "R1", PollingTable.UNKNOWN))), 1, -1, List.of());

        assertThatThrownBy(() -> store.save(bare))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write this election as a package: the election needs a non-blank name");
        assertThat(store.load()).isEmpty();
    }

    /**
     * A deterministic election of {@code tables} tables: every node and table named by its number,
     * registered voters varying with it, one table in 13 without a known electorate.
     */
    static Election synthetic(String id, int tables, int tablesPerCentre) {
        List<GeoNode> nodes = new ArrayList<>();
        List<PollingTable> list = new ArrayList<>();
        int centres = (tables + tablesPerCentre - 1) / tablesPerCentre;
        for (int s = 0; s < 10; s++) {
            nodes.add(new GeoNode("S" + s, GeoNode.NATION, 0, "State " + s));
        }
        for (int c = 0; c < centres; c++) {
            nodes.add(new GeoNode(String.format("C%06d", c), "S" + (c % 10), 1, "Centre \"" + c + "\", \u00f1"));
        }
        for (int t = 0; t < tables; t++) {
            list.add(new PollingTable(new TableId(String.format("T%06d", t)), String.format("C%06d", t / tablesPerCentre),
                    t % 13 == 0 ? PollingTable.UNKNOWN : 200 + t % 500));
        }
        Ballot ballot = new Ballot(List.of(new Candidate("A", "Ana"), new Candidate("B", "Bea")),
                List.of(new Card("A1", "Party one", "A"), new Card("B1", "Party two", "B")), true);
        return new Election(id, "Synthetic " + id, "2026-10-04", "br-bu", Map.of("office", "president"), List.of("state", "centre"),
                ballot, new Geography("Synthetia", nodes, list), tables, -1, List.of());
    }

    /** Election has a Geography (compared by identity), so compare its parts. */
    private static void assertSameElection(Election actual, Election expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.date()).isEqualTo(expected.date());
        assertThat(actual.tallyFormat()).isEqualTo(expected.tallyFormat());
        assertThat(actual.formatOptions()).isEqualTo(expected.formatOptions());
        assertThat(actual.levels()).isEqualTo(expected.levels());
        assertThat(actual.ballot()).isEqualTo(expected.ballot());
        assertThat(actual.expectedTables()).isEqualTo(expected.expectedTables());
        assertThat(actual.expectedElectorate()).isEqualTo(expected.expectedElectorate());
        assertThat(actual.official()).isEqualTo(expected.official());
        assertThat(actual.geography().node(0).name()).isEqualTo(expected.geography().node(0).name());
        assertThat(actual.geography().nodes()).isEqualTo(expected.geography().nodes());
        assertThat(actual.geography().tables()).isEqualTo(expected.geography().tables());
    }

    private String loadedAt() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select loaded_at::text from election")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
