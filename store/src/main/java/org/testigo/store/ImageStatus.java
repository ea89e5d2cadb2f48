package org.testigo.store;

import java.util.Locale;

/** Where an image submission stands; stored and published by {@link #label()}. */
public enum ImageStatus {
    /** Received, waiting for (or in) a decoding worker. */
    DECODING,
    /** Its QR codes gave a tally, recorded as evidence. */
    DECODED,
    /** It loaded but gave no tally: a person must read it. */
    NEEDS_TRANSCRIPTION,
    /** Not a decodable image, or a tally that cannot count. */
    REJECTED;

    /** The stored, lowercase name, e.g. {@code needs-transcription}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isFinal() {
        return this != DECODING;
    }

    static ImageStatus ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
