package org.testigo.ledger;

import java.util.Base64;

/** Standard base64 (RFC 4648 §4) that says what it was reading when the text is not base64. */
final class Base64Strict {
    private Base64Strict() {
    }

    static byte[] decode(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not standard base64: " + e.getMessage(), e);
        }
    }
}
