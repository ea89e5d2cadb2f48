package org.testigo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogStoreTest {
    private Database db;
    private LogStore log;

    @BeforeEach
    void open() {
        db = TestPostgres.open();
        log = new LogStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsEntriesInOrderWithLeafHashesTheDatabaseComputed() throws Exception {
        log.append(0, List.of(utf8("{\"a\":1}"), utf8("{\"b\":2}")));
        log.append(2, List.of(utf8("{\"c\":3}")));
        assertThat(log.size()).isEqualTo(3);
        List<LogStore.StoredEntry> read = new ArrayList<>();
        log.forEachFrom(1, read::add);
        assertThat(read).extracting(LogStore.StoredEntry::position).containsExactly(1L, 2L);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        sha.update(utf8("{\"b\":2}"));
        assertThat(read.get(0).leafHash()).isEqualTo(sha.digest());
        assertThat(new String(read.get(1).entry(), StandardCharsets.UTF_8)).isEqualTo("{\"c\":3}");
    }

    @Test
    void refusesGapsOverlapsAndEmptyEntries() {
        log.append(0, List.of(utf8("x")));
        assertThatThrownBy(() -> log.append(2, List.of(utf8("gap")))).hasMessageContaining("next one is at position 1, not 2");
        assertThatThrownBy(() -> log.append(0, List.of(utf8("again")))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> log.append(1, List.of(new byte[0]))).isInstanceOf(StoreException.class);
        // A failed batch leaves nothing behind.
        assertThatThrownBy(() -> log.append(1, List.of(utf8("ok"), new byte[0]))).isInstanceOf(StoreException.class);
        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void entriesAndCheckpointsCannotBeChangedOrRemoved() throws SQLException {
        log.append(0, List.of(utf8("x")));
        log.saveCheckpoint(1, "origin\n1\nroot\n\n— origin sig\n");
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update log_entry set entry = 'y'::bytea")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from log_entry")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("truncate log_entry cascade")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("update log_checkpoint set note = 'forged'")).hasMessageContaining("append-only");
        }
    }

    @Test
    void keepsTheFirstCheckpointOfEachSizeAndFindsTheLatest() {
        assertThat(log.latestCheckpoint()).isEmpty();
        log.saveCheckpoint(0, "zero");
        log.saveCheckpoint(5, "five");
        log.saveCheckpoint(5, "five again");
        log.saveCheckpoint(3, "three");
        assertThat(log.latestCheckpoint()).contains("five");
        assertThat(log.checkpointAt(3)).contains("three");
        assertThat(log.checkpointAt(4)).isEmpty();
    }
}
