package org.testigo.messaging;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testigo.deployment.Deployment;
import org.testigo.intake.ImageAnswer;
import org.testigo.intake.ImageUpload;
import org.testigo.intake.Outcome;
import org.testigo.intake.Receipt;
import org.testigo.intake.Submission;
import org.testigo.store.Channel;
import org.testigo.store.ImageStatus;
import org.testigo.store.ImageSubmission;

/**
 * What a message through any platform becomes: a photo goes through image intake exactly as an upload
 * from the witness app would (stored sealed, decoded, or queued for the transcription desk), a text is
 * taken as an acta's QR text; the answer names the table identified and links to its receipt (the
 * evidence), or asks for a better photo when nothing could be read. The submitter is the sender's
 * pseudonym ({@link Pseudonyms}); the sender's platform id is never stored.
 */
public final class MessageIntake {
    /** How long a reply waits for a photo's decoding before answering that it is still being read. */
    static final long DECODE_WAIT_SECONDS = 60;

    private final Deployment deployment;
    private final Pseudonyms pseudonyms;
    private final URI publicBase;

    /**
     * @param publicBase where people reach this deployment (receipt links are made against it), e.g.
     *     {@code https://testigo.example.org/}
     */
    public MessageIntake(Deployment deployment, Pseudonyms pseudonyms, URI publicBase) {
        this.deployment = deployment;
        this.pseudonyms = pseudonyms;
        this.publicBase = publicBase.toString().endsWith("/") ? publicBase : URI.create(publicBase + "/");
    }

    /** Takes {@code m} in and says what became of it. */
    public Reply handle(IncomingMessage m) throws InterruptedException {
        String submitter = pseudonyms.of(m.platform(), m.sender());
        var running = deployment.running();
        if (running.isEmpty()) {
            return new Reply(m.conversation(), "Testigo is not receiving actas yet: no election is loaded. Please try again later.");
        }
        if (m.photo().isPresent()) {
            return photo(m, submitter, running.get());
        }
        if (m.text().isEmpty() || m.text().startsWith("/")) {
            return new Reply(m.conversation(), "Send a photo of the acta (the whole sheet, flat, in good light, the QR code sharp), "
                    + "or the text your QR reader shows. I will answer with the table I identified and a link to your receipt.");
        }
        Outcome outcome = running.get().intake().submit(new Submission(null, List.of(m.text()), Channel.QR, submitter)).join();
        return switch (outcome) {
            case Outcome.Accepted(Receipt r) -> new Reply(m.conversation(), received(r.table().value(), r.evidenceId(), r.duplicate()));
            case Outcome.Refused(var refusal) -> new Reply(m.conversation(), "That text is not the QR code of an acta of this election ("
                    + refusal.message() + "). Please send a photo of the acta instead.");
        };
    }

    private Reply photo(IncomingMessage m, String submitter, Deployment.Running running) throws InterruptedException {
        List<String> qr = List.of(); // a caption is the sender's words, not a reading of the code
        ImageAnswer answer = running.images().submit(new ImageUpload(m.photo().get(), null, qr, submitter));
        ImageSubmission s = switch (answer) {
            case ImageAnswer.NotAnImage n -> null;
            case ImageAnswer.Refused r -> null;
            case ImageAnswer.Received received -> received.submission();
        };
        if (s == null) {
            return new Reply(m.conversation(), "I could not open that file as a photo. Please send a photo of the acta.");
        }
        if (!s.status().isFinal()) {
            try {
                s = running.images().whenFinal(s.id()).get(DECODE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                return new Reply(m.conversation(), "Photo received (number " + s.id() + "); it is still being read. "
                        + "Thank you — volunteers will read it if the software cannot.");
            } catch (ExecutionException e) {
                throw new IllegalStateException("decoding photo " + s.id() + " failed", e.getCause());
            }
        }
        if (s.status() == ImageStatus.DECODED && s.evidenceId() != null) {
            return new Reply(m.conversation(), received(s.table(), s.evidenceId(), false));
        }
        String why = s.status() == ImageStatus.NEEDS_TRANSCRIPTION
                ? "I could not read the acta's QR code in this photo"
                : "I could not use this photo" + (s.reason() == null ? "" : " (" + s.reason() + ")");
        return new Reply(m.conversation(), why + ". Please send a better photo: the whole acta, flat, in good light, with the QR "
                + "code sharp and not cut off." + (s.status() == ImageStatus.NEEDS_TRANSCRIPTION
                        ? " (This one is kept for volunteers to read by eye, as photo " + s.id() + ".)" : ""));
    }

    private String received(String table, long evidence, boolean duplicate) {
        return (duplicate ? "Already received: " : "Received: ") + "the acta of table " + table + ". Your receipt: "
                + publicBase.resolve("api/v1/evidence/" + evidence);
    }
}
