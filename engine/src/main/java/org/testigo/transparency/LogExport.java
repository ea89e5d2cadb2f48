package org.testigo.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testigo.ledger.Checkpoint;
import org.testigo.ledger.SignedNote;
import org.testigo.ledger.Tiles;

/**
 * Writes the log as C2SP tlog-tiles files — {@code checkpoint}, {@code tile/L/N[.p/W]},
 * {@code tile/entries/N[.p/W]} — for one signed checkpoint, so a static mirror, a bundle or a torrent
 * carries the log itself, and a monitor or verifier reads a folder exactly as it reads the server.
 */
public final class LogExport {

    private LogExport() {
    }

    /** Writes the tiles of the tree {@code checkpoint} commits to, under {@code dir}; returns the paths written, relative to it. */
    public static List<String> write(TransparencyLog log, SignedNote checkpoint, Path dir) throws IOException {
        long size = Checkpoint.parse(checkpoint.text()).size();
        List<String> written = new ArrayList<>();
        for (Tiles.TileId id : Tiles.tilesFor(size)) {
            written.add(put(dir, id.path(), log.tile(id)));
            if (id.level() == 0) {
                written.add(put(dir, id.entriesPath(), log.entryBundle(id)));
            }
        }
        // Last: a reader that sees the checkpoint finds every tile it names already in place.
        written.add(put(dir, "checkpoint", checkpoint.format().getBytes(StandardCharsets.UTF_8)));
        return written;
    }

    private static String put(Path dir, String relative, byte[] bytes) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return relative;
    }
}
