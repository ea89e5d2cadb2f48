package org.testigo.messaging;

import java.util.Optional;

/**
 * One message a person sent the deployment through a messaging platform, as every adapter hands it on:
 * who (the platform's own id for the sender, turned into a pseudonym before anything is stored), where to
 * answer, and what it carries. The sender's name or phone number never gets this far.
 *
 * @param platform the adapter's name ({@code telegram}, later {@code whatsapp})
 * @param conversation where a reply goes (Telegram: the chat id)
 * @param sender the platform's stable id for the sender (Telegram: the user id); hashed, never stored
 * @param text the message's text or a photo's caption, stripped; empty when none
 * @param photo the photo's bytes, downloaded by the adapter, when the message carries one
 */
public record IncomingMessage(String platform, String conversation, String sender, String text, Optional<byte[]> photo) {
    public IncomingMessage {
        if (platform == null || conversation == null || sender == null) {
            throw new IllegalArgumentException("a message needs its platform, conversation and sender");
        }
        text = text == null ? "" : text.strip();
        photo = photo == null ? Optional.empty() : photo;
    }
}
