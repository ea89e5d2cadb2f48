package org.testigo.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.testigo.consolidation.Copy;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.election.Election;
import org.testigo.intake.Refusal.Reason;
import org.testigo.state.ElectionState;
import org.testigo.store.Appended;
import org.testigo.store.Channel;
import org.testigo.store.EvidenceDraft;
import org.testigo.store.EvidenceStore;
import org.testigo.store.StoredEvidence;
import org.testigo.tally.Decoding;
import org.testigo.tally.Tally;
import org.testigo.tally.TallyFormat;
import org.testigo.tally.TallyFormats;
import org.testigo.tally.Verdict;

/**
 * The way in for tallies: decode with the election's format, refuse what cannot count, append the
 * evidence durably, then consolidate. The receipt is only given once the store has committed.
 */
public final class Intake {
    /** Brazil prints at most a handful of codes per BU; more is a mistake or an attack. */
    public static final int MAX_PAYLOADS = 32;
    /** One QR code holds at most about 4,300 characters. */
    public static final int MAX_PAYLOAD_CHARS = 4_296;

    static final String MEDIA_TYPE = "text/plain; charset=utf-8";

    private final ElectionState state;
    private final TallyFormats formats;
    private final EvidenceStore store;
    private final Clock clock;

    public Intake(ElectionState state, TallyFormats formats, EvidenceStore store, Clock clock) {
        this.state = state;
        this.formats = formats;
        this.store = store;
        this.clock = clock;
    }

    public CompletableFuture<Outcome> submit(Submission submission) {
        Election election = state.election();
        Optional<Refusal> shape = checkShape(submission);
        if (shape.isPresent()) {
            return refused(shape.get());
        }
        FormatChoice chosen = formatFor(submission.format());
        if (chosen.refusal() != null) {
            return refused(chosen.refusal());
        }
        TallyFormat format = chosen.format();
        Decoding decoding = format.decode(submission.payloads(), election.tallyContext());
        if (decoding instanceof Decoding.Refused r) {
            var first = r.problems().get(0);
            return refused(new Refusal(Reason.INVALID_PAYLOAD, first.field().isEmpty() ? "payload" : first.field(),
                    first.message(), r.problems()));
        }
        return record(submission.channel(), submission.submitter(), format, MEDIA_TYPE, content(submission.payloads()),
                (Decoding.Decoded) decoding, clock.instant());
    }

    /**
     * Records a decoded tally as evidence: refuses what cannot count (a signature that fails, a table not
     * in the election), appends the content durably, then consolidates. The one way evidence from a
     * witness is recorded, whether it came as QR text or as an image ({@link ImageIntake}).
     *
     * @param content the bytes received (QR text, or the original image), stored under their SHA-256
     * @param receivedAt when Testigo received them
     */
    public CompletableFuture<Outcome> record(Channel channel, String submitter, TallyFormat format, String mediaType, byte[] content,
            Decoding.Decoded decoded, java.time.Instant receivedAt) {
        Election election = state.election();
        Tally tally = decoded.tally();
        if (decoded.verification().signature() == Verdict.INVALID) {
            return refused(new Refusal(Reason.SIGNATURE_INVALID, "payload", "the acta's signature does not verify: "
                    + decoded.verification().reason()));
        }
        Optional<Integer> tableIndex = election.geography().tableIndex(tally.table());
        if (tableIndex.isEmpty()) {
            return refused(new Refusal(Reason.UNKNOWN_TABLE, "payload", "table " + tally.table()
                    + " is not a table of election " + election.id()));
        }
        EvidenceDraft draft = new EvidenceDraft(channel, submitter, format.id(), mediaType, content, tally,
                decoded.verification(), receivedAt);
        return store.append(draft).thenApply(appended -> accept(tableIndex.get(), appended));
    }

    /**
     * The table a submission's payloads name, when they decode with the election's format (nothing is
     * stored): lets a caller apply its own rule (a witness's assignments) before {@link #submit}.
     */
    public Optional<org.testigo.election.TableId> tableOf(String format, List<String> payloads) {
        if (checkShape(new Submission(format, payloads, Channel.QR, "peek")).isPresent()) {
            return Optional.empty();
        }
        FormatChoice chosen = formatFor(format);
        if (chosen.refusal() != null) {
            return Optional.empty();
        }
        return chosen.format().decode(payloads, state.election().tallyContext()) instanceof Decoding.Decoded d
                ? Optional.of(d.tally().table()) : Optional.empty();
    }

    /** The election's own tally format, or a refusal saying it is not installed or not the one claimed. */
    public FormatChoice formatFor(String claimed) {
        Election election = state.election();
        TallyFormat format = formats.byId(election.tallyFormat()).orElse(null);
        if (format == null) {
            return new FormatChoice(null, new Refusal(Reason.UNKNOWN_FORMAT, "format", "this election's tally format "
                    + election.tallyFormat() + " is not installed in this build"));
        }
        if (claimed != null && !claimed.equals(format.id())) {
            Reason reason = formats.byId(claimed).isPresent() ? Reason.WRONG_FORMAT : Reason.UNKNOWN_FORMAT;
            return new FormatChoice(null, new Refusal(reason, "format", "this election reads " + format.id()
                    + " tallies; got format \"" + claimed + "\""));
        }
        return new FormatChoice(format, null);
    }

    /** A format, or why there is none. */
    public record FormatChoice(TallyFormat format, Refusal refusal) {
    }

    public ElectionState state() {
        return state;
    }

    private Outcome accept(int tableIndex, Appended appended) {
        StoredEvidence e = appended.evidence();
        TableConsolidation consolidation = appended.duplicate()
                ? state.consolidation(tableIndex)
                : state.add(tableIndex, toCopy(e));
        return new Outcome.Accepted(new Receipt(e.id(), e.sha256Hex(), e.tally().table(), e.tally().actaId(),
                consolidation.status(), e.receivedAt(), appended.duplicate(), e.verification().signature(),
                e.verification().reason(), e.verification().failures(), appended.logPosition(), appended.logEntry()));
    }

    /** How consolidation sees a piece of stored evidence. */
    public static Copy toCopy(StoredEvidence e) {
        return new Copy(e.id(), e.channel().name(), e.submitter(), e.tally(), e.verification().signature(), e.receivedAt());
    }

    private static Optional<Refusal> checkShape(Submission s) {
        if (s.payloads().isEmpty()) {
            return Optional.of(new Refusal(Reason.NO_PAYLOAD, "payload", "payload is empty: send the QR text"));
        }
        if (s.payloads().size() > MAX_PAYLOADS) {
            return Optional.of(new Refusal(Reason.TOO_MANY_PAYLOADS, "payload", "payload has " + s.payloads().size()
                    + " QR texts; at most " + MAX_PAYLOADS + " are accepted"));
        }
        for (int i = 0; i < s.payloads().size(); i++) {
            String p = s.payloads().get(i);
            String field = s.payloads().size() == 1 ? "payload" : "payload[" + i + "]";
            if (p == null || p.isBlank()) {
                return Optional.of(new Refusal(Reason.NO_PAYLOAD, field, field + " is empty: send the QR text"));
            }
            if (p.length() > MAX_PAYLOAD_CHARS) {
                return Optional.of(new Refusal(Reason.PAYLOAD_TOO_LARGE, field, field + " has " + p.length()
                        + " characters; a QR code holds at most " + MAX_PAYLOAD_CHARS));
            }
        }
        return Optional.empty();
    }

    /**
     * The bytes stored as evidence: the QR texts sorted and joined by newlines, so that the same codes
     * sent in another order are recognised as the same submission. QR text cannot hold a newline of
     * its own in any supported format; each code is kept as read, less the surrounding whitespace a
     * scanner may add.
     */
    static byte[] content(List<String> payloads) {
        List<String> sorted = new ArrayList<>(payloads.size());
        for (String p : payloads) {
            sorted.add(p.strip());
        }
        sorted.sort(null);
        return String.join("\n", sorted).getBytes(StandardCharsets.UTF_8);
    }

    private static CompletableFuture<Outcome> refused(Refusal r) {
        return CompletableFuture.completedFuture(new Outcome.Refused(r));
    }
}
