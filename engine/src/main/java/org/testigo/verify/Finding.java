package org.testigo.verify;

/**
 * One thing in a bundle that is not as it should be: what kind of problem, in which file, about what
 * (a table, a node, a log entry), which field, what was expected and what was found.
 */
public record Finding(Problem problem, String file, String subject, String field, String expected, String found, String message) {

    /** The closed list of problems the verifier names; each code is stable for programs reading {@code --json}. */
    public enum Problem {
        /** The log key given or found cannot be read. */
        KEY_UNUSABLE,
        /** The bundle's own key file is not the key the verifier was told to trust. */
        KEY_DIFFERS,
        /** SHA256SUMS.note is missing, not signed by the log key, or malformed. */
        SEAL_INVALID,
        /** SHA256SUMS is missing or malformed. */
        MANIFEST_UNREADABLE,
        /** SHA256SUMS is not the list the log key sealed. */
        MANIFEST_CHANGED,
        FILE_MISSING,
        FILE_CHANGED,
        /** A file the manifest does not list. */
        FILE_EXTRA,
        /** The checkpoint is missing, not signed by the log key, or malformed. */
        CHECKPOINT_INVALID,
        /** The checkpoint is not the one the bundle was sealed with (e.g. a rolled-back log). */
        CHECKPOINT_NOT_SEALED,
        /** An entry bundle is missing, malformed, or holds the wrong number of entries. */
        LOG_MALFORMED,
        /** The tree rebuilt from the entries does not have the checkpoint's root. */
        LOG_ROOT,
        /** A hash tile does not hold the hashes of the tree rebuilt from the entries. */
        LOG_TILE,
        /** Log files beyond the checkpoint's size. */
        LOG_EXTRA,
        /** Two log entries record the same evidence. */
        LOG_DUPLICATE,
        /** A piece of evidence the log names has no content file. */
        EVIDENCE_MISSING,
        /** A content file does not hash to the SHA-256 the log recorded. */
        EVIDENCE_HASH,
        /** A content file no log entry names. */
        EVIDENCE_UNACCOUNTED,
        /** The evidence's format refuses its content. */
        EVIDENCE_UNDECODABLE,
        /** The content decodes to another table or verdict than the log recorded. */
        EVIDENCE_MISMATCH,
        /** A published image does not show the QR text published for it. */
        IMAGE_MISMATCH,
        /** The election package cannot be read. */
        ELECTION_INVALID,
        /** A published results file cannot be read. */
        RESULTS_UNREADABLE,
        /** A published number or status differs from the one recomputed from the evidence. */
        RESULT_MISMATCH,
        /** A row the recomputation has and the published file lacks. */
        RESULT_MISSING,
        /** A row the published file has and the recomputation does not. */
        RESULT_EXTRA;

        public String code() {
            return name();
        }
    }

    static Finding of(Problem problem, String file, String message) {
        return new Finding(problem, file, "", "", "", "", message);
    }

    /** One line for people. */
    public String describe() {
        StringBuilder out = new StringBuilder(problem.code()).append(' ').append(file.isEmpty() ? "-" : file);
        if (!subject.isEmpty()) {
            out.append(" [").append(subject).append(']');
        }
        if (!field.isEmpty()) {
            out.append(' ').append(field);
        }
        if (!expected.isEmpty() || !found.isEmpty()) {
            out.append(": expected ").append(expected.isEmpty() ? "(nothing)" : expected).append(", found ")
                    .append(found.isEmpty() ? "(nothing)" : found);
        }
        if (!message.isEmpty()) {
            out.append(" — ").append(message);
        }
        return out.toString();
    }
}
