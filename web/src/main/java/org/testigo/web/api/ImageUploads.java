package org.testigo.web.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.testigo.deployment.Deployment;
import org.testigo.intake.ImageAnswer;
import org.testigo.intake.ImageUpload;
import org.testigo.intake.Intake;
import org.testigo.intake.Refusal;
import org.testigo.scan.ImageLimits;
import org.testigo.scan.ImageRefusal;
import org.testigo.store.Principal;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.Authenticator;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.JsonBodies;
import org.testigo.web.http.MultipartForm;

/**
 * The multipart side of {@code POST /api/v1/submissions}: a part {@code image} (the photo or scan, any
 * declared type: the bytes are sniffed), optionally {@code format} and one {@code qr} part per QR text
 * the phone already read. Answers at once: 202 with the job in status {@code decoding} (200 for a
 * retry, with the first job as it stands), and a link to follow it.
 */
final class ImageUploads {
    /** The largest image accepted, plus room for the text parts and the multipart framing. */
    static final long MAX_BODY_BYTES = ImageLimits.DEFAULT.maxBytes() + (1 << 20);

    /**
     * Uploads read at once. Each holds its body in memory (up to {@link #MAX_BODY_BYTES}) while its
     * header is checked and it is stored; request threads are virtual and unbounded, so without this a
     * crowd of large uploads could exhaust the heap. Others wait for a slot, then get a 503.
     */
    static final int CONCURRENT_UPLOADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private static final long WAIT_SECONDS = 30;

    private final Deployment deployment;
    private final Semaphore slots = new Semaphore(CONCURRENT_UPLOADS, true);

    ImageUploads(Deployment deployment) {
        this.deployment = deployment;
    }

    void submit(ServerRequest req, ServerResponse res, Principal who, HttpMediaType type) throws InterruptedException {
        if (!slots.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
            res.header(HeaderNames.RETRY_AFTER, "60");
            throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "BUSY", null,
                    "too many photos are being received at this moment; send it again in a minute");
        }
        try {
            receive(req, res, who, type);
        } finally {
            slots.release();
        }
    }

    private void receive(ServerRequest req, ServerResponse res, Principal who, HttpMediaType type) {
        List<MultipartForm.Part> parts = MultipartForm.parse(type, JsonBodies.read(req, MAX_BODY_BYTES));
        MultipartForm.Part image = null;
        String format = null;
        List<String> qr = new ArrayList<>();
        for (MultipartForm.Part p : parts) {
            switch (p.name()) {
                case "image" -> {
                    if (image != null) {
                        throw ApiException.badRequest("IMAGE_REPEATED", "image",
                                "send one image per submission (found two parts named \"image\")");
                    }
                    image = p;
                }
                case "format" -> {
                    if (format != null) {
                        throw ApiException.badRequest("FIELD_REPEATED", "format", "part \"format\" appears twice");
                    }
                    format = text(p, 64);
                }
                case "qr" -> {
                    if (qr.size() == Intake.MAX_PAYLOADS) {
                        throw new ApiException(Status.UNPROCESSABLE_CONTENT_422, Refusal.Reason.TOO_MANY_PAYLOADS.name(), "qr",
                                "more than " + Intake.MAX_PAYLOADS + " qr parts; at most " + Intake.MAX_PAYLOADS + " are accepted");
                    }
                    qr.add(text(p, Intake.MAX_PAYLOAD_CHARS + 2));
                }
                default -> throw ApiException.badRequest("PART_UNKNOWN", p.name(), "unknown part \"" + clip(p.name())
                        + "\": expected image, and optionally format and qr");
            }
        }
        if (image == null) {
            throw ApiException.badRequest("IMAGE_MISSING", "image", "no part named \"image\": send the photo of the acta in it");
        }
        var running = deployment.running().orElseThrow(() -> new ApiException(Status.CONFLICT_409, "NO_ELECTION", null,
                "no election is loaded on this server yet"));
        if (!qr.isEmpty()) {
            AssignmentRule.requireFor(running, who, format, qr);
        }
        // A photo without QR text names its table only once decoded: the decoding applies the same rule (not-assigned).
        ImageAnswer answer = running.images().submit(new ImageUpload(image.bytes(), format, qr, Authenticator.submitterId(who)));
        switch (answer) {
            case ImageAnswer.NotAnImage(ImageRefusal r) -> throw refusal(r);
            case ImageAnswer.Refused(Refusal r) -> throw SubmissionsApi.refusal(r);
            case ImageAnswer.Received received -> {
                Map<String, Object> body = new LinkedHashMap<>(Json.mapper().convertValue(
                        ImageViews.ImageView.of(received.submission()), Map.class));
                body.put("duplicate", received.duplicate());
                body.put("text", received.text().map(r -> SubmissionsApi.ReceiptView.of(r)).orElse(null));
                res.status(received.duplicate() ? Status.OK_200 : Status.ACCEPTED_202);
                res.header(HeaderNames.LOCATION, ImageViews.self(received.submission().id()));
                res.header(HeaderValues.CONTENT_TYPE_JSON);
                res.header(CachedDocuments.NO_STORE);
                res.send(Json.bytes(body));
            }
        }
    }

    /** An image refused from its header: the status says whose move it is. */
    static ApiException refusal(ImageRefusal r) {
        Status status = switch (r.reason()) {
            case EMPTY -> Status.BAD_REQUEST_400;
            case TOO_LARGE -> Status.REQUEST_ENTITY_TOO_LARGE_413;
            case NOT_AN_IMAGE, UNSUPPORTED_FORMAT -> Status.UNSUPPORTED_MEDIA_TYPE_415;
            case TOO_MANY_PIXELS, TOO_SMALL, TRUNCATED, CORRUPT -> Status.UNPROCESSABLE_CONTENT_422;
        };
        String code = r.reason() == ImageRefusal.Reason.NOT_AN_IMAGE ? "NOT_AN_IMAGE" : "IMAGE_" + r.reason().name();
        return new ApiException(status, code, "image", r.getMessage());
    }

    /** A text part: declared as text/plain (or not at all), UTF-8, not too long. */
    static String text(MultipartForm.Part p, int maxChars) {
        if (p.contentType() != null) {
            HttpMediaType t;
            try {
                t = HttpMediaType.create(p.contentType());
            } catch (RuntimeException e) {
                t = null;
            }
            if (t == null || !t.mediaType().type().equalsIgnoreCase("text") || !t.mediaType().subtype().equalsIgnoreCase("plain")
                    || !t.charset().map(c -> c.equalsIgnoreCase("utf-8") || c.equalsIgnoreCase("utf8")).orElse(true)) {
                throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, "PART_WRONG_TYPE", p.name(), "part \"" + p.name()
                        + "\" must be UTF-8 text/plain (got " + clip(p.contentType()) + ")");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(p.bytes())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("PART_NOT_UTF8", p.name(), "part \"" + p.name() + "\" is not valid UTF-8");
        }
        if (text.length() > maxChars) {
            throw ApiException.badRequest("FIELD_TOO_LONG", p.name(), "part \"" + p.name() + "\" is longer than " + maxChars
                    + " characters");
        }
        return text;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
