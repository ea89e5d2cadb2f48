package org.testigo.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.testigo.deployment.Deployment;
import org.testigo.messaging.IncomingMessage;
import org.testigo.messaging.MessageIntake;
import org.testigo.messaging.MessagingAdapter;
import org.testigo.messaging.MessagingException;
import org.testigo.messaging.Pseudonyms;
import org.testigo.messaging.Reply;
import org.testigo.messaging.telegram.TelegramAdapter;
import org.testigo.messaging.telegram.TelegramBotApi;
import org.testigo.messaging.telegram.TelegramSettings;
import org.testigo.views.Json;
import org.testigo.web.http.ApiException;
import org.testigo.web.http.CachedDocuments;
import org.testigo.web.http.JsonBodies;

/**
 * {@code POST /api/v1/telegram/{secret}}: the Telegram bot's webhook. Only Telegram knows the secret (the
 * path's last segment, and the {@code X-Telegram-Bot-Api-Secret-Token} header it sends with every update):
 * a wrong path is an ordinary 404, a wrong header a 403. The update is acknowledged at once — Telegram
 * waits for the answer before sending the chat's next update, and retries what is not acknowledged — and
 * handled in the background: the photo fetched, taken in, decoded, and the reply sent with {@code sendMessage}.
 */
public final class TelegramApi {
    private static final System.Logger LOG = System.getLogger(TelegramApi.class.getName());

    /** Updates handled at once; more wait (each may hold a photo of up to 20 MB while it is read). */
    static final int CONCURRENT = 16;

    private final byte[] secret;
    private final MessagingAdapter adapter;
    private final MessageIntake intake;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots = new Semaphore(CONCURRENT);

    public TelegramApi(Deployment deployment, TelegramSettings settings) {
        this.secret = settings.secret().getBytes(StandardCharsets.UTF_8);
        this.adapter = new TelegramAdapter(new TelegramBotApi(settings.apiBase(), settings.token()));
        this.intake = new MessageIntake(deployment, new Pseudonyms(settings.salt()), settings.publicBase());
    }

    public void routes(HttpRules rules) {
        rules.post("/api/v1/telegram/{secret}", this::webhook);
    }

    private void webhook(ServerRequest req, ServerResponse res) {
        String given = req.path().pathParameters().get("secret");
        if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.notFound("NOT_FOUND", null, "no such resource: POST /api/v1/telegram/… (see docs/api.md)");
        }
        Optional<String> header = req.headers().first(HeaderNames.create("X-Telegram-Bot-Api-Secret-Token"));
        if (header.isEmpty() || !MessageDigest.isEqual(secret, header.get().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(Status.FORBIDDEN_403, "SECRET_INVALID", "X-Telegram-Bot-Api-Secret-Token",
                    "the X-Telegram-Bot-Api-Secret-Token header is missing or is not this webhook's secret");
        }
        byte[] body = JsonBodies.read(req, JsonBodies.MAX_BYTES);
        JsonNode update;
        try {
            update = Json.mapper().readTree(body);
        } catch (IOException e) {
            update = null;
        }
        if (update == null || !update.path("update_id").isIntegralNumber()) {
            throw ApiException.badRequest("NOT_AN_UPDATE", "update_id", "the body is not a Telegram Update (a JSON object with update_id)");
        }
        workers.execute(() -> handle(body));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(CachedDocuments.NO_STORE);
        res.send("{}".getBytes(StandardCharsets.UTF_8));
    }

    private void handle(byte[] body) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            Optional<IncomingMessage> message;
            try {
                message = adapter.read(body);
            } catch (MessagingException e) {
                LOG.log(System.Logger.Level.WARNING, "Telegram update not taken in: " + e.getMessage());
                apologise(body);
                return;
            }
            if (message.isEmpty()) {
                return;
            }
            Reply reply = intake.handle(message.get());
            adapter.send(reply);
        } catch (MessagingException e) {
            LOG.log(System.Logger.Level.WARNING, "Telegram reply not sent: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Telegram update failed", e);
        } finally {
            slots.release();
        }
    }

    /** The photo could not be fetched: say so, so the person sends it again rather than think it arrived. */
    private void apologise(byte[] body) {
        try {
            JsonNode chat = Json.mapper().readTree(body).path("message").path("chat").path("id");
            if (chat.isIntegralNumber()) {
                adapter.send(new Reply(chat.asText(), "Sorry, I could not fetch your message from Telegram. Please send it again."));
            }
        } catch (IOException | MessagingException e) {
            LOG.log(System.Logger.Level.WARNING, "Telegram apology not sent: " + e.getMessage());
        }
    }
}
