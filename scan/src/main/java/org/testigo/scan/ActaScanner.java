package org.testigo.scan;

import boofcv.struct.image.GrayU8;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.testigo.tally.Decoding;
import org.testigo.tally.Problem;
import org.testigo.tally.TallyContext;
import org.testigo.tally.TallyFormat;
import org.testigo.tally.TallyFormats;

/**
 * Image bytes in, the acta's tally out: loads the image safely, scans it with the cascade until the
 * codes make a valid tally, and decodes them with the election's format (or, with no election, the
 * format the payloads name themselves). Thread-safe; needs no database.
 */
public final class ActaScanner {

    private final ImageLoader loader;
    private final QrCascade cascade;
    private final TallyFormats formats;

    public ActaScanner(ImageLoader loader, QrCascade cascade, TallyFormats formats) {
        this.loader = loader;
        this.cascade = cascade;
        this.formats = formats;
    }

    public static ActaScanner standard() {
        return new ActaScanner(new ImageLoader(), new QrCascade(), TallyFormats.installed());
    }

    /**
     * @param format the election's format, or null to guess it from the payloads
     * @param context the election's tally context, or null for the format's default
     */
    public ActaReading read(byte[] bytes, TallyFormat format, TallyContext context) {
        long start = System.nanoTime();
        LoadedGray image;
        try {
            image = loader.loadGray(bytes);
        } catch (ImageRefusal refusal) {
            return new ActaReading.Refused(refusal, elapsed(start));
        }
        return read(image.gray(), format, context, start);
    }

    /** Scans an image already loaded; {@code start} is when the work on it began (System.nanoTime). */
    public ActaReading read(LoadedImage image, TallyFormat format, TallyContext context, long start) {
        return read(Gray.of(image.pixels()), format, context, start);
    }

    /** Scans a grey picture, upright; {@code start} is when the work on it began (System.nanoTime). */
    public ActaReading read(GrayU8 gray, TallyFormat format, TallyContext context, long start) {
        Predicate<List<String>> valid = payloads -> decode(payloads, format, context)
                .map(d -> d.decoding() instanceof Decoding.Decoded).orElse(false);
        ScanResult scan = cascade.scan(gray, valid, start);
        List<String> payloads = scan.payloads();
        if (payloads.isEmpty()) {
            return new ActaReading.Unreadable(List.of(), "no QR code was found in the image", scan.strategy(), elapsed(start));
        }
        Optional<Attempt> attempt = decode(payloads, format, context);
        if (attempt.isEmpty()) {
            return new ActaReading.Unreadable(payloads, "the QR text matches no known tally format (known: " + formats.ids() + ")",
                    scan.strategy(), elapsed(start));
        }
        Attempt a = attempt.get();
        if (a.decoding() instanceof Decoding.Decoded decoded) {
            return new ActaReading.Read(a.format(), payloads, decoded, scan.strategy(), elapsed(start));
        }
        Decoding.Refused refused = (Decoding.Refused) a.decoding();
        Problem first = refused.problems().get(0);
        return new ActaReading.Unreadable(payloads, "the QR code is not a valid " + a.format().id() + " tally: " + first.field() + ": "
                + first.message(), scan.strategy(), elapsed(start));
    }

    private record Attempt(TallyFormat format, Decoding decoding) {
    }

    private Optional<Attempt> decode(List<String> payloads, TallyFormat format, TallyContext context) {
        TallyFormat f = format != null ? format : formats.guess(payloads).orElse(null);
        if (f == null) {
            return Optional.empty();
        }
        TallyContext c = context != null ? context : f.defaultContext().orElse(null);
        if (c == null) {
            return Optional.empty();
        }
        return Optional.of(new Attempt(f, f.decode(payloads, c)));
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
