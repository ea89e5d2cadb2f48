package org.testigo.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.testigo.messaging.telegram.TelegramBotApi;
import org.testigo.messaging.telegram.TelegramSettings;
import picocli.CommandLine.Option;

/**
 * The Telegram bot for `serve`: off unless a token file is given ({@code --telegram-token-file} or
 * {@code TESTIGO_TELEGRAM_TOKEN_FILE}). The token is read from a file, never taken on the command line, where
 * every user of the machine could read it in the process list.
 */
final class TelegramOptions {
    @Option(names = "--telegram-token-file", paramLabel = "FILE",
            description = "Run the Telegram bot with the token (from BotFather) in FILE. Env: TESTIGO_TELEGRAM_TOKEN_FILE. Off by default.")
    Path tokenFile;

    @Option(names = "--telegram-secret", paramLabel = "S",
            description = "The webhook secret (16-256 of A-Z a-z 0-9 _ -): the webhook is POST /api/v1/telegram/S and Telegram must "
                    + "send S as X-Telegram-Bot-Api-Secret-Token (setWebhook's secret_token). Env: TESTIGO_TELEGRAM_SECRET.")
    String secret;

    @Option(names = "--telegram-api", paramLabel = "URL",
            description = "The Bot API's base URL (default: https://api.telegram.org/; a local Bot API server works too).")
    URI api;

    @Option(names = "--telegram-salt-file", paramLabel = "FILE",
            description = "The salt that turns Telegram user ids into pseudonyms (created with 32 random bytes if absent; "
                    + "default DATA/telegram-pseudonym.salt). Keep it: a new salt makes every sender a new submitter.")
    Path saltFile;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Where people reach this deployment; the bot's receipt links point there (default: the local URL). "
                    + "Env: TESTIGO_PUBLIC_URL.")
    URI publicUrl;

    /** The bot's settings, or null when no token file is given. */
    TelegramSettings settings(Path data, String host, int port) {
        Path token = tokenFile != null ? tokenFile : env("TESTIGO_TELEGRAM_TOKEN_FILE") == null ? null : Path.of(env("TESTIGO_TELEGRAM_TOKEN_FILE"));
        if (token == null) {
            return null;
        }
        String s = secret != null ? secret : env("TESTIGO_TELEGRAM_SECRET");
        if (s == null) {
            throw new UserError("--telegram-token-file needs --telegram-secret (or TESTIGO_TELEGRAM_SECRET)");
        }
        URI publicBase = publicUrl != null ? publicUrl : env("TESTIGO_PUBLIC_URL") != null ? URI.create(env("TESTIGO_PUBLIC_URL"))
                : URI.create("http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + port + "/");
        try {
            String t = Files.readString(token, StandardCharsets.UTF_8).strip();
            return new TelegramSettings(t, s, api != null ? api : TelegramBotApi.DEFAULT_BASE,
                    salt(saltFile != null ? saltFile : data.resolve("telegram-pseudonym.salt")), publicBase);
        } catch (IOException e) {
            throw new UserError("cannot read the Telegram token or salt: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserError("Telegram: " + e.getMessage());
        }
    }

    private static byte[] salt(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readAllBytes(file);
        }
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, salt);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own permissions apply
        }
        return salt;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }
}
