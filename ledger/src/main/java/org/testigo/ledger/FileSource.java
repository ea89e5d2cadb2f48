package org.testigo.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a log (or a whole published bundle) is read from: a folder or a base URL, addressed by the same
 * relative paths ({@code checkpoint}, {@code tile/0/000}…). Monitors and the verifier read a mirror on a
 * USB stick and the live server with the same code.
 */
public interface FileSource {

    /** The file at {@code relativePath}, or empty when there is none (404, no such file). */
    Optional<byte[]> read(String relativePath) throws IOException;

    /** For messages: the folder or URL. */
    String describe();

    /** A folder, or a URL when {@code location} starts with http:// or https://. */
    static FileSource of(String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return new Http(URI.create(location.endsWith("/") ? location : location + "/"));
        }
        return new Directory(Path.of(location));
    }

    /** Files under a folder; paths that would leave it are refused. */
    record Directory(Path root) implements FileSource {
        @Override
        public Optional<byte[]> read(String relativePath) throws IOException {
            Path base = root.toAbsolutePath().normalize();
            Path file = base.resolve(relativePath).normalize();
            if (!file.startsWith(base)) {
                throw new IOException("the path " + relativePath + " leaves " + root);
            }
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public String describe() {
            return root.toString();
        }
    }

    /** Files under a base URL (which ends with /), over HTTP(S), at most {@code MAX_BYTES} each. */
    record Http(URI base) implements FileSource {
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        static final long MAX_BYTES = 256L * 1024 * 1024;

        @Override
        public Optional<byte[]> read(String relativePath) throws IOException {
            URI uri = base.resolve(relativePath);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
            try {
                HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new IOException(uri + " answered HTTP " + response.statusCode());
                }
                if (response.body().length > MAX_BYTES) {
                    throw new IOException(uri + " sent more than " + MAX_BYTES + " bytes");
                }
                return Optional.of(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading " + uri, e);
            }
        }

        @Override
        public String describe() {
            return base.toString();
        }
    }
}
