package org.testigo.incidents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.testigo.election.Counts;
import org.testigo.election.Election;
import org.testigo.election.TableId;
import org.testigo.state.ElectionState;
import org.testigo.state.TableIncident;
import org.testigo.store.Appended;
import org.testigo.store.Channel;
import org.testigo.store.EvidenceDraft;
import org.testigo.store.EvidenceStore;
import org.testigo.store.IncidentNoteStore;
import org.testigo.store.StoredEvidence;
import org.testigo.tally.Tally;
import org.testigo.tally.Verification;
import org.testigo.views.Json;

/**
 * The way in for incident reports, following the check-ins' pattern: an incident is evidence (channel
 * {@value #CHANNEL}, format {@value #FORMAT}, stored, entered in the transparency log), never an acta:
 * it changes no table's status and no total; the state lists it with the table, and the coverage board
 * counts the table as having trouble.
 *
 * <p>The free text may name people or give phone numbers, so it is not the evidence's content: the
 * content names it by a salted SHA-256 ({@code note_sha256}) and the text stays in the deployment's
 * private {@link IncidentNoteStore}, for the command centre. The content, one line of JSON with its
 * fields in a fixed order:
 * <pre>{"kind":"incident","table":"010113042.01","type":"acta-refused","at":"2026-07-28T18:05:00Z","note_sha256":"9f2c…"}</pre>
 * The type's code and the time are also kept in the tally's counters, so the state is rebuilt after a
 * restart from the evidence rows alone.
 */
public final class IncidentIntake {
    public static final String FORMAT = "incident-v1";
    public static final String CHANNEL = "incident";
    public static final String MEDIA_TYPE = "application/json";
    /** Counter names in the evidence's tally. */
    public static final String TYPE_CODE = "incident_type";
    public static final String AT_MILLIS = "at_epoch_ms";
    public static final int MAX_TEXT = 2_000;
    /** A report may be queued on a phone for a day; one from further in the future than this is a wrong clock. */
    static final Duration FUTURE_SLACK = Duration.ofMinutes(10);

    /** What a witness reports. {@code text} may be null. */
    public record Report(TableId table, IncidentType type, Instant at, String text) {
    }

    /** The answer: a receipt, or why not (a code, the field, a message). */
    public sealed interface Outcome {
        record Accepted(StoredEvidence evidence, boolean duplicate, long logIndex, byte[] logEntry, String noteSha256) implements Outcome {
        }

        record Refused(String code, String field, String message) implements Outcome {
        }
    }

    private final ElectionState state;
    private final EvidenceStore store;
    private final IncidentNoteStore notes;
    private final Clock clock;

    public IncidentIntake(ElectionState state, EvidenceStore store, IncidentNoteStore notes, Clock clock) {
        this.state = state;
        this.store = store;
        this.notes = notes;
        this.clock = clock;
    }

    public CompletableFuture<Outcome> record(Report report, String submitter) {
        Election election = state.election();
        Optional<Integer> index = election.geography().tableIndex(report.table());
        if (index.isEmpty()) {
            return refused("UNKNOWN_TABLE", "table", "table " + report.table() + " is not a table of election " + election.id());
        }
        Instant now = clock.instant();
        if (report.at().isAfter(now.plus(FUTURE_SLACK))) {
            return refused("AT_IN_FUTURE", "at", "\"at\" is " + report.at() + ", later than now (" + now + "): check the phone's clock");
        }
        String text = report.text() == null || report.text().isBlank() ? null : report.text().strip();
        String note = text == null ? null : sameNote(index.get(), report, submitter, text).orElseGet(() -> notes.commit(text));
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("kind", "incident");
        o.put("table", report.table().value());
        o.put("type", report.type().id());
        o.put("at", report.at().toString());
        o.put("note_sha256", note);
        Tally tally = new Tally(FORMAT, report.table(), null, Counts.empty(), Counts.empty(), 0, 0,
                Map.of(TYPE_CODE, report.type().code(), AT_MILLIS, report.at().toEpochMilli()));
        EvidenceDraft draft = new EvidenceDraft(new Channel(CHANNEL), submitter, FORMAT, MEDIA_TYPE, Json.bytes(o), tally,
                Verification.notVerifiable("reported by a witness: an incident, not an acta", List.of()), now);
        int table = index.get();
        return store.append(draft).thenApply(appended -> accept(table, appended, note));
    }

    /**
     * A retry from a phone's queue must be the same evidence, but a fresh salt would make new content: the
     * same submitter's earlier report of this table, type and time with the same text keeps its note.
     */
    private Optional<String> sameNote(int table, Report report, String submitter, String text) {
        for (TableIncident i : state.incidents(table)) {
            if (i.submitter().equals(submitter) && i.type().equals(report.type().id()) && i.at().equals(report.at())) {
                Optional<String> note = noteOf(i.evidenceId());
                if (note.isPresent() && notes.text(note.get()).filter(text::equals).isPresent()) {
                    return note;
                }
            }
        }
        return Optional.empty();
    }

    /** The note commitment an incident's evidence names, if any. */
    public Optional<String> noteOf(long evidenceId) {
        return store.byId(evidenceId).flatMap(e -> store.content(e.sha256Hex())).map(bytes -> {
            try {
                var n = Json.mapper().readTree(bytes).get("note_sha256");
                return n == null || n.isNull() ? null : n.asText();
            } catch (java.io.IOException x) {
                throw new IllegalStateException("incident evidence " + evidenceId + " is not JSON", x);
            }
        });
    }

    /** The private text of an incident, when there is one and this deployment holds it. */
    public Optional<String> text(long evidenceId) {
        return noteOf(evidenceId).flatMap(notes::text);
    }

    private Outcome accept(int table, Appended appended, String note) {
        StoredEvidence e = appended.evidence();
        state.addIncident(table, toIncident(e).orElseThrow());
        return new Outcome.Accepted(e, appended.duplicate(), appended.logPosition(), appended.logEntry(), note);
    }

    /** Whether a piece of evidence is an incident report. */
    public static boolean isIncident(StoredEvidence e) {
        return e.channel().name().equals(CHANNEL);
    }

    /** An incident's evidence as the state keeps it (empty if its counters are not an incident's). */
    public static Optional<TableIncident> toIncident(StoredEvidence e) {
        Long code = e.tally().counters().get(TYPE_CODE);
        Long at = e.tally().counters().get(AT_MILLIS);
        if (code == null || at == null) {
            return Optional.empty();
        }
        return IncidentType.byCode(code).map(t -> new TableIncident(e.id(), t.id(), Instant.ofEpochMilli(at), e.receivedAt(), e.submitter()));
    }

    private static CompletableFuture<Outcome> refused(String code, String field, String message) {
        return CompletableFuture.completedFuture(new Outcome.Refused(code, field, message));
    }
}
