package org.testigo.messaging.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.testigo.messaging.MessagingException;
import org.testigo.views.Json;

/**
 * The three Bot API calls the bot needs, over HTTPS to {@code https://api.telegram.org} (or another base URL:
 * a local Bot API server, or the recorded-exchange stand-in the tests run): {@code getFile}, the file
 * download ({@code /file/bot<token>/<file_path>}) and {@code sendMessage}. Every answer is the Bot API's
 * envelope {@code {"ok": true, "result": …}} or {@code {"ok": false, "description": …}}.
 */
public final class TelegramBotApi {
    /** Telegram's own base URL. */
    public static final URI DEFAULT_BASE = URI.create("https://api.telegram.org/");

    /** The Bot API serves bots files of at most 20 MB; a larger claim is not downloaded. */
    public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public TelegramBotApi(URI base, String token) {
        if (token == null || !token.matches("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}")) {
            throw new IllegalArgumentException("a Telegram bot token looks like 123456:ABC-DEF… (as BotFather gives it)");
        }
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.token = token;
    }

    /** {@code getFile}: where the file of {@code fileId} can be downloaded (its {@code file_path}). */
    public String filePath(String fileId) throws MessagingException {
        JsonNode result = call(HttpRequest.newBuilder(method("getFile?file_id=" + URLEncoder.encode(fileId, StandardCharsets.UTF_8))).GET());
        JsonNode path = result.get("file_path");
        if (path == null || !path.isTextual()) {
            throw new MessagingException("getFile answered without a file_path (the file is too large for bots, or gone)");
        }
        if (result.path("file_size").asLong(0) > MAX_FILE_BYTES) {
            throw new MessagingException("the file is larger than the Bot API serves bots (20 MB)");
        }
        return path.textValue();
    }

    /** Downloads a file by the path {@link #filePath} gave. */
    public byte[] download(String filePath) throws MessagingException {
        if (filePath.contains("..") || filePath.startsWith("/") || !filePath.matches("[A-Za-z0-9._/-]{1,256}")) {
            throw new MessagingException("getFile gave an unexpected file path");
        }
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "file/bot" + token + "/" + filePath))
                .timeout(Duration.ofSeconds(60)).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new MessagingException("downloading a file answered HTTP " + r.statusCode());
        }
        if (r.body().length > MAX_FILE_BYTES) {
            throw new MessagingException("the downloaded file is over 20 MB");
        }
        return r.body();
    }

    /** {@code sendMessage}: plain text to a chat (no parse mode: nothing in the text is markup). */
    public void sendMessage(String chatId, String text) throws MessagingException {
        byte[] body = Json.bytes(Map.of("chat_id", chatId, "text", text, "link_preview_options", Map.of("is_disabled", true)));
        call(HttpRequest.newBuilder(method("sendMessage")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private URI method(String nameAndQuery) {
        // Concatenated, not resolved: "bot123:…" would read as a URI scheme.
        return URI.create(base + "bot" + token + "/" + nameAndQuery);
    }

    private JsonNode call(HttpRequest.Builder request) throws MessagingException {
        HttpResponse<byte[]> r = send(request.timeout(Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode envelope;
        try {
            envelope = Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new MessagingException("the Bot API answered HTTP " + r.statusCode() + " with something that is not JSON");
        }
        if (envelope == null || !envelope.path("ok").asBoolean(false)) {
            throw new MessagingException("the Bot API refused the call: HTTP " + r.statusCode() + " "
                    + (envelope == null ? "" : envelope.path("description").asText("")));
        }
        return envelope.path("result");
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws MessagingException {
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            // The token is in the URL: never put the URL in a message that may be logged.
            throw new MessagingException("the Bot API cannot be reached at " + base.getHost() + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while calling the Bot API", e);
        }
    }
}
