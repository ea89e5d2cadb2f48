package org.testigo.scan.synth;

import java.util.List;

/**
 * One generated acta picture, encoded as a phone or scanner would have sent it.
 *
 * @param name a stable file name, e.g. {@code hard-glare-007.jpg}
 * @param category how it was degraded
 * @param format the tally format of its payloads ({@code ve-2024} or {@code br-bu})
 * @param payloads the QR texts printed on it, in print order: what a perfect reader returns
 * @param bytes the encoded image
 * @param mediaType {@code image/jpeg} or {@code image/png}
 */
public record SyntheticActa(String name, Category category, String format, List<String> payloads, byte[] bytes, String mediaType,
        int width, int height) {

    public SyntheticActa {
        payloads = List.copyOf(payloads);
    }

    /** True when {@code found} holds every payload printed on this acta. */
    public boolean readBy(java.util.Collection<String> found) {
        return found.containsAll(payloads);
    }
}
