package org.testigo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testigo.intake.ActaPictures;
import org.testigo.messaging.telegram.TelegramSettings;
import org.testigo.synth.SyntheticTable;
import org.testigo.views.Json;
import org.testigo.web.http.RateLimits;

/**
 * The Telegram bot end to end, against a recorded-exchange stand-in for the Bot API (Telegram itself cannot
 * be reached from here): a real HTTP server that answers {@code getFile}, the file download and
 * {@code sendMessage} with the JSON shapes the Bot API documents and records what the bot sent. Updates
 * reach the webhook over real HTTP as Telegram posts them.
 */
class TelegramWebhookTest {
    static final String TOKEN = "123456789:AAHfAKEfakeTOKENforTHEstandIN_0123";
    static final String SECRET = "webhook-secret-0123456789";

    LiveServer live;
    TestigoServer bot;
    BotApiStandIn telegram;

    @BeforeEach
    void start() throws IOException {
        live = new LiveServer(10, 41);
        telegram = new BotApiStandIn();
        byte[] salt = "a salt of at least sixteen bytes".getBytes(StandardCharsets.UTF_8);
        bot = TestigoServer.start(live.deployment, "127.0.0.1", 0, RateLimits.Settings.defaults(), null,
                new TelegramSettings(TOKEN, SECRET, telegram.base(), salt, URI.create("https://testigo.example.org/")));
    }

    @AfterEach
    void stop() {
        bot.close();
        telegram.close();
        live.close();
    }

    @Test
    void aReadablePhotoIsAnsweredWithItsTableAndAReceiptLink() throws Exception {
        SyntheticTable t = live.synth.table(3);
        telegram.files.put("photos/file_7.jpg", ActaPictures.jpeg(t.payload()));
        assertThat(post(photoUpdate(1, 5550001L, 777L, "AgAD-photo-7", "photos/file_7.jpg")).status()).isEqualTo(200);

        Sent reply = telegram.awaitMessage();
        assertThat(reply.chatId()).isEqualTo("5550001");
        assertThat(reply.text()).contains("table " + t.table().id().value());
        Matcher link = Pattern.compile("https://testigo\\.example\\.org/api/v1/evidence/(\\d+)").matcher(reply.text());
        assertThat(link.find()).as(reply.text()).isTrue();
        JsonNode evidence = live.get("/api/v1/evidence/" + link.group(1)).json();
        assertThat(evidence.get("channel").asText()).isEqualTo("image");
        assertThat(evidence.get("table").asText()).isEqualTo(t.table().id().value());
        String submitter = evidence.get("submitter").asText();
        assertThat(submitter).matches("telegram-[0-9a-f]{16}").doesNotContain("777");
        assertThat(telegram.calls).contains("getFile?file_id=AgAD-photo-7", "file/photos/file_7.jpg", "sendMessage");
    }

    @Test
    void aPhotoWithoutAReadableCodeGetsAskedForABetterOneAndWaitsForVolunteers() throws Exception {
        telegram.files.put("photos/file_8.jpg", ActaPictures.withoutCode(4));
        post(photoUpdate(2, 5550002L, 778L, "AgAD-photo-8", "photos/file_8.jpg"));
        Sent reply = telegram.awaitMessage();
        assertThat(reply.text()).contains("could not read").contains("better photo");
        JsonNode queue = live.get("/api/v1/transcriptions", org.testigo.store.Role.VOLUNTEER).json();
        assertThat(queue.get("items")).hasSize(1);
    }

    @Test
    void qrTextIsTakenAsAnActaAndTheSameSenderIsTheSamePseudonym() throws Exception {
        SyntheticTable t = live.synth.table(6);
        post(textUpdate(3, 5550003L, 779L, t.payload()));
        Sent first = telegram.awaitMessage();
        assertThat(first.text()).startsWith("Received: the acta of table " + t.table().id().value());
        post(textUpdate(4, 5550003L, 779L, t.payload()));
        assertThat(telegram.awaitMessage().text()).startsWith("Already received:");

        post(textUpdate(5, 5550004L, 780L, "not an acta"));
        assertThat(telegram.awaitMessage().text()).contains("not the QR code of an acta");
        JsonNode table = live.get("/api/v1/tables/" + t.table().id().value()).json();
        assertThat(table.get("status").asText()).as("one sender twice is one copy").isEqualTo("provisional");
    }

    @Test
    void onlyTelegramWithTheSecretReachesTheBot() throws Exception {
        String update = textUpdate(6, 1L, 2L, "hello");
        assertThat(send("/api/v1/telegram/wrong-secret-0123456789", SECRET, update).status()).isEqualTo(404);
        assertThat(send("/api/v1/telegram/" + SECRET, null, update).status()).isEqualTo(403);
        assertThat(send("/api/v1/telegram/" + SECRET, "wrong", update).json().get("error").asText()).isEqualTo("SECRET_INVALID");
        assertThat(send("/api/v1/telegram/" + SECRET, SECRET, "{\"no\":1}").json().get("error").asText()).isEqualTo("NOT_AN_UPDATE");
        assertThat(live.server.endpoints()).noneMatch(e -> e.path().startsWith("/api/v1/telegram"));
        assertThat(telegram.messages.poll(500, TimeUnit.MILLISECONDS)).as("nothing answered").isNull();
    }

    @Test
    void aFileTheBotApiCannotServeIsAnsweredWithARequestToSendItAgain() throws Exception {
        post(photoUpdate(7, 5550009L, 781L, "AgAD-gone", "photos/missing.jpg"));
        assertThat(telegram.awaitMessage().text()).contains("send it again");
    }

    // ---- Bot API updates, as Telegram posts them (https://core.telegram.org/bots/api#update) ----

    static String photoUpdate(long updateId, long chatId, long userId, String fileId, String filePath) {
        BotApiStandIn.PATHS.put(fileId, filePath);
        return """
                {"update_id": %d, "message": {"message_id": 10, "date": 1722189900,
                 "from": {"id": %d, "is_bot": false, "first_name": "Ana", "username": "ana_testigo", "language_code": "es"},
                 "chat": {"id": %d, "first_name": "Ana", "username": "ana_testigo", "type": "private"},
                 "photo": [{"file_id": "%s-small", "file_unique_id": "s1", "file_size": 1200, "width": 90, "height": 120},
                           {"file_id": "%s", "file_unique_id": "s2", "file_size": 48211, "width": 400, "height": 600}],
                 "caption": "mesa 1, centro San José"}}""".formatted(updateId, userId, chatId, fileId, fileId);
    }

    static String textUpdate(long updateId, long chatId, long userId, String text) {
        return """
                {"update_id": %d, "message": {"message_id": 11, "date": 1722189901,
                 "from": {"id": %d, "is_bot": false, "first_name": "Luis"},
                 "chat": {"id": %d, "first_name": "Luis", "type": "private"}, "text": %s}}"""
                .formatted(updateId, userId, chatId, new String(Json.bytes(text), StandardCharsets.UTF_8));
    }

    LiveServer.Answer post(String update) {
        return send("/api/v1/telegram/" + SECRET, SECRET, update);
    }

    LiveServer.Answer send(String path, String header, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bot.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            b.header("X-Telegram-Bot-Api-Secret-Token", header);
        }
        return live.send(b.build());
    }

    record Sent(String chatId, String text) {
    }

    /**
     * The Bot API as recorded: the envelope {@code {"ok": …, "result": …}}, {@code getFile}'s File object,
     * files under {@code /file/bot<token>/}, and {@code sendMessage} answering the Message it sent.
     */
    static final class BotApiStandIn implements AutoCloseable {
        static final Map<String, String> PATHS = new ConcurrentHashMap<>();
        final Map<String, byte[]> files = new ConcurrentHashMap<>();
        final BlockingQueue<Sent> messages = new LinkedBlockingQueue<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        BotApiStandIn() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        Sent awaitMessage() throws InterruptedException {
            Sent s = messages.poll(60, TimeUnit.SECONDS);
            assertThat(s).as("a sendMessage within 60 s").isNotNull();
            return s;
        }

        private void handle(HttpExchange x) throws IOException {
            String path = x.getRequestURI().getRawPath();
            String query = x.getRequestURI().getRawQuery();
            if (path.startsWith("/file/bot" + TOKEN + "/")) {
                String file = path.substring(("/file/bot" + TOKEN + "/").length());
                calls.add("file/" + file);
                byte[] bytes = files.get(file);
                if (bytes == null) {
                    answer(x, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                } else {
                    answer(x, 200, bytes);
                }
                return;
            }
            if (!path.startsWith("/bot" + TOKEN + "/")) {
                answer(x, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String method = path.substring(("/bot" + TOKEN + "/").length());
            calls.add(method + (query == null ? "" : "?" + query));
            switch (method) {
                case "getFile" -> {
                    String fileId = query.substring("file_id=".length());
                    String filePath = PATHS.get(fileId);
                    answer(x, 200, ("{\"ok\":true,\"result\":{\"file_id\":\"" + fileId + "\",\"file_unique_id\":\"AQAD\","
                            + "\"file_size\":48211,\"file_path\":\"" + filePath + "\"}}").getBytes(StandardCharsets.UTF_8));
                }
                case "sendMessage" -> {
                    JsonNode body = Json.mapper().readTree(x.getRequestBody().readAllBytes());
                    messages.add(new Sent(body.get("chat_id").asText(), body.get("text").asText()));
                    answer(x, 200, ("{\"ok\":true,\"result\":{\"message_id\":12,\"date\":1722189902,\"chat\":{\"id\":"
                            + body.get("chat_id").asText() + ",\"type\":\"private\"},\"text\":"
                            + new String(Json.bytes(body.get("text").asText()), StandardCharsets.UTF_8) + "}}").getBytes(StandardCharsets.UTF_8));
                }
                default -> answer(x, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}"
                        .getBytes(StandardCharsets.UTF_8));
            }
        }

        private static void answer(HttpExchange x, int status, byte[] body) {
            try (x) {
                x.getResponseHeaders().set("Content-Type", status == 200 && body.length > 0 && body[0] != '{' ? "image/jpeg" : "application/json");
                x.sendResponseHeaders(status, body.length);
                x.getResponseBody().write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
