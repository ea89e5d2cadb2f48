package org.testigo.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Image submissions: the sealed originals and their decoding jobs (schema version 3).
 *
 * <p>{@link #receive} stores the original and a job in status {@code decoding}, durably, in one
 * transaction; a retry (same submitter, same bytes) gets the first job back. {@link #decoding} is the
 * work queue; {@link #finish} moves a job once to its final status, storing its derivatives. Evidence
 * a decoded image becomes is appended through {@link EvidenceStore}, like any other.
 */
public final class ImageStore {
    /** The media type of the derivatives. */
    public static final String DERIVATIVE_MEDIA_TYPE = "image/jpeg";

    private static final String COLUMNS = """
            s.id, encode(s.image_sha256, 'hex'), b.media_type, b.size, s.submitter, s.format, s.received_at, s.status,
            s.reason, s.reason_code, s.payloads, s.strategy, s.decode_ms::bigint, s.evidence_id, e.table_id, s.text_evidence_id,
            encode(s.web_sha256, 'hex'), encode(s.thumbnail_sha256, 'hex'), s.updated_at""";
    private static final String FROM = " from image_submission s join blob b on b.sha256 = s.image_sha256"
            + " left join evidence e on e.id = s.evidence_id";

    private final Database database;

    public ImageStore(Database database) {
        this.database = database;
    }

    /**
     * The answer to {@link #receive}.
     *
     * @param duplicate true when this submitter had sent these bytes before: {@code submission} is the first one
     */
    public record Received(ImageSubmission submission, boolean duplicate) {
    }

    /**
     * Stores an original image and its decoding job, durably; a retry finds the first job.
     *
     * @param mediaType of the bytes, as sniffed from them (e.g. {@code image/jpeg})
     * @param format the format the submitter claimed, or null
     * @param textEvidenceId the evidence the QR text sent with the image became, or null
     * @throws IllegalArgumentException naming a field that cannot be stored
     * @throws StoreException when the database cannot be written
     */
    public Received receive(String submitter, String mediaType, byte[] image, String format, Long textEvidenceId,
            Instant receivedAt) {
        return receive(submitter, mediaType, image, format, textEvidenceId, receivedAt, null);
    }

    /**
     * Stores an original image already decoded elsewhere, with its final outcome, in one transaction: no
     * other reader ever sees it in status {@code decoding}, so the decoding pool never takes it (a citizen's
     * photo, checked on the request, must not be recorded a second time as witness evidence). A retry
     * (same submitter, same bytes) gets the first submission back and changes nothing.
     */
    public Received receiveDecided(String submitter, String mediaType, byte[] image, String format, Instant receivedAt,
            ImageOutcome outcome) {
        if (outcome == null) {
            throw new IllegalArgumentException("receiveDecided needs the outcome");
        }
        return receive(submitter, mediaType, image, format, null, receivedAt, outcome);
    }

    private Received receive(String submitter, String mediaType, byte[] image, String format, Long textEvidenceId,
            Instant receivedAt, ImageOutcome decided) {
        if (submitter == null || submitter.isBlank() || submitter.length() > 200) {
            throw new IllegalArgumentException("submitter must be 1-200 characters");
        }
        if (mediaType == null || !mediaType.startsWith("image/")) {
            throw new IllegalArgumentException("mediaType must be an image type (got " + mediaType + ")");
        }
        if (image == null || image.length == 0) {
            throw new IllegalArgumentException("image is required");
        }
        if (image.length > EvidenceDraft.MAX_CONTENT_BYTES) {
            throw new IllegalArgumentException("image has " + image.length + " bytes; at most " + EvidenceDraft.MAX_CONTENT_BYTES
                    + " are kept");
        }
        if (format != null && (format.isBlank() || format.length() > 64)) {
            throw new IllegalArgumentException("format must be 1-64 characters");
        }
        byte[] sha = EvidenceRows.sha256(image);
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                insertBlob(c, sha, mediaType, image);
                Long id = null;
                try (PreparedStatement ps = c.prepareStatement("insert into image_submission (image_sha256, submitter, format,"
                        + " received_at, text_evidence_id) values (?, ?, ?, ?, ?) on conflict (submitter, image_sha256) do nothing"
                        + " returning id")) {
                    ps.setBytes(1, sha);
                    ps.setString(2, submitter);
                    ps.setString(3, format);
                    ps.setObject(4, OffsetDateTime.ofInstant(receivedAt.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
                    if (textEvidenceId == null) {
                        ps.setNull(5, Types.BIGINT);
                    } else {
                        ps.setLong(5, textEvidenceId);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            id = rs.getLong(1);
                        }
                    }
                }
                if (id != null && decided != null) {
                    finish(c, id, decided);
                }
                ImageSubmission s = id != null
                        ? one(c, "s.id = ?", id)
                        : oneBySubmitter(c, submitter, sha);
                c.commit();
                return new Received(s, id == null);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Database.unavailable("store an image submission", e);
        }
    }

    public Optional<ImageSubmission> byId(long id) {
        return read("read image submission " + id, c -> Optional.ofNullable(find(c, "s.id = ?", id)));
    }

    /** The first submission of these bytes, whoever sent them. */
    public Optional<ImageSubmission> byImage(String sha256Hex) {
        byte[] sha = EvidenceRows.HEX.parseHex(sha256Hex);
        return read("look an image up", c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + FROM + " where s.image_sha256 = ? order by s.id limit 1")) {
                ps.setBytes(1, sha);
                List<ImageSubmission> found = list(ps);
                return found.stream().findFirst();
            }
        });
    }

    /** Up to {@code limit} jobs still decoding, oldest first, leaving out {@code except} (those already taken). */
    public List<Long> decoding(Collection<Long> except, int limit) {
        return read("read the image queue", c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from image_submission where status = 'decoding'"
                    + " and not (id = any (?)) order by id limit ?")) {
                ps.setArray(1, c.createArrayOf("bigint", except.toArray()));
                ps.setInt(2, limit);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /** Up to {@code limit} submissions that need a person, after id {@code afterId}, oldest first. */
    public List<ImageSubmission> needingTranscription(long afterId, int limit) {
        return read("read the transcription list", c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + FROM
                    + " where s.status = 'needs-transcription' and s.id > ? order by s.id limit ?")) {
                ps.setLong(1, afterId);
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    /** The original bytes of a submission (sealed: for decoding, never for publication). */
    public byte[] original(ImageSubmission s) {
        return blobBytes(s.imageSha256());
    }

    /** A derivative's bytes (image/jpeg), if {@code sha256Hex} names one of this submission's. */
    public Optional<byte[]> derivative(ImageSubmission s, String sha256Hex) {
        if (sha256Hex == null || !(sha256Hex.equals(s.webSha256()) || sha256Hex.equals(s.thumbnailSha256()))) {
            return Optional.empty();
        }
        return Optional.of(blobBytes(sha256Hex));
    }

    /**
     * The bytes of a published derivative (a web copy or thumbnail of some decoded submission), by its own
     * SHA-256; empty for any other blob, originals above all (sealed), and for a malformed hash.
     */
    public Optional<byte[]> publicDerivative(String sha256Hex) {
        if (sha256Hex == null || !sha256Hex.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        byte[] sha = EvidenceRows.HEX.parseHex(sha256Hex);
        return read("read a published derivative", c -> {
            try (PreparedStatement ps = c.prepareStatement("select b.bytes from blob b where b.sha256 = ? and (exists"
                    + " (select 1 from image_submission where web_sha256 = ?) or exists (select 1 from image_submission where thumbnail_sha256 = ?))")) {
                ps.setBytes(1, sha);
                ps.setBytes(2, sha);
                ps.setBytes(3, sha);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /**
     * Moves a job from {@code decoding} to its final status, storing the derivatives in the same
     * transaction. Returns false, changing nothing, when the job had already been finished (by another
     * worker or process: decoding is deterministic, so the first answer stands).
     */
    public boolean finish(long id, ImageOutcome outcome) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                int changed = finish(c, id, outcome);
                c.commit();
                return changed == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Database.unavailable("finish image submission " + id, e);
        }
    }

    /** The update of {@link #finish}, inside the caller's transaction; returns the rows changed (0 or 1). */
    private static int finish(Connection c, long id, ImageOutcome outcome) throws SQLException {
        byte[] web = null;
        byte[] thumb = null;
        if (outcome.web() != null) {
            web = EvidenceRows.sha256(outcome.web());
            thumb = EvidenceRows.sha256(outcome.thumbnail());
            insertBlob(c, web, DERIVATIVE_MEDIA_TYPE, outcome.web());
            insertBlob(c, thumb, DERIVATIVE_MEDIA_TYPE, outcome.thumbnail());
        }
        int changed;
        try (PreparedStatement ps = c.prepareStatement("update image_submission set status = ?, reason = ?, reason_code = ?,"
                + " payloads = ?, strategy = ?, decode_ms = ?, evidence_id = ?, web_sha256 = ?, thumbnail_sha256 = ?"
                + " where id = ? and status = 'decoding'")) {
            ps.setString(1, outcome.status().label());
            ps.setString(2, outcome.reason());
            ps.setString(3, outcome.reasonCode());
            ps.setArray(4, c.createArrayOf("text", outcome.payloads().toArray()));
            ps.setString(5, outcome.strategy());
            ps.setInt(6, (int) Math.min(Integer.MAX_VALUE, Math.max(0, outcome.decodeMillis())));
            if (outcome.evidenceId() == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, outcome.evidenceId());
            }
            ps.setBytes(8, web);
            ps.setBytes(9, thumb);
            ps.setLong(10, id);
            changed = ps.executeUpdate();
        }
        return changed;
    }

    /** Every image submission that became (or was attached to) {@code evidenceId}, oldest first. */
    public List<ImageSubmission> forEvidence(long evidenceId) {
        return read("look up the images of evidence " + evidenceId, c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + FROM + " where s.evidence_id = ? order by s.id")) {
                ps.setLong(1, evidenceId);
                return list(ps);
            }
        });
    }

    /** How many image submissions are stored. */
    public long count() {
        return read("count image submissions", c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from image_submission"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void insertBlob(Connection c, byte[] sha, String mediaType, byte[] bytes) throws SQLException {
        // Probe first: an image already stored is not sent to the database again (up to 40 MB).
        try (PreparedStatement ps = c.prepareStatement("select 1 from blob where sha256 = ?")) {
            ps.setBytes(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into blob (sha256, media_type, size, bytes) values (?, ?, ?, ?)"
                + " on conflict (sha256) do nothing")) {
            ps.setBytes(1, sha);
            ps.setString(2, mediaType);
            ps.setLong(3, bytes.length);
            ps.setBytes(4, bytes);
            ps.executeUpdate();
        }
    }

    private byte[] blobBytes(String sha256Hex) {
        return read("read blob " + sha256Hex, c -> {
            try (PreparedStatement ps = c.prepareStatement("select bytes from blob where sha256 = ?")) {
                ps.setBytes(1, EvidenceRows.HEX.parseHex(sha256Hex));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getBytes(1) == null) {
                        throw new IllegalStateException("blob " + sha256Hex + " of an image submission is missing");
                    }
                    return rs.getBytes(1);
                }
            }
        });
    }

    private static ImageSubmission oneBySubmitter(Connection c, String submitter, byte[] sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + FROM + " where s.submitter = ? and s.image_sha256 = ?")) {
            ps.setString(1, submitter);
            ps.setBytes(2, sha);
            List<ImageSubmission> found = list(ps);
            if (found.isEmpty()) {
                throw new IllegalStateException("image submission of " + submitter + " was neither inserted nor found");
            }
            return found.get(0);
        }
    }

    private static ImageSubmission one(Connection c, String where, long id) throws SQLException {
        ImageSubmission s = find(c, where, id);
        if (s == null) {
            throw new IllegalStateException("image submission " + id + " was inserted but cannot be read");
        }
        return s;
    }

    private static ImageSubmission find(Connection c, String where, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + FROM + " where " + where)) {
            ps.setLong(1, id);
            List<ImageSubmission> found = list(ps);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    private static List<ImageSubmission> list(PreparedStatement ps) throws SQLException {
        List<ImageSubmission> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Array payloads = rs.getArray(11);
                out.add(new ImageSubmission(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(), ImageStatus.ofLabel(rs.getString(8)),
                        rs.getString(9), rs.getString(10), Arrays.asList((String[]) payloads.getArray()), rs.getString(12),
                        (Long) rs.getObject(13, Long.class), (Long) rs.getObject(14, Long.class), rs.getString(15),
                        (Long) rs.getObject(16, Long.class), rs.getString(17), rs.getString(18),
                        rs.getObject(19, OffsetDateTime.class).toInstant()));
            }
        }
        return out;
    }

    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String doing, Query<T> q) {
        try (Connection c = database.connection()) {
            return q.run(c);
        } catch (SQLException e) {
            throw Database.unavailable(doing, e);
        }
    }
}
