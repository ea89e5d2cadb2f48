package org.testigo.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.testigo.citizen.ActaCheck;
import org.testigo.citizen.ActaCheckResult;
import org.testigo.citizen.ResultPage;
import org.testigo.deployment.Deployment;
import org.testigo.intake.Intake;
import org.testigo.scan.ImageRefusal;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.JsonBodies;
import org.testigo.web.http.MultipartForm;

/**
 * "Verify my acta", the public, anonymous routes (all of them here, so one rate-limit guard covers them):
 * <ul>
 *   <li>{@code POST /api/v1/verify}: multipart/form-data with a part {@code qr} (the QR text; several
 *       lines or parts for a multi-code acta) or a part {@code image} (a photo or scan), or JSON
 *       {@code {"qr": "…"}}. Answers 200 with the {@link ActaCheckResult} as JSON.</li>
 *   <li>{@code POST /verify} and {@code POST /en/verify}: the same form from the site's verify page,
 *       answered through a {@link ResultPage} (JSON until the site plugs its page in). A client that
 *       prefers JSON to HTML in its {@code Accept} header gets the JSON document. A refused form (4xx, or
 *       503 when busy) is answered with the page's refusal, with the same status, in the form's language
 *       (its {@code lang} part when it was read, else the route's), unless the client prefers JSON.</li>
 * </ul>
 * What is sent wrong (nothing to check, both a text and a photo, a file that is no image, too large) is
 * a 4xx through {@link org.testigo.web.http.ErrorResponses}; an acta that is read but is not valid is a
 * 200 whose outcome says so. No account; nothing about the sender is stored.
 */
public final class VerifyApi {
    /** A photo, the form's text and its framing. */
    static final long MAX_BODY_BYTES = ImageUploads.MAX_BODY_BYTES;
    /** One textarea may hold every QR text of a multi-code acta, one per line. */
    static final int MAX_QR_CHARS = Intake.MAX_PAYLOADS * (Intake.MAX_PAYLOAD_CHARS + 2);
    /** Requests holding a body in memory at once; request threads are virtual and unbounded. */
    static final int CONCURRENT = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private static final long WAIT_SECONDS = 5;

    private final Deployment deployment;
    private final ActaCheck check;
    private final org.testigo.web.http.RateLimits limits;
    private final Semaphore bodies = new Semaphore(CONCURRENT, true);
    private volatile ResultPage page = ResultPage.JSON;

    public VerifyApi(Deployment deployment, ActaCheck check, org.testigo.web.http.RateLimits limits) {
        this.limits = limits;
        this.deployment = deployment;
        this.check = check;
    }

    /** How {@code POST /verify} answers from now on (the site's result page). */
    public VerifyApi page(ResultPage page) {
        this.page = page == null ? ResultPage.JSON : page;
        return this;
    }

    public void routes(HttpRules rules) {
        rules.post("/api/v1/verify", limits.guard("verify"), this::api)
                .any("/api/v1/verify", ApiException.methodNotAllowed("POST"))
                .post("/verify", limits.guard("verify", (req, res) -> limited(req, res, "es")), (req, res) -> form(req, res, "es"))
                .post("/en/verify", limits.guard("verify", (req, res) -> limited(req, res, "en")), (req, res) -> form(req, res, "en"));
    }

    /** Whether the client would rather have the page than JSON (a browser, or a client that names neither). */
    private static boolean wantsHtml(ServerRequest req) {
        return req.headers().bestAccepted(MediaTypes.TEXT_HTML, MediaTypes.APPLICATION_JSON)
                .map(t -> t.equals(MediaTypes.TEXT_HTML)).orElse(false);
    }

    private void limited(ServerRequest req, ServerResponse res, String language) {
        refuse(req, res, language, new ApiException(Status.TOO_MANY_REQUESTS_429, "RATE_LIMITED", null,
                "too many verify requests from this client; try again in "
                        + res.headers().first(HeaderNames.RETRY_AFTER).orElse("a few") + " s"));
    }

    /** Answers a refused form with the site's page when the client wants HTML; otherwise as every API error. */
    private void refuse(ServerRequest req, ServerResponse res, String language, ApiException e) {
        if (!wantsHtml(req) || deployment.running().isEmpty()) {
            throw e; // the JSON error (and without an election there is no site to frame a page)
        }
        java.util.Optional<ResultPage.Rendered> rendered = page.refusal(e.status().code(), e.code(), e.getMessage(),
                res.headers().first(HeaderNames.RETRY_AFTER).orElse(null), language, req.path().path().substring(1));
        if (rendered.isEmpty()) {
            throw e;
        }
        res.status(e.status());
        res.header(HeaderNames.CONTENT_TYPE, rendered.get().contentType());
        res.header(CachedDocuments.NO_STORE);
        res.send(rendered.get().body());
    }

    private void api(ServerRequest req, ServerResponse res) throws InterruptedException {
        ActaCheckResult result = check(req, res, new FormLanguage()).result();
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(CachedDocuments.NO_STORE);
        res.send(Json.bytes(result));
    }

    private void form(ServerRequest req, ServerResponse res, String language) throws InterruptedException {
        Checked checked;
        FormLanguage said = new FormLanguage();
        try {
            checked = check(req, res, said);
        } catch (ApiException e) {
            refuse(req, res, said.tag != null ? said.tag : language, e);
            return;
        }
        // The site's forms say their page's language (a form may post to the other language's route).
        String lang = "en".equals(checked.lang()) ? "en" : "es".equals(checked.lang()) ? "es" : language;
        ResultPage.Rendered rendered = wantsHtml(req) ? page.render(checked.result(), lang, req.path().path().substring(1))
                : ResultPage.JSON.render(checked.result(), lang);
        res.header(HeaderNames.CONTENT_TYPE, rendered.contentType());
        res.header(CachedDocuments.NO_STORE);
        res.send(rendered.body());
    }

    /** The answer to a request, and the language its form asked for (null: the route's). */
    private record Checked(ActaCheckResult result, String lang) {
    }

    /** The language a form said (its lang part), noted as soon as it is read: a refusal after that speaks it. */
    private static final class FormLanguage {
        private String tag;
    }

    private Checked check(ServerRequest req, ServerResponse res, FormLanguage said) throws InterruptedException {
        if (deployment.running().isEmpty()) {
            throw new ApiException(Status.CONFLICT_409, "NO_ELECTION", null, "no election is loaded on this server yet");
        }
        if (!bodies.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw busy(res, 30);
        }
        try {
            Request r = request(req, said);
            if (r.image() != null) {
                try {
                    return new Checked(check.checkImage(r.image()), r.lang());
                } catch (ImageRefusal refusal) {
                    throw ImageUploads.refusal(refusal);
                } catch (ActaCheck.Busy b) {
                    throw busy(res, b.retryAfterSeconds());
                }
            }
            return new Checked(check.checkText(r.qr()), r.lang());
        } finally {
            bodies.release();
        }
    }

    /** What was sent: QR text lines, or a photo. */
    private record Request(List<String> qr, byte[] image, String lang) {
    }

    private static Request request(ServerRequest req, FormLanguage said) {
        HttpMediaType type = req.headers().contentType().orElse(null);
        if (type != null && MultipartForm.isFormData(type)) {
            return multipart(type, JsonBodies.read(req, MAX_BODY_BYTES), said);
        }
        if (type != null && type.test(io.helidon.common.media.type.MediaTypes.APPLICATION_JSON)) {
            JsonNode body = JsonBodies.object(req);
            var names = body.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("qr")) {
                    throw ApiException.badRequest("FIELD_UNKNOWN", name, "unknown field \"" + clip(name)
                            + "\": send {\"qr\": \"the acta's QR text\"}, or a photo as multipart/form-data");
                }
            }
            List<String> qr = lines(JsonBodies.text(body, "qr", MAX_QR_CHARS));
            if (qr.isEmpty()) {
                throw ApiException.badRequest("NOTHING_TO_VERIFY", "qr", "the QR text is empty: paste the text of the acta's QR code");
            }
            return new Request(qr, null, null);
        }
        throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type",
                "send the form as multipart/form-data (parts qr or image), or JSON {\"qr\": \"…\"} (got "
                        + (type == null ? "none" : clip(type.text())) + ")");
    }

    private static Request multipart(HttpMediaType type, byte[] body, FormLanguage said) {
        List<String> qr = new ArrayList<>();
        byte[] image = null;
        String lang = null;
        List<MultipartForm.Part> parts = MultipartForm.parse(type, body);
        for (MultipartForm.Part p : parts) {
            if (p.name().equals("lang") && p.bytes().length <= 8) {
                said.tag = new String(p.bytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            }
        }
        for (MultipartForm.Part p : parts) {
            switch (p.name()) {
                case "qr" -> qr.addAll(lines(ImageUploads.text(p, MAX_QR_CHARS)));
                case "lang" -> lang = ImageUploads.text(p, 8).strip();
                case "image" -> {
                    // A browser sends an empty file part when no file was chosen: that is no image.
                    if (p.bytes().length == 0 && (p.fileName() == null || p.fileName().isEmpty())) {
                        continue;
                    }
                    if (image != null) {
                        throw ApiException.badRequest("IMAGE_REPEATED", "image", "send one photo of one acta (found two parts named \"image\")");
                    }
                    image = p.bytes();
                }
                default -> throw ApiException.badRequest("PART_UNKNOWN", p.name(), "unknown part \"" + clip(p.name())
                        + "\": expected qr (the QR text), image (a photo of the acta) or lang (es or en)");
            }
        }
        if (image != null && !qr.isEmpty()) {
            throw ApiException.badRequest("QR_AND_IMAGE", "qr", "send either the QR text or a photo of the acta, not both");
        }
        if (image == null && qr.isEmpty()) {
            throw ApiException.badRequest("NOTHING_TO_VERIFY", "qr", "nothing to verify: paste the acta's QR text (part qr)"
                    + " or attach a photo of the acta (part image)");
        }
        return new Request(qr, image, lang);
    }

    /** The non-blank lines of a text: one QR text per line (none for an empty textarea). */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    /** 503 with Retry-After: every photo reader (or body slot) is taken; nothing was read or stored. */
    private static ApiException busy(ServerResponse res, int seconds) {
        res.header(HeaderNames.RETRY_AFTER, Integer.toString(seconds));
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, "BUSY", null, "too many actas are being checked at this moment;"
                + " try again in " + seconds + " s");
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
