package org.testigo.scan;

import java.util.List;
import org.testigo.tally.Decoding;
import org.testigo.tally.TallyFormat;

/** What Testigo made of one acta image. */
public sealed interface ActaReading permits ActaReading.Read, ActaReading.Unreadable, ActaReading.Refused {

    /** Time from bytes to answer, milliseconds. */
    long millis();

    /** The QR codes yielded a tally through the format (which may still fail its own checks). */
    record Read(TallyFormat format, List<String> payloads, Decoding.Decoded decoded, String strategy, long millis)
            implements ActaReading {
        public Read {
            payloads = List.copyOf(payloads);
        }
    }

    /**
     * The image loaded but gave no tally: no QR code at all ({@code payloads} empty), or codes that are not
     * a valid tally for any known format (then {@code problem} says why). A person must transcribe it.
     */
    record Unreadable(List<String> payloads, String problem, String strategy, long millis) implements ActaReading {
        public Unreadable {
            payloads = List.copyOf(payloads);
        }
    }

    /** The file is not an image Testigo will decode. */
    record Refused(ImageRefusal refusal, long millis) implements ActaReading {
    }
}
