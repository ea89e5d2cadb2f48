package org.testigo.store;

/**
 * Stored content, named by its SHA-256.
 *
 * @param sha256Hex lowercase hex of the SHA-256 of {@code bytes}
 * @param mediaType as declared by the first submission of these bytes, e.g. {@code text/plain}
 */
public record Blob(String sha256Hex, String mediaType, byte[] bytes) {
    public Blob {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
