package org.testigo.tally.brbu;

import java.util.List;
import java.util.OptionalInt;

/**
 * One election block of a BU: {@code IDEL}, optional SA counts (MAJO, PROP), and its cargos.
 *
 * @param fields the election's own records other than IDEL (MAJO, PROP, unknown keys)
 */
public record BuElection(int code, List<BuField> fields, List<BuCargo> cargos) {
    public BuElection {
        fields = List.copyOf(fields);
        cargos = List.copyOf(cargos);
    }

    public OptionalInt count(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst().map(BuField::count).orElse(OptionalInt.empty());
    }
}
