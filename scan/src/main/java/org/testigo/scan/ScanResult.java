package org.testigo.scan;

import java.util.List;

/**
 * Every QR code the cascade found in one image.
 *
 * @param codes the distinct codes found, in the order found
 * @param strategy the strategy that ended the search (or the last one tried when none succeeded)
 * @param tried how many strategies ran
 * @param nanos time spent scanning
 */
public record ScanResult(List<FoundCode> codes, String strategy, int tried, long nanos) {

    public ScanResult {
        codes = List.copyOf(codes);
    }

    public List<String> payloads() {
        return codes.stream().map(FoundCode::text).toList();
    }

    public long millis() {
        return nanos / 1_000_000;
    }
}
