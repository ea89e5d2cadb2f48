package org.testigo.messaging.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.testigo.messaging.IncomingMessage;
import org.testigo.messaging.MessagingAdapter;
import org.testigo.messaging.MessagingException;
import org.testigo.messaging.Reply;
import org.testigo.views.Json;

/**
 * Telegram's Bot API behind {@link MessagingAdapter}: reads a webhook {@code Update}, takes its
 * {@code message} (text, or a photo with an optional caption, or an image sent as a file), fetches the
 * photo's largest size through {@code getFile} and the file download, and answers with {@code sendMessage}.
 * Only the chat id (to answer) and the sender's numeric user id (to make a pseudonym) are read: names,
 * usernames and phone numbers in the update are ignored.
 */
public final class TelegramAdapter implements MessagingAdapter {
    public static final String PLATFORM = "telegram";

    private final TelegramBotApi api;

    public TelegramAdapter(TelegramBotApi api) {
        this.api = api;
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public Optional<IncomingMessage> read(byte[] webhookBody) throws MessagingException {
        JsonNode update;
        try {
            update = Json.mapper().readTree(webhookBody);
        } catch (IOException e) {
            throw new MessagingException("the webhook body is not JSON");
        }
        if (update == null || !update.isObject() || !update.path("update_id").isIntegralNumber()) {
            throw new MessagingException("the webhook body is not a Telegram Update (no update_id)");
        }
        JsonNode message = update.get("message");
        if (message == null || !message.isObject()) {
            return Optional.empty(); // edits, channel posts, member changes: nothing to take in
        }
        JsonNode chat = message.path("chat").path("id");
        JsonNode from = message.path("from").path("id");
        if (!chat.isIntegralNumber() || !from.isIntegralNumber()) {
            return Optional.empty(); // an anonymous channel or group post: no person to answer or to name
        }
        String text = message.path("text").isTextual() ? message.get("text").textValue()
                : message.path("caption").asText("");
        Optional<String> fileId = photoFileId(message);
        Optional<byte[]> photo = Optional.empty();
        if (fileId.isPresent()) {
            photo = Optional.of(api.download(api.filePath(fileId.get())));
        }
        return Optional.of(new IncomingMessage(PLATFORM, chat.asText(), from.asText(), text, photo));
    }

    /** The largest size of a photo, or an image sent uncompressed as a document (sharper: better for QR codes). */
    private static Optional<String> photoFileId(JsonNode message) {
        JsonNode document = message.get("document");
        if (document != null && document.path("mime_type").asText("").startsWith("image/") && document.path("file_id").isTextual()) {
            return Optional.of(document.get("file_id").textValue());
        }
        JsonNode sizes = message.get("photo");
        if (sizes == null || !sizes.isArray() || sizes.isEmpty()) {
            return Optional.empty();
        }
        JsonNode best = null;
        for (JsonNode s : sizes) {
            if (s.path("file_id").isTextual() && (best == null || area(s) > area(best))) {
                best = s;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.get("file_id").textValue());
    }

    private static long area(JsonNode size) {
        return size.path("width").asLong(0) * size.path("height").asLong(0);
    }

    @Override
    public void send(Reply reply) throws MessagingException {
        api.sendMessage(reply.conversation(), reply.text());
    }
}
