package org.testigo.intake;

import java.util.List;
import org.testigo.store.Channel;

/**
 * What a witness (or a tool) sends: the text of an acta's QR code(s), the format they claim
 * ({@code null} for the election's own), how it came ({@code channel}) and who sent it (a pseudonym).
 */
public record Submission(String format, List<String> payloads, Channel channel, String submitter) {

    public Submission {
        payloads = List.copyOf(payloads);
        if (channel == null || submitter == null || submitter.isBlank()) {
            throw new IllegalArgumentException("a submission needs a channel and a submitter");
        }
    }
}
