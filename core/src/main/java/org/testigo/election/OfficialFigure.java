package org.testigo.election;

import java.math.BigDecimal;

/**
 * One number an authority announced: {@code item} is a candidate id, or one of {@link #OTHERS},
 * {@link #VALID}, {@link #NULL}, {@link #CAST}, {@link #TABLES_PERCENT}, {@link #TURNOUT_PERCENT}.
 */
public record OfficialFigure(String item, BigDecimal value) {
    public static final String OTHERS = "others";
    public static final String VALID = "valid";
    public static final String NULL = "null";
    public static final String CAST = "cast";
    public static final String TABLES_PERCENT = "tables_percent";
    public static final String TURNOUT_PERCENT = "turnout_percent";

    public OfficialFigure {
        if (item == null || item.isBlank() || value == null) {
            throw new IllegalArgumentException("an official figure needs an item and a value");
        }
    }
}
