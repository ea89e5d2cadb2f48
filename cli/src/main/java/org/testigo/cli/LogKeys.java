package org.testigo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.testigo.ledger.NoteKey;
import org.testigo.transparency.LogKeyFile;
import org.testigo.ledger.NoteVerifier;
import org.testigo.ledger.SignedNote;

/** Reading keys and the remembered checkpoint for the log commands, with errors a user can act on. */
final class LogKeys {
    private LogKeys() {
    }

    /** A verifier key given on the command line, or the path of a file holding one. */
    static NoteVerifier verifier(String keyOrFile, String option) {
        boolean isFile;
        try {
            isFile = Files.isRegularFile(Path.of(keyOrFile));
        } catch (java.nio.file.InvalidPathException e) {
            isFile = false;
        }
        String text = keyOrFile;
        if (isFile) {
            try {
                text = Files.readString(Path.of(keyOrFile), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserError(option + ": cannot read " + keyOrFile + " (" + e.getMessage() + ")");
            }
        } else if (!keyOrFile.contains("+")) {
            throw new UserError(option + " is neither a verifier key (<name>+<key id>+<key>) nor a file: " + keyOrFile);
        }
        try {
            return NoteVerifier.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage() + (isFile ? " (in " + keyOrFile + ")" : ""));
        }
    }

    /** A signing key file ({@code PRIVATE+KEY+…}). */
    static NoteKey signingKey(Path file, String option) {
        try {
            return NoteKey.parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UserError(option + ": cannot read " + file + " (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + file + " is not a note signing key: " + e.getMessage());
        }
    }

    /** Writes a new signing key readable by its owner only; never replaces one. */
    static void writeSigningKey(Path file, NoteKey key) throws IOException {
        try {
            LogKeyFile.write(file, key);
        } catch (FileAlreadyExistsException e) {
            throw new UserError(file + " already exists; a witness key is never replaced (its cosignatures would no longer be its own)");
        }
    }

    /** The checkpoint remembered in {@code state}, or null when there is no such file yet. */
    static SignedNote remembered(Path state) {
        if (state == null || !Files.exists(state)) {
            return null;
        }
        try {
            return SignedNote.parse(Files.readAllBytes(state));
        } catch (IOException e) {
            throw new UserError("cannot read the state file " + state + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserError("the state file " + state + " does not hold a signed checkpoint: " + e.getMessage());
        }
    }

    /** Remembers {@code note} in {@code state}, atomically: a crash leaves the old checkpoint or the new one. */
    static void remember(Path state, SignedNote note) {
        if (state == null) {
            return;
        }
        try {
            Path parent = state.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".checkpoint", ".tmp");
            Files.writeString(temp, note.format(), StandardCharsets.UTF_8);
            Files.move(temp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("cannot write the state file " + state + ": " + e.getMessage());
        }
    }
}
