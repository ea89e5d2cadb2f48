package org.testigo.messaging.telegram;

import java.net.URI;

/**
 * How a deployment runs its Telegram bot.
 *
 * @param token the bot's token (from BotFather; read from a file, never from the command line)
 * @param secret the webhook secret: the last path segment of {@code /api/v1/telegram/{secret}} and the
 *     {@code X-Telegram-Bot-Api-Secret-Token} header Telegram sends (set with {@code setWebhook}'s
 *     {@code secret_token}); 1–256 of {@code A-Z a-z 0-9 _ -}, as Telegram allows
 * @param apiBase the Bot API's base URL ({@link TelegramBotApi#DEFAULT_BASE})
 * @param salt the pseudonym salt (at least 16 bytes; keep it: another salt makes everyone a new submitter)
 * @param publicBase where people reach this deployment: receipt links in replies point there
 */
public record TelegramSettings(String token, String secret, URI apiBase, byte[] salt, URI publicBase) {
    public TelegramSettings {
        if (secret == null || !secret.matches("[A-Za-z0-9_-]{16,256}")) {
            throw new IllegalArgumentException("the Telegram webhook secret must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (apiBase == null || publicBase == null) {
            throw new IllegalArgumentException("the Bot API base URL and the public URL are required");
        }
        new TelegramBotApi(apiBase, token); // checks the token's shape
    }
}
