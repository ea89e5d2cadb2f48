package org.testigo.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import org.testigo.tally.Check;
import org.testigo.tally.Tally;
import org.testigo.tally.Verification;

/**
 * A submission about to be stored: the exact bytes received and what their format made of them.
 *
 * @param channel how it arrived
 * @param submitter the submitter's pseudonym (1-200 characters), never a name or a phone number
 * @param format the id of the format the content was read with, e.g. {@code ve-2024}
 * @param mediaType of the content, e.g. {@code text/plain; charset=utf-8} for QR text
 * @param content the bytes as received (up to {@value #MAX_CONTENT_BYTES} bytes); their SHA-256 names them
 * @param receivedAt when Testigo received them; kept at microsecond precision, as PostgreSQL stores it
 * @throws IllegalArgumentException naming the field that cannot be stored
 */
public record EvidenceDraft(Channel channel, String submitter, String format, String mediaType, byte[] content, Tally tally,
        Verification verification, Instant receivedAt) {

    /**
     * Content kept inside the database. An image submission's content is the original photo or scan, and
     * {@code ImageLimits.DEFAULT} (scan module) accepts files up to 40 MiB: this limit is the same, so that
     * every image Testigo accepts can become evidence. Larger content would live outside the database
     * ({@code blob.location}, reserved).
     */
    public static final int MAX_CONTENT_BYTES = 40 * 1024 * 1024;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public EvidenceDraft {
        if (channel == null) {
            throw new IllegalArgumentException("channel is required");
        }
        requireText("submitter", submitter, 200);
        requireText("format", format, 64);
        requireText("mediaType", mediaType, 200);
        if (content == null) {
            throw new IllegalArgumentException("content is required");
        }
        if (content.length > MAX_CONTENT_BYTES) {
            throw new IllegalArgumentException("content has " + content.length + " bytes; at most " + MAX_CONTENT_BYTES + " are kept in the database");
        }
        content = content.clone();
        if (tally == null) {
            throw new IllegalArgumentException("tally is required");
        }
        if (verification == null) {
            throw new IllegalArgumentException("verification is required");
        }
        if (receivedAt == null) {
            throw new IllegalArgumentException("receivedAt is required");
        }
        if (receivedAt.isBefore(EARLIEST) || receivedAt.isAfter(LATEST)) {
            throw new IllegalArgumentException("receivedAt must lie between years 1 and 9999 (got " + receivedAt + ")");
        }
        receivedAt = receivedAt.truncatedTo(ChronoUnit.MICROS);
        // PostgreSQL text and jsonb cannot hold U+0000; say which field has one rather than fail in the database.
        requireStorable("tally.format", tally.format());
        requireStorable("tally.actaId", tally.actaId());
        for (Map.Entry<String, Long> counter : tally.counters().entrySet()) {
            requireStorable("tally.counters key", counter.getKey());
            if (counter.getValue() == null) {
                throw new IllegalArgumentException("tally.counters[" + counter.getKey() + "] has no value");
            }
        }
        requireStorable("verification.reason", verification.reason());
        for (Check check : verification.checks()) {
            requireStorable("verification.checks name", check.name());
            if (check.name() == null) {
                throw new IllegalArgumentException("verification.checks has a check without a name");
            }
            requireStorable("verification.checks[" + check.name() + "] detail", check.detail());
        }
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The content without a copy, for the store's own use. */
    byte[] contentBytes() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvidenceDraft d && channel.equals(d.channel) && submitter.equals(d.submitter) && format.equals(d.format)
                && mediaType.equals(d.mediaType) && Arrays.equals(content, d.content) && tally.equals(d.tally)
                && verification.equals(d.verification) && receivedAt.equals(d.receivedAt);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(content) * 31 + submitter.hashCode();
    }

    @Override
    public String toString() {
        return "EvidenceDraft[" + channel + ", " + submitter + ", " + format + ", " + content.length + " bytes of " + mediaType
                + ", table " + tally.table() + ", " + receivedAt + "]";
    }

    private static void requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters (got " + value.length() + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters (found U+"
                        + String.format("%04X", (int) value.charAt(i)) + " at " + i + ")");
            }
        }
    }

    private static void requireStorable(String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException(field + " contains U+0000, which cannot be stored");
        }
    }
}
