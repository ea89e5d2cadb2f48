package org.testigo.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.testigo.ledger.NoteKey;

/**
 * The deployment's log signing key on disk: one line, {@code PRIVATE+KEY+…}, readable by its owner only.
 * Whoever holds it can sign checkpoints in the deployment's name, so it never enters the database (which
 * backups and replicas copy) and is never printed; only its verifier key is published.
 */
public final class LogKeyFile {

    /** Where the key lives inside an embedded data directory by default. */
    public static final String DEFAULT_NAME = "log-signing.key";

    private LogKeyFile() {
    }

    /** Creates a new key at {@code file}; refuses to overwrite one (a lost key is a forked log). */
    public static NoteKey create(Path file, String origin) throws IOException {
        NoteKey key = NoteKey.generate(origin);
        write(file, key);
        return key;
    }

    /**
     * Writes a signing key (the log's or a witness's) readable by its owner only.
     *
     * @throws FileAlreadyExistsException when there is one already: a key is never replaced
     */
    public static void write(Path file, NoteKey key) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file.toString(), null, "a signing key already exists there; it is never replaced");
        }
        Files.writeString(file, key.encoded() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Reads the key at {@code file}; throws IllegalArgumentException saying what is wrong with it. */
    public static NoteKey load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return NoteKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a log signing key: " + e.getMessage(), e);
        }
    }

    /** The key at {@code file}, created with {@code origin} when there is none yet. */
    public static NoteKey loadOrCreate(Path file, String origin) throws IOException {
        return Files.exists(file) ? load(file) : create(file, origin);
    }
}
