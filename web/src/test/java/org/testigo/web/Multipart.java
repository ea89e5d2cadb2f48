package org.testigo.web;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.testigo.store.Role;

/** A multipart/form-data body written by hand, so that tests can also write it wrong. */
final class Multipart {
    static final String BOUNDARY = "----testigo-test-boundary-7MA4YWxkTrZu0gW";

    record Part(String name, String fileName, String contentType, byte[] bytes) {
    }

    private final List<Part> parts = new ArrayList<>();
    private boolean closed = true;

    static Multipart form() {
        return new Multipart();
    }

    Multipart image(byte[] bytes) {
        return part(new Part("image", "acta.jpg", "image/jpeg", bytes));
    }

    Multipart text(String name, String value) {
        return part(new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8)));
    }

    Multipart part(Part p) {
        parts.add(p);
        return this;
    }

    /** Leaves out the closing boundary, as a truncated upload does. */
    Multipart unclosed() {
        closed = false;
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder h = new StringBuilder("--").append(BOUNDARY).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.name()).append('"');
            if (p.fileName() != null) {
                h.append("; filename=\"").append(p.fileName()).append('"');
            }
            h.append("\r\n");
            if (p.contentType() != null) {
                h.append("Content-Type: ").append(p.contentType()).append("\r\n");
            }
            h.append("\r\n");
            out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (closed) {
            out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    HttpRequest request(LiveServer live, Role role) {
        return request(live, role, "multipart/form-data; boundary=" + BOUNDARY);
    }

    HttpRequest request(LiveServer live, Role role, String contentType) {
        return HttpRequest.newBuilder(live.uri("/api/v1/submissions"))
                .header("Authorization", "Bearer " + live.tokens.get(role))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes())).build();
    }
}
