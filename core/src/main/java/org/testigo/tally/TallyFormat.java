package org.testigo.tally;

import java.util.List;
import java.util.Optional;

/**
 * A machine-readable tally format (one country's acta QR). Implementations are stateless and
 * thread-safe, found through {@link java.util.ServiceLoader}: a new country is one class plus its
 * ballot and key files.
 */
public interface TallyFormat {

    /** Stable id used in election packages and the API, e.g. {@code ve-2024}. */
    String id();

    /** One line for people. */
    String description();

    /** Cheap test that the payloads look like this format's own; used to guess the format. */
    boolean recognizes(List<String> payloads);

    /** The context to decode with when no election is loaded, when the format has a standard ballot. */
    Optional<TallyContext> defaultContext();

    /**
     * Reads one acta given as the text of its QR code(s), in any order. Never throws on bad input:
     * every way the payload can be wrong is a {@link Problem} naming the field.
     */
    Decoding decode(List<String> payloads, TallyContext context);
}
