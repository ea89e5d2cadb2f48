package org.testigo.tally;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The formats available to this build, by id. */
public final class TallyFormats {
    private final Map<String, TallyFormat> byId;

    public TallyFormats(List<TallyFormat> formats) {
        Map<String, TallyFormat> map = new LinkedHashMap<>();
        for (TallyFormat f : formats) {
            if (map.put(f.id(), f) != null) {
                throw new IllegalStateException("two tally formats claim id " + f.id());
            }
        }
        this.byId = Map.copyOf(map);
    }

    /** Every format on the class path (this build ships ve-2024 and br-bu). */
    public static TallyFormats installed() {
        return new TallyFormats(ServiceLoader.load(TallyFormat.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public Optional<TallyFormat> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<String> ids() {
        return byId.keySet().stream().sorted().toList();
    }

    /** The format whose {@link TallyFormat#recognizes} accepts the payloads, when exactly one does. */
    public Optional<TallyFormat> guess(List<String> payloads) {
        List<TallyFormat> hits = byId.values().stream().filter(f -> f.recognizes(payloads)).toList();
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }
}
