package org.testigo.messaging;

import java.util.Optional;

/**
 * A messaging platform as Testigo uses it: webhook bodies in, text replies out. Telegram's Bot API is the
 * first ({@link org.testigo.messaging.telegram.TelegramAdapter}); a WhatsApp Business Cloud adapter would
 * read its own webhook JSON and fetch media by id the same way, and everything past this interface
 * ({@link MessageIntake}: pseudonyms, intake, the answer) stays as it is.
 */
public interface MessagingAdapter {
    /** The platform's short name, which also prefixes its senders' pseudonyms. */
    String platform();

    /**
     * Reads one webhook delivery, fetching its photo if it has one. Empty for deliveries that are not a
     * person's message (edits, joins, reactions): nothing to answer.
     *
     * @throws MessagingException when the body is not what the platform sends, or its photo cannot be fetched
     */
    Optional<IncomingMessage> read(byte[] webhookBody) throws MessagingException;

    /** Sends {@code reply}. @throws MessagingException when the platform refuses it or cannot be reached */
    void send(Reply reply) throws MessagingException;
}
